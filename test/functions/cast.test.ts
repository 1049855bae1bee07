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
  type SqlType,
} from '../../src/common/sql-types.js';
import {
  canCast,
  canImplicitlyCast,
  castFunction,
  decodeBase64,
  javaParseDouble,
  parseSqlBoolean,
} from '../../src/functions/cast.js';
import { Decimal, toPlainString } from '../../src/functions/decimal.js';

const cast = (from: SqlType, to: SqlType, value: unknown): unknown => castFunction(from, to)(value);

describe('canCast', () => {
  it.each<[SqlType, SqlType]>([
    [INTEGER, BIGINT],
    [DOUBLE, INTEGER],
    [DECIMAL_4_2(), INTEGER],
    [STRING, BOOLEAN],
    [STRING, DATE],
    [STRING, BYTES],
    [BOOLEAN, STRING],
    [TIMESTAMP, STRING],
    [TIMESTAMP, DATE],
    [DATE, TIMESTAMP],
    [arrayType(INTEGER), arrayType(STRING)],
    [arrayType(INTEGER), STRING],
    [mapType(STRING, INTEGER), mapType(STRING, DOUBLE)],
    [structType([{ name: 'A', type: INTEGER }]), structType([{ name: 'B', type: BOOLEAN }])],
    [BYTES, BYTES],
  ])('allows %j → %j', (from, to) => {
    expect(canCast(from, to)).toBe(true);
  });

  it.each<[SqlType, SqlType]>([
    [BOOLEAN, INTEGER],
    [INTEGER, BOOLEAN],
    [BYTES, STRING],
    [DATE, TIME],
    [TIME, TIMESTAMP],
    [INTEGER, TIMESTAMP],
    [STRING, arrayType(STRING)],
    [arrayType(BOOLEAN), arrayType(INTEGER)],
    [structType([{ name: 'A', type: BOOLEAN }]), structType([{ name: 'A', type: INTEGER }])],
  ])('refuses %j → %j', (from, to) => {
    expect(canCast(from, to)).toBe(false);
    expect(() => castFunction(from, to)).toThrow('is not supported');
  });
});

function DECIMAL_4_2(): SqlType {
  return decimalType(4, 2);
}

describe('canImplicitlyCast', () => {
  it('widens numbers and parses strings to time types and bytes', () => {
    expect(canImplicitlyCast(INTEGER, BIGINT)).toBe(true);
    expect(canImplicitlyCast(INTEGER, decimalType(2, 1))).toBe(true);
    expect(canImplicitlyCast(BIGINT, DOUBLE)).toBe(true);
    expect(canImplicitlyCast(DOUBLE, BIGINT)).toBe(false);
    expect(canImplicitlyCast(DOUBLE, decimalType(10, 2))).toBe(false);
    expect(canImplicitlyCast(STRING, TIMESTAMP)).toBe(true);
    expect(canImplicitlyCast(STRING, BYTES)).toBe(true);
    expect(canImplicitlyCast(STRING, INTEGER)).toBe(false);
    expect(canImplicitlyCast(INTEGER, STRING)).toBe(false);
    expect(canImplicitlyCast(DATE, TIMESTAMP)).toBe(false);
  });

  it('applies through collections and struct fields', () => {
    expect(canImplicitlyCast(arrayType(INTEGER), arrayType(DOUBLE))).toBe(true);
    expect(canImplicitlyCast(mapType(STRING, INTEGER), mapType(STRING, BIGINT))).toBe(true);
    expect(canImplicitlyCast(arrayType(DOUBLE), arrayType(INTEGER))).toBe(false);
    const ab = structType([
      { name: 'A', type: BIGINT },
      { name: 'B', type: STRING },
    ]);
    expect(canImplicitlyCast(structType([{ name: 'A', type: INTEGER }]), ab)).toBe(true);
    expect(canImplicitlyCast(structType([{ name: 'C', type: INTEGER }]), ab)).toBe(false);
  });
});

