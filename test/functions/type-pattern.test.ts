import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/common/errors.js';
import {
  formatParamType,
  genericsOf,
  parseParamPattern,
  parseTypePattern,
} from '../../src/functions/type-pattern.js';

describe('type patterns', () => {
  it('parses SQL types, with INT and VARCHAR as aliases', () => {
    expect(parseTypePattern('INT')).toEqual({ kind: 'primitive', base: 'INTEGER' });
    expect(parseTypePattern('varchar')).toEqual({ kind: 'primitive', base: 'STRING' });
    expect(parseTypePattern('DECIMAL(10, 2)')).toEqual({
      kind: 'decimal',
      precision: 10,
      scale: 2,
    });
    expect(parseTypePattern('MAP<STRING, ARRAY<INT>>')).toEqual({
      kind: 'map',
      key: { kind: 'primitive', base: 'STRING' },
      value: { kind: 'array', items: { kind: 'primitive', base: 'INTEGER' } },
    });
  });

  it('parses open types: any DECIMAL, any STRUCT, generics, ANY, INTERVALUNIT', () => {
    expect(parseTypePattern('DECIMAL')).toEqual({ kind: 'decimal' });
    expect(parseTypePattern('STRUCT')).toEqual({ kind: 'struct', fields: null });
    expect(parseTypePattern('T')).toEqual({ kind: 'generic', name: 'T' });
    expect(parseTypePattern('ANY')).toEqual({ kind: 'any' });
    expect(parseTypePattern('INTERVALUNIT')).toEqual({ kind: 'intervalUnit' });
  });

  it('parses structs with plain and quoted field names', () => {
    expect(parseTypePattern('STRUCT<K STRING, `v` INT>')).toEqual({
      kind: 'struct',
      fields: [
        { name: 'K', type: { kind: 'primitive', base: 'STRING' } },
        { name: 'v', type: { kind: 'primitive', base: 'INTEGER' } },
      ],
    });
  });

  it('parses lambdas', () => {
    const lambda = parseTypePattern('FUNCTION(S, K, V) => S');
    expect(formatParamType(lambda)).toBe('LAMBDA (S, K, V) -> S');
    expect(genericsOf(lambda)).toEqual(['S', 'K', 'V']);
  });

  it('takes an optional parameter name after the type', () => {
    expect(parseParamPattern('ARRAY<T> list')).toEqual({
      type: { kind: 'array', items: { kind: 'generic', name: 'T' } },
      name: 'list',
    });
    expect(parseParamPattern('STRING').name).toBeUndefined();
  });

  it('prints patterns as ksqlDB prints its parameter types', () => {
    expect(formatParamType(parseTypePattern('DECIMAL'))).toBe('DECIMAL');
    expect(formatParamType(parseTypePattern('MAP<K, V>'))).toBe('MAP<K, V>');
    expect(formatParamType(parseTypePattern('INT'))).toBe('INTEGER');
  });

  it('rejects what it cannot parse', () => {
    expect(() => parseTypePattern('ARRAY<INT')).toThrow(InternalError);
    expect(() => parseTypePattern('FOO')).toThrow(InternalError);
    expect(() => parseTypePattern('INT extra words')).toThrow(InternalError);
  });
});
