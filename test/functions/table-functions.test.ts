import { describe, expect, it } from 'vitest';
import {
  CUBE_MAX_COLUMNS,
  cubeExplode,
  explode,
  functions,
} from '../../src/functions/builtins/table-functions.js';
import { ExecutionError } from '../../src/common/errors.js';

describe('EXPLODE', () => {
  it('emits one row per element, in order, null elements included', () => {
    expect(explode([1, null, 2])).toEqual([1, null, 2]);
    expect(explode([{ F1: 1 }])).toEqual([{ F1: 1 }]);
  });

  it('emits nothing for an empty or null array', () => {
    expect(explode([])).toEqual([]);
    expect(explode(null)).toEqual([]);
  });

  it('takes arrays only', () => {
    const definition = functions.find((f) => f.name === 'explode')!;
    expect(definition.kind).toBe('table');
    expect(definition.signatures.map((s) => s.params)).toEqual([
      ['ARRAY<DECIMAL> input'],
      ['ARRAY<T> list'],
    ]);
  });
});

describe('CUBE_EXPLODE', () => {
  it('emits every combination, in ksqlDB order', () => {
    expect(cubeExplode(['one', 'two', 'three'])).toEqual([
      [null, null, null],
      [null, null, 'three'],
      [null, 'two', null],
      [null, 'two', 'three'],
      ['one', null, null],
      ['one', null, 'three'],
      ['one', 'two', null],
      ['one', 'two', 'three'],
    ]);
  });

  it('skips the duplicates a null element would produce', () => {
    expect(cubeExplode([1, null])).toEqual([
      [null, null],
      [1, null],
    ]);
    expect(cubeExplode([null, null])).toEqual([[null, null]]);
  });

  it('emits one empty row for an empty array and nothing for null', () => {
    expect(cubeExplode([])).toEqual([[]]);
    expect(cubeExplode(null)).toEqual([]);
  });

  it(`refuses more than ${CUBE_MAX_COLUMNS} elements`, () => {
    expect(cubeExplode(Array.from({ length: CUBE_MAX_COLUMNS }, () => null))).toHaveLength(1);
    expect(() => cubeExplode(Array.from({ length: CUBE_MAX_COLUMNS + 1 }, (_, i) => i))).toThrow(
      ExecutionError,
    );
  });

  it('returns arrays of the element type', () => {
    const definition = functions.find((f) => f.name === 'cube_explode')!;
    expect(definition.signatures.map((s) => [s.params, s.returns])).toEqual([
      [['ARRAY<T> columns'], 'ARRAY<T>'],
    ]);
  });
});
