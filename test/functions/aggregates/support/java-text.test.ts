import { describe, expect, it } from 'vitest';
import {
  javaDecimalText,
  javaDoubleText,
  javaText,
} from '../../../../src/functions/builtins/aggregates/support/java-text.js';
import { Decimal } from '../../../../src/functions/builtins/aggregates/support/decimal.js';
import {
  BIGINT,
  DATE,
  DOUBLE,
  STRING,
  TIME,
  TIMESTAMP,
  arrayType,
  structType,
} from '../../../../src/common/sql-types.js';

// Expected texts printed by Java 17 (UTC zone).
describe('Java text of values', () => {
  it.each([
    ['0', 0, '0'],
    ['0', 2, '0.00'],
    ['1.5', 1, '1.5'],
    ['-1.5', 2, '-1.50'],
    ['123.456', 3, '123.456'],
    ['0.0000001', 7, '1E-7'],
    ['0', 8, '0E-8'],
    ['-0.00000012', 8, '-1.2E-7'],
    ['12345678901234567890.12', 2, '12345678901234567890.12'],
  ])('renders DECIMAL %s at scale %i as BigDecimal.toString', (value, scale, text) => {
    expect(javaDecimalText(new Decimal(value), scale)).toBe(text);
  });

  it.each([
    [1, '1.0'],
    [0.5, '0.5'],
    [1234567, '1234567.0'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1e-10, '1.0E-10'],
    [1e21, '1.0E21'],
    [-2.5e-5, '-2.5E-5'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [-0, '-0.0'],
    [NaN, 'NaN'],
  ])('renders DOUBLE %d as Double.toString', (value, text) => {
    expect(javaDoubleText(value)).toBe(text);
  });

  it('renders timestamps, dates and times as java.sql types in UTC', () => {
    expect(javaText(0, TIMESTAMP)).toBe('1970-01-01 00:00:00.0');
    expect(javaText(1500, TIMESTAMP)).toBe('1970-01-01 00:00:01.5');
    expect(javaText(1600000000123, TIMESTAMP)).toBe('2020-09-13 12:26:40.123');
    expect(javaText(-1, TIMESTAMP)).toBe('1969-12-31 23:59:59.999');
    expect(javaText(19000, DATE)).toBe('2022-01-08');
    expect(javaText(3723004, TIME)).toBe('01:02:03');
  });

  it('renders collections as Java collections and Connect structs', () => {
    expect(javaText([1n, null], arrayType(BIGINT))).toBe('[1, null]');
    expect(javaText([1], arrayType(DOUBLE))).toBe('[1.0]');
    const type = structType([
      { name: 'A', type: STRING },
      { name: 'B', type: BIGINT },
    ]);
    expect(javaText({ A: 'x', B: null }, type)).toBe('Struct{A=x}');
    expect(javaText({ A: 'x', B: 2n }, type)).toBe('Struct{A=x,B=2}');
  });
});
