import { describe, expect, it } from 'vitest';
import { countFunction } from '../../../src/functions/builtins/aggregates/count.js';
import { INTEGER } from '../../../src/common/sql-types.js';
import { build, fold, results, rowsOf } from './harness.js';

describe('COUNT', () => {
  it('COUNT(*) counts every row, as a BIGINT', () => {
    const count = build(countFunction, [], []);
    expect(results(count, [[], [], []])).toEqual([1n, 2n, 3n]);
  });

  it('COUNT(col) counts non-null values only', () => {
    const count = build(countFunction, ['ANY'], [INTEGER]);
    expect(results(count, rowsOf(1, null, 3, undefined))).toEqual([1n, 1n, 2n, 2n]);
  });

  it('is zero for an empty group', () => {
    const count = build(countFunction, ['ANY'], [INTEGER]);
    expect(count.result(count.init())).toBe(0n);
  });

  it('undoes a counted value and ignores undoing a null', () => {
    const count = build(countFunction, ['ANY'], [INTEGER]);
    const acc = fold(count, rowsOf(1, 2, 3));
    expect(count.result(count.undo!(acc, [2]))).toBe(2n);
    expect(count.result(count.undo!(acc, [null]))).toBe(3n);
  });

  it('merges sessions by adding', () => {
    const count = build(countFunction, ['ANY'], [INTEGER]);
    const merged = count.merge!(fold(count, rowsOf(1, 2)), fold(count, rowsOf(3)));
    expect(count.result(merged)).toBe(3n);
  });
});
