import { describe, expect, it } from 'vitest';

import { JsonSyntaxError, parseJson } from '../../../src/serde/json/json-parser.js';
import { JsonNumber, MISSING_NODE, jacksonNodeType } from '../../../src/serde/json/json-tree.js';

describe('JSON parser', () => {
  it('builds objects as ordered maps where the last duplicate key wins', () => {
    const tree = parseJson('{"b": 1, "a": [true, null, "x"], "b": 2, "10": {}}');
    expect(tree).toEqual(
      new Map<string, unknown>([
        ['b', 2],
        ['a', [true, null, 'x']],
        ['10', new Map()],
      ]),
    );
    expect([...(tree as Map<string, unknown>).keys()]).toEqual(['b', 'a', '10']);
  });

  it('keeps number text where a JS number would lose it', () => {
    expect(parseJson('123456789012345')).toBe(123456789012345);
    expect(parseJson('9223372036854775807')).toEqual(new JsonNumber('9223372036854775807', true));
    expect(parseJson('-9223372036854775808')).toEqual(new JsonNumber('-9223372036854775808', true));
    expect(parseJson('10.50')).toEqual(new JsonNumber('10.50', false));
    expect(parseJson('1E5')).toEqual(new JsonNumber('1E5', false));
  });

  it('decodes escapes and skips a BOM', () => {
    expect(parseJson('"a\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00"')).toBe('a"b\\c/d\né😀');
    expect(parseJson('\ufeff {"a":1}')).toEqual(new Map([['a', 1]]));
  });

  it('reads empty input as a missing node and ignores content after the first value', () => {
    expect(parseJson('')).toBe(MISSING_NODE);
    expect(parseJson(' \n ')).toBe(MISSING_NODE);
    expect(parseJson('{"a":1} trailing')).toEqual(new Map([['a', 1]]));
  });

  it('refuses what Jackson refuses, with its words', () => {
    const cases: [string, string][] = [
      ['{"a":01}', 'Invalid numeric value: Leading zeroes not allowed'],
      ['{"a":}', "Unexpected character ('}' (code 125)): expected a valid value"],
      [
        '{a:1}',
        "Unexpected character ('a' (code 97)): was expecting double-quote to start field name",
      ],
      ['{"a" 1}', 'was expecting a colon to separate field name and value'],
      ['{"a":1 "b":2}', 'was expecting comma to separate Object entries'],
      ['[1 2]', 'was expecting comma to separate Array entries'],
      ['{"a":1', 'Unexpected end-of-input: expected close marker for Object'],
      ['"abc', 'Unexpected end-of-input: was expecting closing quote for a string value'],
      ['"a\nb"', 'Illegal unquoted character ((CTRL-CHAR, code 10))'],
      ['"\\x"', "Unrecognized character escape ('x' (code 120))"],
      ['tru', "Unrecognized token 'tru': was expecting"],
      ['NaN', "Unrecognized token 'NaN'"],
      ['1.', 'Unexpected end-of-input in a Number value'],
      ['-x', 'expected digit (0-9) to follow minus sign'],
      ['123abc', 'Expected space separating root-level values'],
      ['['.repeat(1001), 'Document nesting depth (1001) exceeds the maximum allowed (1000'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseJson(text), text).toThrow(JsonSyntaxError);
      expect(() => parseJson(text), text).toThrow(message);
    }
  });

  it('names values by their Jackson node class', () => {
    expect(jacksonNodeType(true)).toBe('BooleanNode');
    expect(jacksonNodeType('x')).toBe('TextNode');
    expect(jacksonNodeType(23)).toBe('IntNode');
    expect(jacksonNodeType(10827272222)).toBe('LongNode');
    expect(jacksonNodeType(new JsonNumber('9223372036854775808', true))).toBe('BigIntegerNode');
    expect(jacksonNodeType(new JsonNumber('1.0', false))).toBe('DecimalNode');
    expect(jacksonNodeType([])).toBe('ArrayNode');
    expect(jacksonNodeType(new Map())).toBe('ObjectNode');
    expect(jacksonNodeType(MISSING_NODE)).toBe('MissingNode');
  });
});
