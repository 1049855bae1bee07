import { describe, expect, it } from 'vitest';
import {
  HISTOGRAM_LIMIT,
  histogramFunction,
} from '../../../src/functions/builtins/aggregates/histogram.js';
import { STRING } from '../../../src/common/sql-types.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

const histogram = () => build(histogramFunction, ['STRING'], [STRING]);
const counts = (entries: [string | null, bigint][]) => new Map(entries);

describe('HISTOGRAM', () => {
  it('counts each distinct string as a BIGINT', () => {
    expect(results(histogram(), rowsOf('baz', 'baz', 'foo'))).toEqual([
      counts([['baz', 1n]]),
      counts([['baz', 2n]]),
      counts([
        ['baz', 2n],
        ['foo', 1n],
      ]),
    ]);
  });

  it('counts null as a value, as ksqlDB does', () => {
    expect(results(histogram(), rowsOf(null)).at(-1)).toEqual(counts([[null, 1n]]));
  });

  it('undoes down to zero, removing the value', () => {
    const agg = histogram();
    const acc = roundTrip(agg, fold(agg, rowsOf('alice', 'bob')));
    expect(agg.result(agg.undo!(acc, ['bob']))).toEqual(counts([['alice', 1n]]));
    expect(agg.result(agg.undo!(acc, ['carol']))).toEqual(
      counts([
        ['alice', 1n],
        ['bob', 1n],
      ]),
    );
  });

  it('ignores new values beyond 1000 distinct ones, but still counts known ones', () => {
    const agg = histogram();
    const full = fold(
      agg,
      Array.from({ length: HISTOGRAM_LIMIT }, (_, i) => [`v${i}`]),
    );
    const after = agg.add(agg.add(full, ['new']), ['v0']);
    const result = agg.result(after) as Map<string, bigint>;
    expect(result.size).toBe(HISTOGRAM_LIMIT);
    expect(result.has('new')).toBe(false);
    expect(result.get('v0')).toBe(2n);
  });

  it('merges counts', () => {
    const agg = histogram();
    const merged = agg.merge!(fold(agg, rowsOf('a', 'b')), fold(agg, rowsOf('b', 'c')));
    expect(agg.result(merged)).toEqual(
      counts([
        ['a', 1n],
        ['b', 2n],
        ['c', 1n],
      ]),
    );
  });
});
