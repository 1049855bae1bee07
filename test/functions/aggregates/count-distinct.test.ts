import { describe, expect, it } from 'vitest';
import { countDistinctFunction } from '../../../src/functions/builtins/aggregates/count-distinct.js';
import { Decimal } from '../../../src/functions/builtins/aggregates/support/decimal.js';
import { BIGINT, DOUBLE, INTEGER, STRING, decimalType } from '../../../src/common/sql-types.js';
import type { SqlType } from '../../../src/common/sql-types.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

const countDistinct = (type: SqlType) => build(countDistinctFunction, ['T'], [type]);
const count = (type: SqlType, values: unknown[]) => {
  const agg = countDistinct(type);
  return agg.result(roundTrip(agg, fold(agg, rowsOf(...values))));
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('COUNT_DISTINCT', () => {
  it('counts distinct non-null values as a BIGINT', () => {
    expect(results(countDistinct(STRING), rowsOf('a', 'b', 'a', null))).toEqual([1n, 2n, 2n, 2n]);
    expect(count(INTEGER, [])).toBe(0n);
  });

  // Estimates computed by stream-lib's HyperLogLog(14) and MurmurHash in Java on the same values:
  // exact for small groups, approximate beyond, and identical to ksqlDB's.
  it.each([
    [100, 100n, 100n, 100n, 100n],
    [1000, 1002n, 1000n, 992n, 1007n],
    [5000, 4962n, 4975n, 4982n, 5047n],
    [20000, 19730n, 20334n, 20193n, 19894n],
  ])('estimates %i values as ksqlDB does', (n, ints, strings, longs, doubles) => {
    expect(count(INTEGER, range(n))).toBe(ints);
    expect(
      count(
        STRING,
        range(n).map((i) => `v${i}`),
      ),
    ).toBe(strings);
    expect(
      count(
        BIGINT,
        range(n).map((i) => BigInt(i) * 1000003n),
      ),
    ).toBe(longs);
    expect(
      count(
        DOUBLE,
        range(n).map((i) => i / 4),
      ),
    ).toBe(doubles);
  });

  it('counts decimals by their Java text', () => {
    const type = decimalType(4, 2);
    expect(count(type, [new Decimal('1.5'), new Decimal('1.50'), new Decimal('2')])).toBe(2n);
  });

  it('merges sessions and keeps large states compact', () => {
    const agg = countDistinct(INTEGER);
    const merged = agg.merge!(fold(agg, rowsOf(...range(50))), fold(agg, rowsOf(...range(80))));
    expect(agg.result(merged)).toBe(80n);
    const big = fold(agg, rowsOf(...range(20000)));
    expect(JSON.stringify(agg.toState(big)).length).toBeLessThan(23000);
    expect(agg.result(roundTrip(agg, big))).toBe(19730n);
  });

  it('is stream-only: no undo', () => {
    expect(countDistinct(INTEGER).undo).toBeUndefined();
  });
});
