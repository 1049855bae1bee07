import { describe, expect, it } from 'vitest';
import { call, lit, resolve } from '../helpers.js';

const S = 'STRING';
const I = 'INT';

describe('REGEXP_EXTRACT and REGEXP_EXTRACT_ALL', () => {
  it('extracts the first match or one of its groups', () => {
    expect(call('regexp_extract', [S, S], '[a-z]+', 'ABC def ghi')).toBe('def');
    expect(call('regexp_extract', [S, S, I], '(.*) (.*)', 'hello there', 2)).toBe('there');
    expect(call('regexp_extract', [S, S], 'x', 'abc')).toBeNull();
    expect(call('regexp_extract', [S, S, I], '(a)|(b)', 'b', 1)).toBeNull();
  });

  it('returns NULL for a group beyond the pattern and for NULL arguments', () => {
    expect(call('regexp_extract', [S, S, I], '(a)', 'a', 2)).toBeNull();
    expect(call('regexp_extract', [S, S], null, 'a')).toBeNull();
  });

  it('extracts every match', () => {
    expect(
      call('regexp_extract_all', [S, S, I], '(\\w+) (\\w+)', 'hello there nice day', 2),
    ).toEqual(['there', 'day']);
    expect(call('regexp_extract_all', [S, S], '\\d', 'a1b22')).toEqual(['1', '2', '2']);
    expect(call('regexp_extract_all', [S, S], 'x*', 'ab')).toEqual(['', '', '']);
  });

  it('fails on an invalid pattern', () => {
    expect(() => call('regexp_extract_all', [S, S], '(', 'a')).toThrow(
      /Invalid regular expression pattern: \(/,
    );
  });

  it('compiles a literal pattern once, and still fails per call when it is invalid', () => {
    const resolved = resolve('regexp_extract', lit(S, '(b+)'), S);
    expect(resolved.invoke('(b+)', 'abbbc')).toBe('bbb');
    const invalid = resolve('regexp_extract', lit(S, '['), S);
    expect(() => invalid.invoke('[', 'x')).toThrow(/Invalid regular expression/);
  });
});

describe('REGEXP_REPLACE', () => {
  it('replaces every match, with Java replacement syntax', () => {
    expect(call('regexp_replace', [S, S, S], 'foobar', 'o+', '0')).toBe('f0bar');
    expect(call('regexp_replace', [S, S, S], 'John Smith', '(\\w+) (\\w+)', '$2, $1')).toBe(
      'Smith, John',
    );
    expect(call('regexp_replace', [S, S, S], 'ab', '(?<x>a)', '[${x}]')).toBe('[a]b');
    expect(call('regexp_replace', [S, S, S], 'a.b', '\\.', '\\$')).toBe('a$b');
    expect(call('regexp_replace', [S, S, S], 'abc', 'x*', '-')).toBe('-a-b-c-');
  });

  it('fails on an invalid group reference', () => {
    expect(() => call('regexp_replace', [S, S, S], 'abc', 'b', '$1')).toThrow(/No group 1/);
    expect(() => call('regexp_replace', [S, S, S], 'abc', 'b', '$')).toThrow(
      /group index is missing/,
    );
  });

  it('returns NULL for any NULL argument', () => {
    expect(call('regexp_replace', [S, S, S], 'abc', null, 'x')).toBeNull();
  });
});

describe('REGEXP_SPLIT_TO_ARRAY', () => {
  it('splits on matches, keeping empty strings', () => {
    expect(call('regexp_split_to_array', [S, S], 'aXbXXc', 'X')).toEqual(['a', 'b', '', 'c']);
    expect(call('regexp_split_to_array', [S, S], 'XaX', 'X')).toEqual(['', 'a', '']);
    expect(call('regexp_split_to_array', [S, S], 'abc', 'z')).toEqual(['abc']);
  });

  it('splits every character on an empty pattern, dropping trailing empty strings', () => {
    expect(call('regexp_split_to_array', [S, S], 'abc', '')).toEqual(['a', 'b', 'c']);
    expect(call('regexp_split_to_array', [S, S], 'a1b22', '\\d*')).toEqual(['a', '', 'b']);
  });

  it('handles lookahead splits as Guava does', () => {
    expect(call('regexp_split_to_array', [S, S], 'abab', '(?=b)')).toEqual(['a', 'ba', 'b']);
  });
});
