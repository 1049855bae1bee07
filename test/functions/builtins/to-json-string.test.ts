import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/common/decimal.js';
import { call } from '../helpers.js';

const json = (type: string | null, value: unknown) => call('TO_JSON_STRING', [type], value);

describe('TO_JSON_STRING', () => {
  it('writes primitives', () => {
    expect(json('INT', 1)).toBe('1');
    expect(json('BIGINT', 12345678901234n)).toBe('12345678901234');
    expect(json('DOUBLE', 15.3)).toBe('15.3');
    expect(json('DOUBLE', 1)).toBe('1.0');
    expect(json('DOUBLE', NaN)).toBe('"NaN"');
    expect(json('DECIMAL(5, 2)', new Decimal('1.5'))).toBe('1.50');
    expect(json('STRING', 'a"b')).toBe('"a\\"b"');
    expect(json('BOOLEAN', true)).toBe('true');
    expect(json('BYTES', Buffer.from('hi'))).toBe('"aGk="');
    expect(json(null, null)).toBe('null');
    expect(json('STRING', null)).toBe('null');
  });

  it('writes dates, times and timestamps as text', () => {
    expect(json('DATE', 18911)).toBe('"2021-10-11"');
    expect(json('TIME', 48300000)).toBe('"13:25"');
    expect(json('TIME', 48310500)).toBe('"13:25:10.500"');
    expect(json('TIMESTAMP', 1625055519446)).toBe('"2021-06-30T12:18:39.446"');
  });

  it('writes collections, with map keys and struct fields sorted', () => {
    expect(json('ARRAY<INT>', [1, null, 3])).toBe('[1,null,3]');
    expect(
      json(
        'MAP<STRING, INT>',
        new Map([
          ['d', 4],
          ['c', 2],
        ]),
      ),
    ).toBe('{"c":2,"d":4}');
    expect(json('STRUCT<NAME STRING, ID INT>', { NAME: 'A', ID: 1 })).toBe('{"ID":1,"NAME":"A"}');
    expect(
      json('ARRAY<STRUCT<JSON_VALUE MAP<STRING, INT>, JSON_KEY INT>>', [
        { JSON_VALUE: new Map([['c', 2]]), JSON_KEY: 1 },
      ]),
    ).toBe('[{"JSON_KEY":1,"JSON_VALUE":{"c":2}}]');
  });
});
