import { describe, expect, it } from 'vitest';
import {
  JsonNumber,
  JsonSyntaxError,
  parseJson,
  quoteJson,
  writeJson,
} from '../../../../src/functions/builtins/util/json-tree.js';

const roundTrip = (text: string, plain = false) => writeJson(parseJson(text)!, plain);

describe('JSON as Jackson reads and writes it', () => {
  it('keeps numbers exact and prints them as BigDecimal does', () => {
    expect(roundTrip('[1.50, 10, -0, 1e2, 1.0E-10]')).toBe('[1.50,10,0,1E+2,1.0E-10]');
    expect(roundTrip('[1e2, 1.0E-10]', true)).toBe('[100,0.00000000010]');
    expect(parseJson('12')).toEqual(new JsonNumber('12', true));
  });

  it('reads only the first value, but a root number must end cleanly', () => {
    expect(roundTrip('{"a": 1}} trailing')).toBe('{"a":1}');
    expect(roundTrip('1 2')).toBe('1');
    expect(() => parseJson('1x')).toThrow(JsonSyntaxError);
    expect(() => parseJson('truex')).toThrow(JsonSyntaxError);
    expect(roundTrip('true]')).toBe('true');
  });

  it('is empty (MissingNode) for blank text, and strict about syntax', () => {
    expect(parseJson('  ')).toBeUndefined();
    for (const bad of ['abc', '01', '[1,]', '{"a" 1}', "{'a': 1}", '"\\x"', '"a\nb"', 'NaN']) {
      expect(() => parseJson(bad), bad).toThrow(JsonSyntaxError);
    }
  });

  it('keeps the first position of a repeated key with its last value', () => {
    expect(roundTrip('{"a": 1, "b": 2, "a": 3}')).toBe('{"a":3,"b":2}');
  });

  it('escapes strings as Jackson does', () => {
    expect(quoteJson('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\u0001é"');
    expect(roundTrip('"\\u00e9\\/"')).toBe('"é/"');
  });
});
