import { describe, expect, it } from 'vitest';
import { earliestByOffsetFunction } from '../../../src/functions/builtins/aggregates/earliest-by-offset.js';
import { AnalysisError } from '../../../src/common/errors.js';
import { BOOLEAN, INTEGER, arrayType, STRING } from '../../../src/common/sql-types.js';
import type { AggregateImplementation } from '../../../src/functions/definition.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

const single = (ignoreNulls?: boolean) =>
  ignoreNulls === undefined
    ? build(earliestByOffsetFunction, ['T'], [INTEGER])
    : build(earliestByOffsetFunction, ['T', 'BOOLEAN'], [INTEGER, BOOLEAN], {
        literals: [undefined, ignoreNulls],
      });

const firstN = (n: number, ignoreNulls?: boolean) =>
  ignoreNulls === undefined
    ? build(earliestByOffsetFunction, ['T', 'INT'], [INTEGER, INTEGER], {
        literals: [undefined, n],
      })
    : build(earliestByOffsetFunction, ['T', 'INT', 'BOOLEAN'], [INTEGER, INTEGER, BOOLEAN], {
        literals: [undefined, n, ignoreNulls],
      });

/** A session merge as Kafka Streams does it: a fresh accumulator, each session merged, then the record. */
function mergeSessions(agg: AggregateImplementation, sessions: unknown[], row: unknown[]) {
  const merged = sessions.reduce((acc, session) => agg.merge!(acc, session), agg.init());
  return agg.result(agg.add(merged, row));
}

describe('EARLIEST_BY_OFFSET', () => {
  it('keeps the first value; ignores nulls by default', () => {
    expect(results(single(), rowsOf(12, null, 13))).toEqual([12, 12, 12]);
    expect(results(single(), rowsOf(null, 13))).toEqual([null, 13]);
    expect(results(single(true), rowsOf(null, null))).toEqual([null, null]);
  });

  it('keeps a first null when nulls are not ignored', () => {
    expect(results(single(false), rowsOf(null, 13))).toEqual([null, null]);
  });

  it('keeps the first n values', () => {
    expect(results(firstN(2), rowsOf(12, null, 13, 14))).toEqual([[12], [12], [12, 13], [12, 13]]);
    expect(results(firstN(2, false), rowsOf(12, null, 13))).toEqual([[12], [12, null], [12, null]]);
    expect(results(firstN(2), rowsOf(null, null))).toEqual([[], []]);
  });

  it('merges sessions by keeping the earliest added', () => {
    const agg = single(false);
    const first = fold(agg, rowsOf(null));
    const second = fold(agg, rowsOf(1));
    expect(mergeSessions(agg, [first, second], [null])).toBeNull();
    const ignoring = single(true);
    expect(
      mergeSessions(ignoring, [fold(ignoring, rowsOf(null)), fold(ignoring, rowsOf(1))], [null]),
    ).toBe(1);
  });

  it('merges n values by sequence, keeping the earliest n', () => {
    const agg = firstN(2, false);
    const first = roundTrip(agg, fold(agg, rowsOf(null)));
    const second = roundTrip(agg, fold(agg, rowsOf(1)));
    expect(mergeSessions(agg, [first, second], [null])).toEqual([null, 1]);
    expect(agg.result(agg.merge!(second, first))).toEqual([null, 1]);
  });

  it('requires literal constants and n of 1 or more', () => {
    expect(() =>
      build(earliestByOffsetFunction, ['T', 'INT'], [INTEGER, INTEGER], {
        literals: [undefined, undefined],
      }),
    ).toThrow('Parameter 2 passed to function EARLIEST_BY_OFFSET must be a literal constant');
    expect(() => firstN(0)).toThrow(AnalysisError);
    expect(() => firstN(0)).toThrow('earliestN must be 1 or greater');
  });

  it('returns the argument type, or an array of it for n values', () => {
    const returns = earliestByOffsetFunction.signatures.map((s) => s.returns);
    expect(returns).toEqual(['T', 'T', 'ARRAY<T>', 'ARRAY<T>']);
    const list = build(earliestByOffsetFunction, ['T'], [arrayType(STRING)]);
    expect(results(list, rowsOf(['a'], ['b']))).toEqual([['a'], ['a']]);
  });

  it('is stream-only: no undo', () => {
    expect(single().undo).toBeUndefined();
  });
});