describe('castFunction: numbers', () => {
  it('keeps NULL', () => {
    expect(cast(STRING, INTEGER, null)).toBeNull();
    expect(cast(INTEGER, INTEGER, null)).toBeNull();
  });

  it('narrows like Java intValue()/longValue()', () => {
    expect(cast(BIGINT, INTEGER, 4294967297n)).toBe(1);
    expect(cast(BIGINT, INTEGER, 2147483648n)).toBe(-2147483648);
    expect(cast(DOUBLE, INTEGER, 1.9)).toBe(1);
    expect(cast(DOUBLE, INTEGER, -1.9)).toBe(-1);
    expect(cast(DOUBLE, INTEGER, 1e20)).toBe(2147483647);
    expect(cast(DOUBLE, INTEGER, -1e20)).toBe(-2147483648);
    expect(cast(DOUBLE, INTEGER, NaN)).toBe(0);
    expect(cast(DOUBLE, BIGINT, 1e30)).toBe(9223372036854775807n);
    expect(cast(DOUBLE, BIGINT, -2.5)).toBe(-2n);
    expect(cast(decimalType(12, 2), INTEGER, new Decimal('4294967297.99'))).toBe(1);
    expect(cast(decimalType(4, 2), INTEGER, new Decimal('-12.99'))).toBe(-12);
    expect(cast(decimalType(4, 2), BIGINT, new Decimal('12.99'))).toBe(12n);
  });

  it('widens', () => {
    expect(cast(INTEGER, BIGINT, 5)).toBe(5n);
    expect(cast(INTEGER, DOUBLE, 5)).toBe(5);
    expect(cast(BIGINT, DOUBLE, 9007199254740993n)).toBe(9007199254740992);
    expect(cast(decimalType(4, 2), DOUBLE, new Decimal('10.01'))).toBe(10.01);
  });

  it('casts into decimals with DecimalUtil rules', () => {
    const show = (v: unknown, scale: number): string => toPlainString(v as Decimal, scale);
    expect(show(cast(INTEGER, decimalType(4, 2), 12), 2)).toBe('12.00');
    expect(show(cast(BIGINT, decimalType(19, 0), 5n), 0)).toBe('5');
    expect(show(cast(DOUBLE, decimalType(4, 2), 1.235), 2)).toBe('1.24');
    expect(show(cast(decimalType(5, 3), decimalType(4, 2), new Decimal('1.235')), 2)).toBe('1.24');
    expect(show(cast(STRING, decimalType(4, 2), ' 1.234 '), 2)).toBe('1.23');
    expect(() => cast(INTEGER, decimalType(4, 2), 100)).toThrow('Numeric field overflow');
    expect(() => cast(STRING, decimalType(4, 2), 'x')).toThrow();
  });
});

describe('castFunction: from STRING', () => {
  it('parses integers as Integer.parseInt / Long.parseLong on trimmed text', () => {
    expect(cast(STRING, INTEGER, ' 42 ')).toBe(42);
    expect(cast(STRING, INTEGER, '+7')).toBe(7);
    expect(cast(STRING, INTEGER, '-2147483648')).toBe(-2147483648);
    expect(() => cast(STRING, INTEGER, '2147483648')).toThrow('For input string');
    expect(() => cast(STRING, INTEGER, '1.0')).toThrow('For input string');
    expect(() => cast(STRING, INTEGER, '')).toThrow();
    expect(cast(STRING, BIGINT, '9223372036854775807')).toBe(9223372036854775807n);
    expect(() => cast(STRING, BIGINT, '9223372036854775808')).toThrow();
  });

  it('parses doubles, rejecting NaN and infinities', () => {
    expect(cast(STRING, DOUBLE, '1.5')).toBe(1.5);
    expect(cast(STRING, DOUBLE, ' 1e3 ')).toBe(1000);
    expect(cast(STRING, DOUBLE, '.5')).toBe(0.5);
    expect(cast(STRING, DOUBLE, '5.')).toBe(5);
    expect(cast(STRING, DOUBLE, '2.5f')).toBe(2.5);
    expect(() => cast(STRING, DOUBLE, 'NaN')).toThrow();
    expect(() => cast(STRING, DOUBLE, 'Infinity')).toThrow();
    expect(() => cast(STRING, DOUBLE, 'abc')).toThrow();
    expect(javaParseDouble('0x1.8p1')).toBe(3);
    expect(javaParseDouble('-Infinity')).toBe(-Infinity);
  });

  it('reads booleans as SqlBooleans: prefixes of true and yes', () => {
    expect(cast(STRING, BOOLEAN, ' TRUE ')).toBe(true);
    expect(parseSqlBoolean('t')).toBe(true);
    expect(parseSqlBoolean('Ye')).toBe(true);
    expect(parseSqlBoolean('yes')).toBe(true);
    expect(parseSqlBoolean('truex')).toBe(false);
    expect(parseSqlBoolean('false')).toBe(false);
    expect(parseSqlBoolean('')).toBe(false);
    expect(parseSqlBoolean('1')).toBe(false);
  });

  it('parses time types in ksqlDB ISO formats', () => {
    expect(cast(STRING, TIMESTAMP, '1970-01-01T00:00:00.010')).toBe(10);
    expect(cast(STRING, TIMESTAMP, ' 1970-01-01T00:00:01 ')).toBe(1000);
    expect(() => cast(STRING, TIMESTAMP, 'foo')).toThrow('Failed to parse timestamp');
    expect(cast(STRING, DATE, '1970-01-10')).toBe(9);
    expect(cast(STRING, DATE, '1970-01')).toBe(0);
    expect(() => cast(STRING, DATE, 'foo')).toThrow('Failed to parse date');
    expect(cast(STRING, TIME, '00:01:05')).toBe(65000);
  });

  it('decodes base64 strictly', () => {
    expect(cast(STRING, BYTES, 'YWJj')).toEqual(Buffer.from('abc'));
    expect(decodeBase64('YWI=')).toEqual(Buffer.from('ab'));
    expect(decodeBase64('YWI')).toEqual(Buffer.from('ab'));
    expect(() => decodeBase64('YW*j')).toThrow();
    expect(() => decodeBase64('Y')).toThrow();
    expect(() => decodeBase64('YWI==')).toThrow();
  });
});

