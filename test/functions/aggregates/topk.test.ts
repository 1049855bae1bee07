import { describe, expect, it } from 'vitest';
import {
  TOPK_MAX_OTHER_COLUMNS,
  topkFunction,
} from '../../../src/functions/builtins/aggregates/topk.js';
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
import type { CallSite } from '../../../src/functions/definition.js';
import { build, fold, results, rowsOf } from './harness.js';

const topk = (k: number) =>
  build(topkFunction, ['T', 'INT'], [INTEGER, INTEGER], { literals: [undefined, k] });

describe('TOPK', () => {
  it('keeps the k greatest values, duplicates included, ignoring nulls', () => {
    const rows = [[0], [100], [99], [null], [7], [100]];
    expect(results(topk(3), rows)).toEqual([
      [0],
      [100, 0],
      [100, 99, 0],
      [100, 99, 0],
      [100, 99, 7],
      [100, 100, 99],
    ]);
  });

  it('ranks strings and decimals', () => {
    const strings = build(topkFunction, ['T', 'INT'], [STRING, INTEGER], {
      literals: [undefined, 3],
    });
    expect(results(strings, rowsOf('a', 'b', 'c', 'b', 'd')).at(-1)).toEqual(['d', 'c', 'b']);
    const decimals = build(topkFunction, ['T', 'INT'], [decimalType(2, 1), INTEGER], {
      literals: [undefined, 2],
    });
    const out = results(
      decimals,
      rowsOf(new Decimal('9.8'), new Decimal('9.9'), new Decimal('1.0')),
    );
    expect((out.at(-1) as Decimal[]).map((d) => d.toFixed(1))).toEqual(['9.9', '9.8']);
  });

  it('carries other columns in STRUCT<sort_col, col0, …> entries, ties in arrival order', () => {
    const agg = build(topkFunction, ['T', 'ANY', 'INT'], [INTEGER, STRING, INTEGER], {
      literals: [undefined, undefined, 3],
    });
    const rows = [
      [0, 'zero', 3],
      [100, 'one', 3],
      [99, 'two', 3],
      [null, 'three', 3],
      [100, null, 3],
    ];
    expect(results(agg, rows).at(-1)).toEqual([
      { sort_col: 100, col0: 'one' },
      { sort_col: 100, col0: null },
      { sort_col: 99, col0: 'two' },
    ]);
  });

  it('types the struct form from the arguments', () => {
    const signature = topkFunction.signatures.find((s) => s.params.length === 4)!;
    const site: CallSite = {
      argTypes: [BIGINT, STRING, mapType(STRING, INTEGER), INTEGER],
      literals: [],
    };
    expect(typeof signature.returns === 'function' && signature.returns(site)).toEqual(
      arrayType(
        structType([
          { name: 'sort_col', type: BIGINT },
          { name: 'col0', type: STRING },
          { name: 'col1', type: mapType(STRING, INTEGER) },
        ]),
      ),
    );
    expect(topkFunction.signatures).toHaveLength(TOPK_MAX_OTHER_COLUMNS + 1);
  });

  it('merges two sessions, greatest first, up to k', () => {
    const agg = topk(3);
    const merged = agg.merge!(fold(agg, rowsOf(9, 5, 1)), fold(agg, rowsOf(7, 5)));
    expect(agg.result(merged)).toEqual([9, 7, 5]);
    expect(agg.result(agg.merge!(agg.init(), fold(agg, rowsOf(2))))).toEqual([2]);
  });

  it('requires a literal k of at least 1 and a comparable column', () => {
    expect(() => build(topkFunction, ['T', 'INT'], [INTEGER, INTEGER])).toThrow(
      'Parameter 2 passed to function TOPK must be a literal constant',
    );
    expect(() => topk(0)).toThrow('TOPK needs k of 1 or more');
    expect(() =>
      build(topkFunction, ['T', 'INT'], [mapType(STRING, INTEGER), INTEGER], {
        literals: [undefined, 2],
      }),
    ).toThrow("Function 'TOPK' does not accept parameters (MAP<STRING, INTEGER>, INTEGER).");
  });

  it('is stream-only: no undo', () => {
    expect(topk(2).undo).toBeUndefined();
  });
});
