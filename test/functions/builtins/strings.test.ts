import { describe, expect, it } from 'vitest';
import { call, resolve } from '../helpers.js';

const S = 'STRING';
const I = 'INT';
const B = 'BYTES';
const bytes = (s: string) => Buffer.from(s);

describe('CONCAT and CONCAT_WS', () => {
  it('concatenates strings, skipping NULLs', () => {
    expect(call('concat', [S, S, S], 'a', null, 'c')).toBe('ac');
    expect(call('concat', [S, S], null, null)).toBe('');
    expect(call('concat', [S], 'only')).toBe('only');
  });

  it('concatenates bytes', () => {
    expect(call('concat', [B, B, B], bytes('ab'), null, bytes('c'))).toEqual(bytes('abc'));
  });

  it('is ambiguous without arguments, as in ksqlDB', () => {
    expect(() => resolve('concat')).toThrow(/ambiguous/);
  });

  it('joins with a separator, NULL separator giving NULL', () => {
    expect(call('concat_ws', [S, S, S, S, S], ', ', 'apple', 'banana', null, 'date')).toBe(
      'apple, banana, date',
    );
    expect(call('concat_ws', [S, S, S], null, 'a', 'b')).toBeNull();
    expect(call('concat_ws', [B, B, B, B], bytes('-'), bytes('a'), null, bytes('b'))).toEqual(
      bytes('a-b'),
    );
    expect(() => call('concat_ws', [S], ',')).toThrow(/at least two input arguments/);
  });
});

