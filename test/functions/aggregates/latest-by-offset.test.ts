import { describe, expect, it } from 'vitest';
import { latestByOffsetFunction } from '../../../src/functions/builtins/aggregates/latest-by-offset.js';
import { Decimal } from '../../../src/functions/builtins/aggregates/support/decimal.js';
import { BOOLEAN, INTEGER, decimalType } from '../../../src/common/sql-types.js';
import type { AggregateImplementation } from '../../../src/functions/definition.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

const single = (ignoreNulls?: boolean) =>
  ignoreNulls === undefined
    ? build(latestByOffsetFunction, ['T'], [INTEGER])
    : build(latestByOffsetFunction, ['T', 'BOOLEAN'], [INTEGER, BOOLEAN], {
        literals: [undefined, ignoreNulls],
      });

const lastN = (n: number, ignoreNulls?: boolean) =>
  ignoreNulls === undefined
    ? build(latestByOffsetFunction, ['T', 'INT'], [INTEGER, INTEGER], { literals: [undefined, n] })
    : build(latestByOffsetFunction, ['T', 'INT', 'BOOLEAN'], [INTEGER, INTEGER, BOOLEAN], {
        literals: [undefined, n, ignoreNulls],
      });

function mergeSessions(agg: AggregateImplementation, sessions: unknown[], row: unknown[]) {
  const merged = sessions.reduce((acc, session) => agg.merge!(acc, session), agg.init());
  return agg.result(agg.add(merged, row));
}

describe('LATEST_BY_OFFSET', () => {
  it('keeps the last value; ignores nulls by default', () => {
    expect(results(single(), rowsOf(12, null, 13))).toEqual([12, 12, 13]);
    expect(results(single(), rowsOf(null, null))).toEqual([null, null]);
  });

  it('takes a null when nulls are not ignored', () => {
    expect(results(single(false), rowsOf(12, null, 13))).toEqual([12, null, 13]);
  });

  it('keeps the last n values, oldest first', () => {
    expect(results(lastN(2), rowsOf(12, null, 13, 14))).toEqual([[12], [12], [12, 13], [13, 14]]);
    expect(results(lastN(2, false), rowsOf(12, null, 13))).toEqual([[12], [12, null], [null, 13]]);
  });

  it('keeps decimals through state', () => {
    const agg = build(latestByOffsetFunction, ['T'], [decimalType(3, 2)]);
    const out = results(agg, rowsOf(new Decimal('3.4'), new Decimal('8.9'))) as Decimal[];
    expect(out.map((d) => d.toFixed(2))).toEqual(['3.40', '8.90']);
  });

  it('merges sessions by the latest added, a value beating a null when nulls are ignored', () => {
    const ignoring = single();
    const early = fold(ignoring, rowsOf(1));
    expect(mergeSessions(ignoring, [early], [null])).toBe(1);
    const keeping = single(false);
    const a = fold(keeping, rowsOf(1));
    const b = fold(keeping, rowsOf(null));
    expect(mergeSessions(keeping, [a, b], [2])).toBe(2);
    expect(mergeSessions(keeping, [a], [null])).toBeNull();
    expect(keeping.result(keeping.merge!(b, a))).toBeNull();
    expect(keeping.result(keeping.merge!(a, b))).toBeNull();
  });

  it('merges n values as ksqlDB does, keeping the n lowest sequence stamps', () => {
    const agg = lastN(2, false);
    const a = fold(agg, rowsOf(1));
    const b = fold(agg, rowsOf(null));
    expect(mergeSessions(agg, [a, b], [2])).toEqual([null, 2]);
    const c = fold(agg, rowsOf(3, 4));
    const d = fold(agg, rowsOf(5, 6));
    expect(agg.result(agg.merge!(d, c))).toEqual([3, 4]);
  });

  it('ranks values added after a restore after the restored ones', () => {
    const agg = single(false);
    const restored = roundTrip(agg, fold(agg, rowsOf(1)));
    const later = fold(agg, rowsOf(2));
    expect(agg.result(agg.merge!(restored, later))).toBe(2);
    expect(agg.result(agg.merge!(later, restored))).toBe(2);
  });

  it('requires n of 1 or more', () => {
    expect(() => lastN(-1)).toThrow('latestN must be 1 or greater');
  });
});
