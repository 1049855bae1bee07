import { describe, expect, it } from 'vitest';
import { attrFunction } from '../../../src/functions/builtins/aggregates/attr.js';
import { INTEGER, STRING, arrayType } from '../../../src/common/sql-types.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

const attr = (type = STRING) => build(attrFunction, ['T'], [type]);

describe('ATTR', () => {
  it('is the single value of the group', () => {
    expect(results(attr(), rowsOf('s', 's', 's'))).toEqual(['s', 's', 's']);
    expect(results(attr(arrayType(INTEGER)), rowsOf([1, 2], [1, 2]))).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('is null once a second distinct value appears, null counting as a value', () => {
    expect(results(attr(), rowsOf('1', '2', '3'))).toEqual(['1', null, null]);
    expect(results(attr(), rowsOf('1', null, '1'))).toEqual(['1', null, null]);
    expect(results(attr(), rowsOf(null, null))).toEqual([null, null]);
  });

  it('recovers through undo, as a table aggregate with tombstones', () => {
    const agg = attr();
    let acc = roundTrip(agg, fold(agg, rowsOf('1', '1')));
    acc = agg.undo!(acc, ['1']);
    expect(agg.result(acc)).toBe('1');
    acc = agg.undo!(acc, ['1']);
    expect(agg.result(acc)).toBeNull();
    acc = agg.add(acc, ['2']);
    expect(agg.result(acc)).toBe('2');
    acc = agg.add(acc, ['3']);
    expect(agg.result(acc)).toBeNull();
    acc = agg.undo!(roundTrip(agg, acc), ['3']);
    expect(agg.result(acc)).toBe('2');
  });

  it('merges counts', () => {
    const agg = attr();
    expect(agg.result(agg.merge!(fold(agg, rowsOf('a')), fold(agg, rowsOf('a'))))).toBe('a');
    expect(agg.result(agg.merge!(fold(agg, rowsOf('a')), fold(agg, rowsOf('b'))))).toBeNull();
  });
});
