import { describe, expect, it } from 'vitest';
import {
  isJsonNumber,
  isJsonObject,
  jsonText,
  JsonTextError,
  parseJsonText,
  stripJsonComments,
} from '../../src/testing/json-text.js';

describe('JSON with comments', () => {
  it('drops // and /* */ comments outside strings, keeping positions', () => {
    const text =
      '{\n  // a comment\n  "a": 1, /* two\n lines */ "b": "x // not a comment /* nor this */"\n}';
    const stripped = stripJsonComments(text);
    expect(stripped.length).toBe(text.length);
    expect(stripped.split('\n').length).toBe(text.split('\n').length);
    expect(JSON.parse(stripped)).toEqual({ a: 1, b: 'x // not a comment /* nor this */' });
  });

  it('keeps escaped quotes inside strings', () => {
    expect(JSON.parse(stripJsonComments('{"a": "say \\"//hi\\"" // c\n}'))).toEqual({
      a: 'say "//hi"',
    });
  });

  it('keeps numbers exactly as written', () => {
    const value = parseJsonText('{"big": 12345678901234567890, "dec": 1.50, "int": 2}');
    expect(isJsonObject(value)).toBe(true);
    if (!isJsonObject(value)) return;
    expect(isJsonNumber(value.big) && value.big.toString()).toBe('12345678901234567890');
    expect(isJsonNumber(value.dec) && value.dec.toString()).toBe('1.50');
    expect(jsonText(value)).toBe('{"big":12345678901234567890,"dec":1.50,"int":2}');
  });

  it('keeps the last of duplicate keys, as Jackson does', () => {
    expect(jsonText(parseJsonText('{"a": 1, "a": 2}'))).toBe('{"a":2}');
  });

  it('says where bad JSON is', () => {
    expect(() => parseJsonText('{\n  "a": 1,,\n}')).toThrow(JsonTextError);
    expect(() => parseJsonText('{\n  "a": 1,,\n}')).toThrow(/line 2, column 10/);
  });

  it('does not strip comments when asked not to', () => {
    expect(() => parseJsonText('{"a": 1} // x', false)).toThrow(JsonTextError);
  });
});
