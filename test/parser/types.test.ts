import { describe, expect, it } from 'vitest';
import type { TypeNode } from '../../src/parser/ast.js';
import { parseType } from '../../src/parser/parse.js';
import { parseErrorOf, withoutSpans } from './helpers.js';

const type = (text: string): TypeNode => withoutSpans(parseType(text));
const primitive = (base: string): TypeNode => ({ kind: 'primitiveType', base }) as TypeNode;

describe('types', () => {
  it('reads every primitive, with INT as INTEGER and VARCHAR as STRING', () => {
    const cases: [string, string][] = [
      ['BOOLEAN', 'BOOLEAN'],
      ['int', 'INTEGER'],
      ['INTEGER', 'INTEGER'],
      ['BIGINT', 'BIGINT'],
      ['DOUBLE', 'DOUBLE'],
      ['STRING', 'STRING'],
      ['varchar', 'STRING'],
      ['BYTES', 'BYTES'],
      ['TIMESTAMP', 'TIMESTAMP'],
      ['DATE', 'DATE'],
      ['TIME', 'TIME'],
    ];
    for (const [text, base] of cases) expect(type(text), text).toEqual(primitive(base));
  });

  it('reads DECIMAL, ARRAY, MAP and STRUCT, nested', () => {
    expect(type('DECIMAL(10, 2)')).toEqual({ kind: 'decimalType', precision: 10, scale: 2 });
    expect(type('MAP<STRING, ARRAY<STRUCT<a INT, `B` MAP<INT, DOUBLE>>>>')).toEqual({
      kind: 'mapType',
      key: primitive('STRING'),
      value: {
        kind: 'arrayType',
        items: {
          kind: 'structType',
          fields: [
            { name: 'A', type: primitive('INTEGER') },
            {
              name: 'B',
              type: { kind: 'mapType', key: primitive('INTEGER'), value: primitive('DOUBLE') },
            },
          ],
        },
      },
    });
    expect(type('STRUCT<>')).toEqual({ kind: 'structType', fields: [] });
  });

  it('reads `T ARRAY` as ARRAY<T> and ignores parameters after a type name', () => {
    expect(type('INT ARRAY')).toEqual({ kind: 'arrayType', items: primitive('INTEGER') });
    expect(type('VARCHAR(10)')).toEqual(primitive('STRING'));
  });

  it('reads any other name as a named type, normalized like an identifier', () => {
    expect(type('address')).toEqual({ kind: 'namedType', name: 'ADDRESS' });
    expect(type('`Address`')).toEqual({ kind: 'namedType', name: 'Address' });
  });

  it('refuses NULL as a type and a type parameter that is not a number', () => {
    parseErrorOf(() => parseType('NULL'));
    parseErrorOf(() => parseType('ARRAY<NULL>'));
    expect(parseErrorOf(() => parseType('STRING (KEY)')).span).toMatchObject({ col: 9 });
  });

  it('gives nested types their own spans', () => {
    expect(parseType('ARRAY< INT >')).toMatchObject({
      span: { line: 1, col: 1, offset: 0 },
      items: { span: { line: 1, col: 8, offset: 7 } },
    });
  });
});
