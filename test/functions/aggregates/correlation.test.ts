import { describe, expect, it } from 'vitest';
import { correlationFunction } from '../../../src/functions/builtins/aggregates/correlation.js';
import { DOUBLE } from '../../../src/common/sql-types.js';
import { build, fold, results } from './harness.js';

const correlation = () => build(correlationFunction, ['DOUBLE', 'DOUBLE'], [DOUBLE, DOUBLE]);
const points = [
  [1, 2],
  [2, 4.5],
  [3, 5.5],
  [4, 9],
];

describe('CORRELATION', () => {
  it("is Pearson's coefficient of the non-null pairs (value from ksqlDB's formula)", () => {
    expect(results(correlation(), [...points, [null, 3], [5, null]]).at(-1)).toBe(
      0.9789871508779666,
    );
  });

  it('is NaN without spread, as 0/0 in ksqlDB', () => {
    expect(results(correlation(), [[1, 1]])).toEqual([NaN]);
  });

  it('undoes and merges', () => {
    const agg = correlation();
    const all = fold(agg, points);
    const withExtra = agg.add(all, [10, -3]);
    expect(agg.result(agg.undo!(withExtra, [10, -3]))).toBeCloseTo(0.9789871508779666, 12);
    const merged = agg.merge!(fold(agg, points.slice(0, 2)), fold(agg, points.slice(2)));
    expect(agg.result(merged)).toBe(0.9789871508779666);
  });
});
