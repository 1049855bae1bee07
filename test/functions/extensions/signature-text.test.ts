import { describe, expect, it } from 'vitest';
import { parseSignatureText } from '../../../src/functions/extensions/signature-text.js';

describe('parseSignatureText', () => {
  it('splits parameters at top-level commas only', () => {
    expect(
      parseSignatureText('(STRUCT<A INT, B STRING> s, DECIMAL(4, 2), MAP<STRING, INT>) -> INT'),
    ).toEqual({
      params: ['STRUCT<A INT, B STRING> s', 'DECIMAL(4, 2)', 'MAP<STRING, INT>'],
      variadic: false,
      returns: 'INT',
    });
  });

  it('reads no parameters, lambdas and generic returns', () => {
    expect(parseSignatureText('() -> BIGINT')).toEqual({
      params: [],
      variadic: false,
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
      variadic: true,
      returns: 'STRING',
    });
  });

  it('says what is wrong with a bad signature', () => {
    expect(() => parseSignatureText('STRING -> INT')).toThrow(/must start with '\('/);
    expect(() => parseSignatureText('(STRING')).toThrow(/no closing/);
    expect(() => parseSignatureText('(STRING)')).toThrow(/-> RETURN_TYPE/);
    expect(() => parseSignatureText('(STRING) ->')).toThrow(/no return type/);
    expect(() => parseSignatureText('(STRING..., INT) -> INT')).toThrow(/only the last/);
    expect(() => parseSignatureText('(STRING, ) -> INT')).toThrow(/empty parameter/);
  });
});
