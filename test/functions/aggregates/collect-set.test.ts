import { describe, expect, it } from 'vitest';
import {
  COLLECT_SET_LIMIT,
  collectSetFunction,
} from '../../../src/functions/builtins/aggregates/collect-set.js';
import {
  BIGINT,
  INTEGER,
  STRING,
  arrayType,
  mapType,
  structType,
} from '../../../src/common/sql-types.js';
import { build, fold, results, rowsOf } from './harness.js';

describe('COLLECT_SET', () => {
  it('collects distinct values in first-seen order, null included once', () => {
    const set = build(collectSetFunction, ['T'], [INTEGER]);
    expect(results(set, rowsOf(500, 100, 500, null, null))).toEqual([
      [500],
      [500, 100],
      [500, 100],
      [500, 100, null],
      [500, 100, null],
    ]);
  });

  it('compares maps, arrays and structs deeply', () => {
    const maps = build(collectSetFunction, ['T'], [mapType(STRING, BIGINT)]);
    const a = new Map([
      ['Record0', 100n],
      ['Record2', 2n],
    ]);
    const b = new Map([
      ['Record2', 2n],
      ['Record0', 100n],
    ]);
    expect(results(maps, rowsOf(a, b))).toEqual([[a], [a]]);
    const arrays = build(collectSetFunction, ['T'], [arrayType(INTEGER)]);
    expect(results(arrays, rowsOf([0, 1], [0, 1], [1, 0]))).toEqual([
      [[0, 1]],
      [[0, 1]],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
    const structs = build(
      collectSetFunction,
      ['T'],
      [
        structType([
          { name: 'A', type: STRING },
          { name: 'B', type: BIGINT },
        ]),
      ],
    );
    expect(results(structs, rowsOf({ A: 'x', B: 1n }, { A: 'x', B: 1n }))).toEqual([
      [{ A: 'x', B: 1n }],
      [{ A: 'x', B: 1n }],
    ]);
  });

  it('stops at ksql.functions.collect_set.limit', () => {
    const set = build(collectSetFunction, ['T'], [INTEGER], {
      properties: { [COLLECT_SET_LIMIT]: 1 },
    });
    expect(results(set, rowsOf(0, 100))).toEqual([[0], [0]]);
  });

  it('merges new values of the second session, up to the limit', () => {
    const set = build(collectSetFunction, ['T'], [INTEGER], {
      properties: { [COLLECT_SET_LIMIT]: 3 },
    });
    const merged = set.merge!(fold(set, rowsOf(1, 2)), fold(set, rowsOf(2, 5, 6)));
    expect(set.result(merged)).toEqual([1, 2, 5]);
  });

  it('is stream-only: no undo', () => {
    expect(build(collectSetFunction, ['T'], [INTEGER]).undo).toBeUndefined();
  });
});
