import { describe, expect, it } from 'vitest';
import { BIGINT, decimalType, INTEGER, type SqlType } from '../../src/common/sql-types.js';
import {
  Decimal,
  decimalArithmetic,
  decimalNegate,
  decimalResultType,
  decimalToDecimal,
  doubleMod,
  doubleToDecimal,
  exactDecimalOfDouble,
  intAdd,
  intDiv,
  intMod,
  intMul,
  intSub,
  integerToDecimal,
  javaBigDecimalToString,
  longAdd,
  longDiv,
  longMod,
  longMul,
  longSub,
  parseJavaBigDecimal,
  stringToDecimal,
  toDecimal,
  toPlainString,
  type ArithmeticOperator,
} from '../../src/functions/decimal.js';

const d = (s: string): Decimal => new Decimal(s);

function evaluate(op: ArithmeticOperator, a: string, b: string, left: SqlType, right: SqlType) {
  const type = decimalResultType(op, left, right) as { precision: number; scale: number };
  const result = decimalArithmetic(op, { base: 'DECIMAL', ...type })(d(a), d(b));
  return toPlainString(result, type.scale);
}

describe('decimalResultType', () => {
  const d42 = decimalType(4, 2);
  it.each<[ArithmeticOperator, SqlType, SqlType, SqlType]>([
    ['+', d42, d42, decimalType(5, 2)],
    ['-', d42, decimalType(5, 3), decimalType(6, 3)],
    ['*', d42, d42, decimalType(9, 4)],
    ['/', d42, d42, decimalType(11, 7)],
    ['/', decimalType(10, 0), decimalType(2, 0), decimalType(16, 6)],
    ['%', d42, d42, decimalType(4, 2)],
    ['%', decimalType(10, 2), decimalType(3, 1), decimalType(4, 2)],
    ['+', d42, INTEGER, decimalType(13, 2)],
    ['+', BIGINT, d42, decimalType(22, 2)],
  ])('%s of %j and %j is %j', (op, left, right, expected) => {
    expect(decimalResultType(op, left, right)).toEqual(expected);
  });
});

describe('decimalArithmetic', () => {
  const d42 = decimalType(4, 2);
  it('adds, subtracts and multiplies exactly at the result scale', () => {
    expect(evaluate('+', '10.01', '5.10', d42, d42)).toBe('15.11');
    expect(evaluate('-', '10.10', '5.10', d42, d42)).toBe('5.00');
    expect(evaluate('*', '10.10', '2.00', d42, d42)).toBe('20.2000');
    expect(evaluate('*', '10.10', '-2.00', d42, d42)).toBe('-20.2000');
    expect(evaluate('*', '-10.10', '0.00', d42, d42)).toBe('0.0000');
  });

  it('divides exactly, or fails when the quotient needs rounding', () => {
    expect(evaluate('/', '10.10', '2.00', d42, d42)).toBe('5.0500000');
    expect(evaluate('/', '10.10', '-2.00', d42, d42)).toBe('-5.0500000');
    expect(() => evaluate('/', '1.00', '3.00', d42, d42)).toThrow('Rounding necessary');
    expect(() => evaluate('/', '0.01', '64.00', d42, d42)).toThrow('Rounding necessary');
  });

  it('fails on division by zero', () => {
    expect(() => evaluate('/', '10.10', '0.00', d42, d42)).toThrow('Division by zero');
    expect(() => evaluate('/', '0.00', '0.00', d42, d42)).toThrow('Division undefined');
    expect(() => evaluate('%', '10.10', '0.00', d42, d42)).toThrow('Division by zero');
  });

  it('takes the remainder with the sign of the dividend', () => {
    expect(evaluate('%', '10.10', '2.00', d42, d42)).toBe('0.10');
    expect(evaluate('%', '10.10', '-2.00', d42, d42)).toBe('0.10');
    expect(evaluate('%', '-10.10', '3.00', d42, d42)).toBe('-1.10');
  });

  it('fails a remainder whose integral quotient exceeds the precision', () => {
    expect(() => evaluate('%', '1000000', '0.3', decimalType(10, 0), decimalType(2, 1))).toThrow(
      'Division impossible',
    );
    expect(evaluate('%', '1000000', '0.5', decimalType(10, 0), decimalType(2, 1))).toBe('0.0');
  });

  it('negates', () => {
    expect(decimalNegate(d('10.12345')).toString()).toBe('-10.12345');
  });

  it('computes beyond the default 20 digits of decimal.js', () => {
    const type = decimalType(38, 10);
    const sum = decimalArithmetic('+', decimalResultType('+', type, type));
    expect(
      toPlainString(sum(d('1234567890123456789012345678.0123456789'), d('1.0000000001')), 10),
    ).toBe('1234567890123456789012345679.0123456790');
  });
});

