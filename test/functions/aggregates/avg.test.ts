import { describe, expect, it } from 'vitest';
import { avgFunction } from '../../../src/functions/builtins/aggregates/avg.js';
import { BIGINT, DOUBLE, INTEGER } from '../../../src/common/sql-types.js';
import { build, fold, results, rowsOf } from './harness.js';

describe('AVG', () => {
  it('averages INT as a DOUBLE, skipping nulls', () => {
    const avg = build(avgFunction, ['INT'], [INTEGER]);
    expect(results(avg, rowsOf(1, null, 2))).toEqual([1, 1, 1.5]);
  });

  it('is 0.0 for a group without values', () => {
    const avg = build(avgFunction, ['DOUBLE'], [DOUBLE]);
    expect(results(avg, rowsOf(null))).toEqual([0]);
  });

  it('keeps an INT sum that wraps as Java int', () => {
    const avg = build(avgFunction, ['INT'], [INTEGER]);
    expect(avg.result(fold(avg, rowsOf(2147483647, 1)))).toBe(-2147483648 / 2);
  });

  it('averages BIGINT through state', () => {
    const avg = build(avgFunction, ['BIGINT'], [BIGINT]);
    expect(results(avg, rowsOf(10n, 20n, 3n))).toEqual([10, 15, 11]);
  });

  it('undoes and merges', () => {
    const avg = build(avgFunction, ['DOUBLE'], [DOUBLE]);
    const acc = fold(avg, rowsOf(1, 2, 6));
    expect(avg.result(avg.undo!(acc, [6]))).toBe(1.5);
    expect(avg.result(avg.undo!(acc, [null]))).toBe(3);
    expect(avg.result(avg.merge!(acc, fold(avg, rowsOf(11))))).toBe(5);
  });

  it('widens DECIMAL arguments to the DOUBLE signature rather than declaring its own', () => {
    expect(avgFunction.signatures.map((s) => s.params)).toEqual([['INT'], ['BIGINT'], ['DOUBLE']]);
  });
});
