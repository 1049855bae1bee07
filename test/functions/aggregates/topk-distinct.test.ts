import { describe, expect, it } from 'vitest';
import { topkDistinctFunction } from '../../../src/functions/builtins/aggregates/topk-distinct.js';
import { BYTES, INTEGER, TIME } from '../../../src/common/sql-types.js';
import { build, fold, results, rowsOf } from './harness.js';

const topkDistinct = (k: number, type = INTEGER) =>
  build(topkDistinctFunction, ['T', 'INT'], [type, INTEGER], { literals: [undefined, k] });

describe('TOPKDISTINCT', () => {
  it('keeps the k greatest distinct values, ignoring nulls', () => {
    expect(results(topkDistinct(3), rowsOf(0, 100, 99, null, 7, 100))).toEqual([
      [0],
      [100, 0],
      [100, 99, 0],
      [100, 99, 0],
      [100, 99, 7],
      [100, 99, 7],
    ]);
  });

  it('ranks times and bytes', () => {
    expect(results(topkDistinct(3, TIME), rowsOf(0, 100, 99, 7, 100)).at(-1)).toEqual([100, 99, 7]);
    const bytes = (b64: string) => Buffer.from(b64, 'base64');
    const out = results(
      topkDistinct(3, BYTES),
      rowsOf(bytes('Qg=='), bytes('Rg=='), bytes('Rw=='), bytes('QQ==')),
    );
    expect((out.at(-1) as Buffer[]).map((b) => b.toString('base64'))).toEqual([
      'Rw==',
      'Rg==',
      'Qg==',
    ]);
  });

  it('merges two sessions keeping one of equal values', () => {
    const agg = topkDistinct(4);
    const merged = agg.merge!(fold(agg, rowsOf(9, 5, 1)), fold(agg, rowsOf(9, 5, 2)));
    expect(agg.result(merged)).toEqual([9, 5, 2, 1]);
  });

  it('requires a literal k', () => {
    expect(() => build(topkDistinctFunction, ['T', 'INT'], [INTEGER, INTEGER])).toThrow(
      'must be a literal constant',
    );
  });
});