describe('castFunction: to STRING', () => {
  it('prints as ksqlDB', () => {
    expect(cast(BOOLEAN, STRING, true)).toBe('true');
    expect(cast(INTEGER, STRING, -3)).toBe('-3');
    expect(cast(BIGINT, STRING, 10n)).toBe('10');
    expect(cast(DOUBLE, STRING, 1)).toBe('1.0');
    expect(cast(DOUBLE, STRING, 12345678.9)).toBe('1.23456789E7');
    expect(cast(decimalType(4, 2), STRING, new Decimal('1.5'))).toBe('1.50');
    expect(cast(TIMESTAMP, STRING, 10)).toBe('1970-01-01T00:00:00.010');
    expect(cast(DATE, STRING, -1)).toBe('1969-12-31');
    expect(cast(TIME, STRING, 36000000)).toBe('10:00');
    expect(cast(arrayType(DOUBLE), STRING, [1, null])).toBe('[1.0, null]');
    expect(cast(mapType(STRING, BOOLEAN), STRING, new Map([['a', true]]))).toBe('{a=true}');
    expect(cast(structType([{ name: 'A', type: INTEGER }]), STRING, { A: 1 })).toBe('Struct{A=1}');
  });
});

describe('castFunction: time types', () => {
  it('extracts the date and time of a timestamp in UTC', () => {
    expect(cast(TIMESTAMP, DATE, 5000)).toBe(0);
    expect(cast(TIMESTAMP, DATE, -2000)).toBe(-1);
    expect(cast(TIMESTAMP, DATE, 86400100)).toBe(1);
    expect(cast(TIMESTAMP, TIME, 86400100)).toBe(100);
    expect(cast(TIMESTAMP, TIME, -2000)).toBe(86398000);
    expect(cast(DATE, TIMESTAMP, 10)).toBe(864000000);
  });
});

describe('castFunction: collections', () => {
  it('casts array elements', () => {
    expect(cast(arrayType(STRING), arrayType(INTEGER), ['1', null, ' 3'])).toEqual([1, null, 3]);
  });

  it('casts map keys and values', () => {
    const result = cast(mapType(STRING, INTEGER), mapType(INTEGER, STRING), new Map([['1', 2]]));
    expect(result).toEqual(new Map([[1, '2']]));
  });

  it('copies struct fields by name, dropping extra and nulling missing ones', () => {
    const from = structType([
      { name: 'A', type: INTEGER },
      { name: 'X', type: STRING },
    ]);
    const to = structType([
      { name: 'B', type: STRING },
      { name: 'A', type: BIGINT },
    ]);
    expect(cast(from, to, { A: 1, X: 'x' })).toEqual({ B: null, A: 1n });
  });
});
