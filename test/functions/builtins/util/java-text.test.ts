import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../src/common/decimal.js';
import {
  bigDecimalToPlainString,
  bigDecimalToString,
  decimalToJavaString,
  javaDoubleToString,
} from '../../../../src/functions/builtins/util/java-text.js';

describe('numbers as Java prints them', () => {
  it('prints doubles as Double.toString', () => {
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(-0.5)).toBe('-0.5');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(1234567.0)).toBe('1234567.0');
    expect(javaDoubleToString(12345678.9)).toBe('1.23456789E7');
    expect(javaDoubleToString(1e21)).toBe('1.0E21');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(-Infinity)).toBe('-Infinity');
  });

  it('prints BigDecimals with toString and toPlainString', () => {
    expect(bigDecimalToString(150n, 2)).toBe('1.50');
    expect(bigDecimalToString(-5n, 3)).toBe('-0.005');
    expect(bigDecimalToString(1n, 8)).toBe('1E-8');
    expect(bigDecimalToString(10n, 11)).toBe('1.0E-10');
    expect(bigDecimalToString(1n, -2)).toBe('1E+2');
    expect(bigDecimalToPlainString(1n, -2)).toBe('100');
    expect(bigDecimalToPlainString(1n, 8)).toBe('0.00000001');
    expect(bigDecimalToPlainString(0n, -2)).toBe('0');
  });

  it('prints decimal.js values at a scale', () => {
    expect(decimalToJavaString(new Decimal('1.5'), 2)).toBe('1.50');
    expect(decimalToJavaString(new Decimal('-12'), 0)).toBe('-12');
  });
});