describe('casts into DECIMAL(p, s)', () => {
  it('casts integers, failing on overflow', () => {
    expect(toPlainString(integerToDecimal(12, 4, 2), 2)).toBe('12.00');
    expect(toPlainString(integerToDecimal(9223372036854775807n, 19, 0), 0)).toBe(
      '9223372036854775807',
    );
    expect(() => integerToDecimal(100, 4, 2)).toThrow(
      'Numeric field overflow: A field with precision 4 and scale 2 must round to an absolute ' +
        'value less than 10^2. Got 100',
    );
  });

  it('casts doubles from their exact binary value, rounding HALF_UP', () => {
    expect(toPlainString(doubleToDecimal(1.5, 5, 0), 0)).toBe('2');
    expect(toPlainString(doubleToDecimal(-1.5, 5, 0), 0)).toBe('-2');
    expect(toPlainString(doubleToDecimal(0.125, 3, 2), 2)).toBe('0.13');
    // as BigDecimal(1.005, MathContext(4)) then setScale(2, HALF_UP): rounded twice
    expect(toPlainString(doubleToDecimal(1.005, 4, 2), 2)).toBe('1.01');
    expect(toPlainString(doubleToDecimal(1.005, 20, 2), 2)).toBe('1.00');
    expect(toPlainString(doubleToDecimal(1.4499, 3, 1), 1)).toBe('1.5');
    expect(() => doubleToDecimal(123.4, 4, 2)).toThrow('Numeric field overflow');
    expect(() => doubleToDecimal(NaN, 4, 2)).toThrow();
  });

  it('casts decimals, rounding HALF_UP after the overflow check', () => {
    expect(toPlainString(decimalToDecimal(d('1.25'), 3, 1), 1)).toBe('1.3');
    expect(toPlainString(decimalToDecimal(d('-1.25'), 3, 1), 1)).toBe('-1.3');
    expect(toPlainString(decimalToDecimal(d('9.99'), 2, 1), 1)).toBe('10.0');
    expect(() => decimalToDecimal(d('10.0'), 2, 1)).toThrow('Numeric field overflow');
  });

  it('casts strings as new BigDecimal(s.trim())', () => {
    expect(toPlainString(stringToDecimal(' 1.234 ', 4, 2), 2)).toBe('1.23');
    expect(toPlainString(stringToDecimal('1e2', 5, 2), 2)).toBe('100.00');
    expect(toPlainString(stringToDecimal('-.5', 2, 1), 1)).toBe('-0.5');
    expect(() => stringToDecimal('abc', 4, 2)).toThrow();
    expect(() => stringToDecimal('1,5', 4, 2)).toThrow();
  });
});

describe('exact conversions and printing', () => {
  it('expands a double to its exact binary value', () => {
    expect(exactDecimalOfDouble(0.1).toFixed()).toBe(
      '0.1000000000000000055511151231257827021181583404541015625',
    );
    expect(exactDecimalOfDouble(-2.5).toFixed()).toBe('-2.5');
    expect(exactDecimalOfDouble(1e20).toFixed()).toBe('100000000000000000000');
  });

  it('converts numbers and strings', () => {
    expect(toDecimal(5).toFixed()).toBe('5');
    expect(toDecimal(5n).toFixed()).toBe('5');
    expect(toDecimal('1.50').toFixed()).toBe('1.5');
    expect(parseJavaBigDecimal('+1.5E-3').toFixed()).toBe('0.0015');
    expect(() => parseJavaBigDecimal('1.5.5')).toThrow();
    expect(() => parseJavaBigDecimal('Infinity')).toThrow();
  });

  it('prints as BigDecimal.toString', () => {
    expect(javaBigDecimalToString(d('1.5'), 2)).toBe('1.50');
    expect(javaBigDecimalToString(d('123'), 0)).toBe('123');
    expect(javaBigDecimalToString(d('0.000001'), 6)).toBe('0.000001');
    expect(javaBigDecimalToString(d('0.0000001'), 7)).toBe('1E-7');
    expect(javaBigDecimalToString(d('-0.0000001'), 8)).toBe('-1.0E-7');
    expect(javaBigDecimalToString(d('0'), 8)).toBe('0E-8');
    expect(javaBigDecimalToString(d('123456789012345678901234.5'), 1)).toBe(
      '123456789012345678901234.5',
    );
  });
});

describe('Java integer arithmetic', () => {
  it('wraps 32-bit results', () => {
    expect(intAdd(2147483647, 1)).toBe(-2147483648);
    expect(intSub(-2147483648, 1)).toBe(2147483647);
    expect(intMul(65536, 65536)).toBe(0);
    expect(intDiv(-2147483648, -1)).toBe(-2147483648);
    expect(intDiv(-7, 2)).toBe(-3);
    expect(intMod(-7, 2)).toBe(-1);
    expect(Object.is(intMod(-4, 2), 0)).toBe(true);
  });

  it('wraps 64-bit results', () => {
    expect(longAdd(9223372036854775807n, 1n)).toBe(-9223372036854775808n);
    expect(longSub(-9223372036854775808n, 1n)).toBe(9223372036854775807n);
    expect(longMul(4294967296n, 4294967296n)).toBe(0n);
    expect(longDiv(-9223372036854775808n, -1n)).toBe(-9223372036854775808n);
    expect(longMod(-7n, 2n)).toBe(-1n);
  });

  it('fails integer division by zero', () => {
    expect(() => intDiv(1, 0)).toThrow('/ by zero');
    expect(() => intMod(1, 0)).toThrow('/ by zero');
    expect(() => longDiv(1n, 0n)).toThrow('/ by zero');
    expect(() => longMod(1n, 0n)).toThrow('/ by zero');
  });

  it('takes double remainders as Java does', () => {
    expect(doubleMod(5.5, 2)).toBe(1.5);
    expect(doubleMod(-5.5, 2)).toBe(-1.5);
    expect(doubleMod(1, 0)).toBeNaN();
  });
});
