import { describe, expect, it } from 'vitest';
import {
  compareSql,
  sqlEquals,
} from '../../../../src/functions/builtins/aggregates/support/sql-values.js';
import { Decimal } from '../../../../src/functions/builtins/aggregates/support/decimal.js';

describe('SQL value equality', () => {
  it('is deep, as Java equals', () => {
    expect(sqlEquals([1, { a: new Map([['k', 1n]]) }], [1, { a: new Map([['k', 1n]]) }])).toBe(
      true,
    );
    expect(sqlEquals({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sqlEquals(Buffer.from('ab'), Buffer.from('ab'))).toBe(true);
    expect(sqlEquals(new Decimal('1.0'), new Decimal('1'))).toBe(true);
    expect(sqlEquals(null, null)).toBe(true);
    expect(sqlEquals(null, 0)).toBe(false);
    expect(sqlEquals([1], { 0: 1 })).toBe(false);
  });

  it('treats NaN as equal to itself and -0.0 as different from 0.0, as Double.equals', () => {
    expect(sqlEquals(NaN, NaN)).toBe(true);
    expect(sqlEquals(0, -0)).toBe(false);
  });
});

describe('SQL value order', () => {
  it('orders strings by UTF-16 code units and bytes as signed', () => {
    expect(compareSql('B', 'a')).toBeLessThan(0);
    expect(compareSql(Buffer.from([0xff]), Buffer.from([0x01]))).toBeLessThan(0);
    expect(compareSql(Buffer.from([1]), Buffer.from([1, 0]))).toBeLessThan(0);
  });

  it('orders bigints and decimals numerically', () => {
    expect(compareSql(10n, 9n)).toBeGreaterThan(0);
    expect(compareSql(new Decimal('1.10'), new Decimal('1.1'))).toBe(0);
  });
});
