import { describe, expect, it } from 'vitest';
import {
  COLLECT_LIST_LIMIT,
  collectListFunction,
} from '../../../src/functions/builtins/aggregates/collect-list.js';
import { Decimal } from '../../../src/functions/builtins/aggregates/support/decimal.js';
import {
  BIGINT,
  INTEGER,
  STRING,
  arrayType,
  decimalType,
  mapType,
  structType,
} from '../../../src/common/sql-types.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

describe('COLLECT_LIST', () => {
  it('collects every value in order, nulls included', () => {
    const list = build(collectListFunction, ['T'], [INTEGER]);
    expect(results(list, rowsOf(1, null, 1))).toEqual([[1], [1, null], [1, null, 1]]);
  });

  it('keeps complex values through state', () => {
    const type = structType([
      { name: 'A', type: STRING },
      { name: 'M', type: mapType(STRING, BIGINT) },
      { name: 'D', type: decimalType(4, 1) },
      { name: 'L', type: arrayType(BIGINT) },
    ]);
    const list = build(collectListFunction, ['T'], [type]);
    const value = {
      A: 'x',
      M: new Map([['k', 5n]]),
      D: new Decimal('1.5'),
      L: [1n, null],
    };
    const restored = (results(list, [[value]])[0] as unknown[])[0];
    expect(restored).toEqual(value);
    expect((restored as { M: Map<string, bigint> }).M.get('k')).toBe(5n);
  });

  it('stops at ksql.functions.collect_list.limit', () => {
    const list = build(collectListFunction, ['T'], [INTEGER], {
      properties: { [COLLECT_LIST_LIMIT]: '2' },
    });
    expect(results(list, rowsOf(1, 2, 3))).toEqual([[1], [1, 2], [1, 2]]);
  });

  it('has no limit unless configured, or when the limit is negative', () => {
    const list = build(collectListFunction, ['T'], [INTEGER], {
      properties: { [COLLECT_LIST_LIMIT]: -1 },
    });
    const values = Array.from({ length: 1500 }, (_, i) => [i]);
    expect((list.result(fold(list, values)) as unknown[]).length).toBe(1500);
  });

  it('undoes the last equal entry, deeply compared', () => {
    const list = build(collectListFunction, ['T'], [arrayType(INTEGER)]);
    const acc = fold(list, rowsOf([1], [2], [1]));
    expect(list.result(list.undo!(acc, [[1]]))).toEqual([[1], [2]]);
    expect(list.result(list.undo!(acc, [[3]]))).toEqual([[1], [2], [1]]);
  });

  it('merges sessions up to the limit', () => {
    const list = build(collectListFunction, ['T'], [INTEGER], {
      properties: { [COLLECT_LIST_LIMIT]: 3 },
    });
    const merged = list.merge!(fold(list, rowsOf(1, 2)), fold(list, rowsOf(3, 4)));
    expect(list.result(roundTrip(list, merged))).toEqual([1, 2, 3]);
  });

  it('does not change an accumulator it was given', () => {
    const list = build(collectListFunction, ['T'], [INTEGER]);
    const before = fold(list, rowsOf(1));
    list.add(before, [2]);
    expect(list.result(before)).toEqual([1]);
  });
});
