import { describe, expect, it } from 'vitest';

import { javaDoubleToString, parseJavaDouble } from '../../../src/serde/java/double-text.js';
import { parseJavaInt, parseJavaLong } from '../../../src/serde/java/integer-text.js';

describe('Double.toString', () => {
  it('writes plain decimals between 10^-3 and 10^7, with at least one fraction digit', () => {
    expect(javaDoubleToString(10)).toBe('10.0');
    expect(javaDoubleToString(1234.589)).toBe('1234.589');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(9999999)).toBe('9999999.0');
    expect(javaDoubleToString(-2.5)).toBe('-2.5');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
  });

  it('writes computerized scientific notation outside that range', () => {
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(12345678.9)).toBe('1.23456789E7');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(1e23)).toBe('1.0E23');
    expect(javaDoubleToString(Number.MAX_VALUE)).toBe('1.7976931348623157E308');
    expect(javaDoubleToString(Number.MIN_VALUE)).toBe('4.9E-324');
  });

  it('names the non-finite values', () => {
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(-Infinity)).toBe('-Infinity');
  });
});

describe('Java number parsing', () => {
  it('parses doubles as Double.parseDouble, trimming and accepting suffixes', () => {
    expect(parseJavaDouble(' 42.000 ')).toBe(42);
    expect(parseJavaDouble('1e3d')).toBe(1000);
    expect(parseJavaDouble('.5')).toBe(0.5);
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(parseJavaDouble('NaN')).toBeNaN();
    expect(parseJavaDouble('0x1.8p1')).toBe(3);
    expect(parseJavaDouble('abc')).toBeNull();
    expect(parseJavaDouble('1,5')).toBeNull();
    expect(parseJavaDouble('')).toBeNull();
  });

  it('parses ints and longs strictly, within range', () => {
    expect(parseJavaInt('+41')).toBe(41);
    expect(parseJavaInt('-2147483648')).toBe(-2147483648);
    expect(parseJavaInt('2147483648')).toBeNull();
    expect(parseJavaInt('41.0')).toBeNull();
    expect(parseJavaInt(' 41')).toBeNull();
    expect(parseJavaLong('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseJavaLong('9223372036854775808')).toBeNull();
    expect(parseJavaLong('-9223372036854775808')).toBe(-9223372036854775808n);
  });
});
