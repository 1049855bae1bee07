import { describe, expect, it } from 'vitest';
import {
  arrayType,
  BIGINT,
  BOOLEAN,
  BYTES,
  DATE,
  decimalType,
  DOUBLE,
  INTEGER,
  mapType,
  STRING,
  structType,
  TIME,
  TIMESTAMP,
} from '../../src/common/sql-types.js';
import { Decimal } from '../../src/functions/decimal.js';
import {
  formatDate,
  formatSqlValue,
  formatTime,
  formatTimestamp,
  javaDoubleToString,
} from '../../src/functions/value-format.js';

describe('javaDoubleToString', () => {
  it.each([
    [1, '1.0'],
    [-1, '-1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.1, '0.1'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1e-5, '1.0E-5'],
    [1.5e-5, '1.5E-5'],
    [123456789, '1.23456789E8'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [1e10, '1.0E10'],
    [1234567.125, '1234567.125'],
    [100, '100.0'],
    [3.14, '3.14'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [2.2250738585072014e-308, '2.2250738585072014E-308'],
    [4.9e-324, '4.9E-324'],
    [-4.9e-324, '-4.9E-324'],
    [1e23, '1.0E23'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('%s → %s', (d, expected) => {
    expect(javaDoubleToString(d)).toBe(expected);
  });
});

describe('SqlTimeTypes formats', () => {
  it('formats timestamps as ISO local date-time in UTC with millis', () => {
    expect(formatTimestamp(10)).toBe('1970-01-01T00:00:00.010');
    expect(formatTimestamp(1552816800000)).toBe('2019-03-17T10:00:00.000');
    expect(formatTimestamp(-1)).toBe('1969-12-31T23:59:59.999');
  });

  it('formats years outside 0000-9999 as java.time does', () => {
    expect(formatTimestamp(253402300800000)).toBe('+10000-01-01T00:00:00.000');
  });

  it('formats dates as LocalDate.toString', () => {
    expect(formatDate(10)).toBe('1970-01-11');
    expect(formatDate(-1)).toBe('1969-12-31');
    expect(formatDate(2932897)).toBe('+10000-01-01');
  });

  it('formats times as LocalTime.toString of whole seconds', () => {
    expect(formatTime(1000)).toBe('00:00:01');
    expect(formatTime(1005)).toBe('00:00:01');
    expect(formatTime(36000000)).toBe('10:00');
    expect(formatTime(36001000)).toBe('10:00:01');
  });
});

describe('formatSqlValue', () => {
  it('renders primitives as CAST(x AS STRING) does', () => {
    expect(formatSqlValue(true, BOOLEAN)).toBe('true');
    expect(formatSqlValue(-5, INTEGER)).toBe('-5');
    expect(formatSqlValue(9223372036854775807n, BIGINT)).toBe('9223372036854775807');
    expect(formatSqlValue(1e10, DOUBLE)).toBe('1.0E10');
    expect(formatSqlValue(new Decimal('1.5'), decimalType(4, 2))).toBe('1.50');
    expect(formatSqlValue(new Decimal('0.0000001'), decimalType(8, 7))).toBe('0.0000001');
    expect(formatSqlValue('x', STRING)).toBe('x');
    expect(formatSqlValue(Buffer.from('abc'), BYTES)).toBe('YWJj');
    expect(formatSqlValue(10, TIMESTAMP)).toBe('1970-01-01T00:00:00.010');
    expect(formatSqlValue(4, DATE)).toBe('1970-01-05');
    expect(formatSqlValue(65000, TIME)).toBe('00:01:05');
    expect(formatSqlValue(null, STRING)).toBe('null');
  });

  it('renders arrays and maps as Java collections', () => {
    expect(formatSqlValue([1, null, 3], arrayType(INTEGER))).toBe('[1, null, 3]');
    expect(formatSqlValue([1, 2.5], arrayType(DOUBLE))).toBe('[1.0, 2.5]');
    expect(formatSqlValue(['a', 'b'], arrayType(STRING))).toBe('[a, b]');
    const map = new Map<string, number>([
      ['a', 1],
      ['b', 2],
    ]);
    expect(formatSqlValue(map, mapType(STRING, INTEGER))).toBe('{a=1, b=2}');
  });

  it('renders structs as Connect structs, skipping null fields', () => {
    const type = structType([
      { name: 'A', type: INTEGER },
      { name: 'B', type: STRING },
      { name: 'C', type: arrayType(INTEGER) },
    ]);
    expect(formatSqlValue({ A: 1, B: 'x', C: [1, 2] }, type)).toBe('Struct{A=1,B=x,C=[1, 2]}');
    expect(formatSqlValue({ A: 1, B: null, C: null }, type)).toBe('Struct{A=1}');
  });

  it('renders nested values with Java toString', () => {
    expect(formatSqlValue([10], arrayType(TIMESTAMP))).toBe('[1970-01-01 00:00:00.01]');
    expect(formatSqlValue([0], arrayType(TIMESTAMP))).toBe('[1970-01-01 00:00:00.0]');
    expect(formatSqlValue([4], arrayType(DATE))).toBe('[1970-01-05]');
    expect(formatSqlValue([65000], arrayType(TIME))).toBe('[00:01:05]');
    expect(formatSqlValue([new Decimal('1.5')], arrayType(decimalType(4, 2)))).toBe('[1.50]');
    expect(formatSqlValue([new Decimal('0.0000001')], arrayType(decimalType(8, 7)))).toBe('[1E-7]');
    expect(formatSqlValue([new Decimal('0')], arrayType(decimalType(9, 8)))).toBe('[0E-8]');
  });
});
