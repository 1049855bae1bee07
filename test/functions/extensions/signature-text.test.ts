import { describe, expect, it } from 'vitest';
import {
  parseParamListText,
  parseSignatureText,
} from '../../../src/functions/extensions/signature-text.js';

describe('parseSignatureText', () => {
  it('splits parameters at top-level commas only', () => {
    expect(
      parseSignatureText('(STRUCT<A INT, B STRING> s, DECIMAL(4, 2), MAP<STRING, INT>) -> INT'),
    ).toEqual({
      params: ['STRUCT<A INT, B STRING> s', 'DECIMAL(4, 2)', 'MAP<STRING, INT>'],
      variadicAt: -1,
      returns: 'INT',
    });
  });

  it('reads no parameters, lambdas and generic returns', () => {
    expect(parseSignatureText('() -> BIGINT')).toEqual({
      params: [],
      variadicAt: -1,
      returns: 'BIGINT',
    });
    expect(parseSignatureText('(ARRAY<T>, FUNCTION(T) => U) -> ARRAY<U>').params).toEqual([
      'ARRAY<T>',
      'FUNCTION(T) => U',
    ]);
  });

  it('makes the signature variadic when the last parameter repeats', () => {
    expect(parseSignatureText('(STRING sep, STRING... parts) -> STRING')).toEqual({
      params: ['STRING sep', 'STRING parts'],
      variadicAt: 1,
      returns: 'STRING',
    });
  });

  it('lets one parameter in the middle repeat (ksqlDB VariadicArgs UDAFs)', () => {
    expect(parseSignatureText('(BIGINT, STRING..., INT) -> BIGINT')).toEqual({
      params: ['BIGINT', 'STRING', 'INT'],
      variadicAt: 1,
      returns: 'BIGINT',
    });
  });

  it('reads a parameter list without a return type (initial arguments)', () => {
    expect(parseParamListText('(INT seed, STRING... names)')).toEqual({
      params: ['INT seed', 'STRING names'],
      variadicAt: 1,
    });
    expect(parseParamListText('()')).toEqual({ params: [], variadicAt: -1 });
    expect(() => parseParamListText('(INT) -> INT')).toThrow(/text after/);
  });

  it('says what is wrong with a bad signature', () => {
    expect(() => parseSignatureText('STRING -> INT')).toThrow(/must start with '\('/);
    expect(() => parseSignatureText('(STRING')).toThrow(/no closing/);
    expect(() => parseSignatureText('(STRING)')).toThrow(/-> RETURN_TYPE/);
    expect(() => parseSignatureText('(STRING) ->')).toThrow(/no return type/);
    expect(() => parseSignatureText('(STRING..., INT...) -> INT')).toThrow(/only one parameter/);
    expect(() => parseSignatureText('(STRING, ) -> INT')).toThrow(/empty parameter/);
  });
});
