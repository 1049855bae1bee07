import { describe, expect, it } from 'vitest';

import { CsvError, parseCsv, printCsvValue } from '../../../src/serde/delimited/csv.js';

describe('CSV as commons-csv 1.4 reads it', () => {
  it('splits on the delimiter, with quotes and doubled quotes', () => {
    expect(parseCsv('0,zero,0', ',')).toEqual([['0', 'zero', '0']]);
    expect(parseCsv('"foo","b""ar",', ',')).toEqual([['foo', 'b"ar', '']]);
    expect(parseCsv('"a,b";c', ';')).toEqual([['a,b', 'c']]);
    expect(parseCsv('ab"c, "d"', ',')).toEqual([['ab"c', ' "d"']]);
    expect(parseCsv('"x" ,y', ',')).toEqual([['x', 'y']]);
    expect(parseCsv('"multi\nline",z', ',')).toEqual([['multi\nline', 'z']]);
  });

  it('ends records at CR, LF or CRLF and skips empty lines', () => {
    expect(parseCsv('1,2\r\n3,4\n\n5\r6', ',')).toEqual([['1', '2'], ['3', '4'], ['5'], ['6']]);
    expect(parseCsv('', ',')).toEqual([]);
    expect(parseCsv('\r\n', ',')).toEqual([]);
    expect(parseCsv('a,\r\n', ',')).toEqual([['a', '']]);
    expect(parseCsv('""', ',')).toEqual([['']]);
  });

  it('refuses broken quoting with its messages', () => {
    expect(() => parseCsv('"abc', ',')).toThrow(
      new CsvError('(startline 1) EOF reached before encapsulated token finished'),
    );
    expect(() => parseCsv('"a"b,c', ',')).toThrow(
      '(line 1) invalid char between encapsulated token and delimiter',
    );
    expect(() => parseCsv('ok\n"a"b', ',')).toThrow('(line 2) invalid char');
  });
});

describe('CSV as commons-csv 1.4 prints it (MINIMAL quoting)', () => {
  const print = (values: (string | null)[], delimiter = ','): string =>
    values
      .map((v, i) => (i === 0 ? '' : delimiter) + printCsvValue(v, i === 0, delimiter))
      .join('');

  it('quotes only where needed', () => {
    expect(print(['0', 'zero', '0'])).toBe('0,zero,0');
    expect(print(['a,b', 'say "hi"', 'line\nbreak'])).toBe('"a,b","say ""hi""","line\nbreak"');
    expect(print(['x', 'trailing ', ' leading', '#hash', '!bang'])).toBe(
      'x,"trailing "," leading","#hash","!bang"',
    );
  });

  it('quotes a first value that does not start with a letter or digit', () => {
    expect(print(['-12345.12', '-1'])).toBe('"-12345.12",-1');
    expect(print(['.5'])).toBe('".5"');
    expect(print(['é'])).toBe('"é"');
    expect(print(['b', 'é'])).toBe('b,é');
  });

  it('prints null as nothing and a leading empty string quoted', () => {
    expect(print([null, null])).toBe(',');
    expect(print(['', ''])).toBe('"",');
    expect(print(['a|b', 'c'], '|')).toBe('"a|b"|c');
  });
});