describe('case, length and trimming', () => {
  it('changes case', () => {
    expect(call('lcase', [S], 'HeLLo')).toBe('hello');
    expect(call('ucase', [S], 'HeLLo')).toBe('HELLO');
    expect(call('ucase', [S], null)).toBeNull();
  });

  it('measures strings in UTF-16 units and bytes in bytes', () => {
    expect(call('len', [S], 'hello')).toBe(5);
    expect(call('len', [S], '😀')).toBe(2);
    expect(call('len', [B], Buffer.from([1, 2, 3]))).toBe(3);
    expect(call('len', [S], null)).toBeNull();
  });

  it('trims control characters and spaces as Java does', () => {
    expect(call('trim', [S], ' \t hi there \n')).toBe('hi there');
    expect(call('trim', [S], '\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
  });

  it('capitalizes words, dropping leading whitespace', () => {
    expect(call('initcap', [S], 'the quick  bROWN fox')).toBe('The Quick  Brown Fox');
    expect(call('initcap', [S], '  hello')).toBe('Hello');
    expect(call('initcap', [S], null)).toBeNull();
  });
});

describe('SUBSTRING', () => {
  it('is 1-based and runs to the end without a length', () => {
    expect(call('substring', [S, I], 'some_string', 6)).toBe('string');
    expect(call('substring', [S, I, I], 'some_string', 6, 3)).toBe('str');
    expect(call('substring', [S, I, I], 'short', 6, 3)).toBe('');
  });

  it('counts negative positions from the end and clamps', () => {
    expect(call('substring', [S, I], 'stream', -3)).toBe('eam');
    expect(call('substring', [S, I], 'stream', -10)).toBe('stream');
    expect(call('substring', [S, I, I], 'stream', 0, 2)).toBe('st');
    expect(call('substring', [S, I, I], 'stream', 2, -1)).toBe('');
  });

  it('works on bytes and returns NULL for NULL arguments', () => {
    expect(call('substring', [B, I, I], bytes('some_string'), 6, 3)).toEqual(bytes('str'));
    expect(call('substring', [S, I], 'x', null)).toBeNull();
    expect(call('substring', [S, I, I], 'x', 1, null)).toBeNull();
  });
});

describe('REPLACE and INSTR', () => {
  it('replaces every literal occurrence', () => {
    expect(call('replace', [S, S, S], 'a.b.c', '.', '$&')).toBe('a$&b$&c');
    expect(call('replace', [S, S, S], 'abc', '', '-')).toBe('-a-b-c-');
    expect(call('replace', [S, S, S], 'abc', null, '-')).toBeNull();
  });

  it('finds positions from the start or the end, by occurrence', () => {
    const text = 'CORPORATE FLOOR';
    expect(call('instr', [S, S], text, 'OR')).toBe(2);
    expect(call('instr', [S, S, I], text, 'OR', 3)).toBe(5);
    expect(call('instr', [S, S, I, I], text, 'OR', 3, 2)).toBe(14);
    expect(call('instr', [S, S, I], text, 'OR', -3)).toBe(5);
    expect(call('instr', [S, S, I, I], text, 'OR', -3, 2)).toBe(2);
    expect(call('instr', [S, S], text, 'MISSING')).toBe(0);
    expect(call('instr', [S, S, I], 'short', 'or', 10)).toBe(0);
    expect(call('instr', [S, S], null, 'or')).toBe(0);
  });

  it('fails on a NULL position, a Java int in ksqlDB', () => {
    expect(() => call('instr', [S, S, I], 'abc', 'b', null)).toThrow(/NULL/);
  });
});

describe('LPAD and RPAD', () => {
  it('pads and truncates strings', () => {
    expect(call('lpad', [S, I, S], 'Foo', 7, 'Bar')).toBe('BarBFoo');
    expect(call('lpad', [S, I, S], 'Foo', 2, 'Bar')).toBe('Fo');
    expect(call('lpad', [S, I, S], '', 2, 'Bar')).toBe('Ba');
    expect(call('rpad', [S, I, S], 'Foo', 7, 'Bar')).toBe('FooBarB');
    expect(call('rpad', [S, I, S], 'Foo', 2, 'Bar')).toBe('Fo');
  });

  it('returns NULL for empty or NULL padding and negative lengths', () => {
    expect(call('lpad', [S, I, S], 'Foo', 7, '')).toBeNull();
    expect(call('rpad', [S, I, S], 'Foo', -1, 'x')).toBeNull();
    expect(call('lpad', [S, I, S], 'Foo', null, 'x')).toBeNull();
  });

  it('pads bytes', () => {
    expect(call('lpad', [B, I, B], bytes('ab'), 5, bytes('xy'))).toEqual(bytes('xyxab'));
    expect(call('rpad', [B, I, B], bytes('ab'), 5, bytes('xy'))).toEqual(bytes('abxyx'));
    expect(call('rpad', [B, I, B], bytes('abcdef'), 2, bytes('x'))).toEqual(bytes('ab'));
  });
});

describe('CHR, ELT, FIELD, UUID', () => {
  it('makes characters from code points or \\u escapes', () => {
    expect(call('chr', [I], 75)).toBe('K');
    expect(call('chr', [I], 99000)).toBe('\ud820\udeb8');
    expect(call('chr', [I], -1)).toBeNull();
    expect(call('chr', [S], '\\u004b')).toBe('K');
    expect(call('chr', [S], '\\ud820\\udeb8')).toBe('\ud820\udeb8');
    expect(call('chr', [S], '75')).toBeNull();
    expect(call('chr', [S], '')).toBeNull();
  });

  it('picks and finds elements, 1-based', () => {
    expect(call('elt', [I, S, S], 2, 'a', 'b')).toBe('b');
    expect(call('elt', [I, S, S], 3, 'a', 'b')).toBeNull();
    expect(call('elt', [I, S], 0, 'a')).toBeNull();
    expect(call('field', [S, S, S], 'b', 'a', 'b')).toBe(2);
    expect(call('field', [S, S, S], null, null, 'b')).toBe(0);
    expect(call('field', [S, S], 'z', 'a')).toBe(0);
  });

  it('generates random UUIDs, or formats 16 bytes as one', () => {
    expect(call('uuid', [])).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const raw = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(call('uuid', [B], raw)).toBe('00112233-4455-6677-8899-aabbccddeeff');
    expect(call('uuid', [B], Buffer.alloc(3))).toBeNull();
  });
});

describe('SPLIT and SPLIT_TO_MAP', () => {
  it('splits on a literal delimiter, keeping empty strings', () => {
    expect(call('split', [S, S], 'a.b..c.', '.')).toEqual(['a', 'b', '', 'c', '']);
    expect(call('split', [S, S], 'abc', '')).toEqual(['a', 'b', 'c']);
    expect(call('split', [S, S], '', '')).toEqual(['']);
    expect(call('split', [S, S], 'abc', 'x')).toEqual(['abc']);
    expect(call('split', [S, S], null, 'x')).toBeNull();
  });

  it('splits bytes', () => {
    expect(call('split', [B, B], bytes('a,b,,c'), bytes(','))).toEqual(
      ['a', 'b', '', 'c'].map(bytes),
    );
    expect(call('split', [B, B], bytes('ab'), bytes(''))).toEqual([bytes('a'), bytes('b')]);
    expect(call('split', [B, B], bytes('a--b'), bytes('--'))).toEqual([bytes('a'), bytes('b')]);
  });

  it('splits into a map, the last value of a key winning', () => {
    expect(call('split_to_map', [S, S, S], 'a=1/b=2//a=3/c', '/', '=')).toEqual(
      new Map([
        ['a', '3'],
        ['b', '2'],
      ]),
    );
    expect(call('split_to_map', [S, S, S], 'a:=x:=y', '/', ':=')).toEqual(new Map([['a', 'x']]));
    expect(call('split_to_map', [S, S, S], 'a=1', '', '=')).toBeNull();
    expect(call('split_to_map', [S, S, S], 'a=1', '=', '=')).toBeNull();
  });
});
