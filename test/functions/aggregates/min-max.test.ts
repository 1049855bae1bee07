import { describe, expect, it } from 'vitest';
import { maxFunction, minFunction } from '../../../src/functions/builtins/aggregates/min-max.js';
import { Decimal } from '../../../src/functions/builtins/aggregates/support/decimal.js';
import {
  BYTES,
  DOUBLE,
  INTEGER,
  STRING,
  TIMESTAMP,
  decimalType,
} from '../../../src/common/sql-types.js';
import { build, fold, results, rowsOf } from './harness.js';

describe('MIN and MAX', () => {
  it('track the extremes, ignoring nulls', () => {
    const max = build(maxFunction, ['INT'], [INTEGER]);
    const min = build(minFunction, ['INT'], [INTEGER]);
    expect(results(max, rowsOf(null, 3, 1, null, 7))).toEqual([null, 3, 3, 3, 7]);
    expect(results(min, rowsOf(null, 3, 1, null, 7))).toEqual([null, 3, 1, 1, 1]);
  });

  it('compare strings, timestamps and decimals', () => {
    expect(results(build(maxFunction, ['STRING'], [STRING]), rowsOf('b', 'ab', 'c'))).toEqual([
      'b',
      'b',
      'c',
    ]);
    expect(results(build(minFunction, ['TIMESTAMP'], [TIMESTAMP]), rowsOf(5, -3, 2))).toEqual([
      5, -3, -3,
    ]);
    const max = build(maxFunction, ['DECIMAL'], [decimalType(4, 2)]);
    const out = results(max, rowsOf(new Decimal('1.50'), new Decimal('10.01'))) as Decimal[];
    expect(out.map((d) => d.toFixed(2))).toEqual(['1.50', '10.01']);
  });

  it('order DOUBLE as Java does: -0.0 below 0.0, NaN above everything', () => {
    const max = build(maxFunction, ['DOUBLE'], [DOUBLE]);
    const min = build(minFunction, ['DOUBLE'], [DOUBLE]);
    expect(Object.is(max.result(fold(max, rowsOf(-0, 0))), 0)).toBe(true);
    expect(Object.is(min.result(fold(min, rowsOf(0, -0))), -0)).toBe(true);
    expect(results(max, rowsOf(1, NaN, 2))).toEqual([1, NaN, NaN]);
    expect(results(min, rowsOf(NaN, 2))).toEqual([NaN, 2]);
  });

  it('compare BYTES as signed bytes, as ByteBuffer.compareTo', () => {
    const max = build(maxFunction, ['BYTES'], [BYTES]);
    const high = Buffer.from([0x80]);
    const low = Buffer.from([0x7f]);
    expect(max.result(fold(max, [[high], [low]]))).toEqual(low);
    expect(results(max, [[Buffer.from([1])], [Buffer.from([1, 0])]])).toEqual([
      Buffer.from([1]),
      Buffer.from([1, 0]),
    ]);
  });

  it('merge sessions and have no undo (stream only)', () => {
    const max = build(maxFunction, ['INT'], [INTEGER]);
    expect(max.undo).toBeUndefined();
    expect(max.result(max.merge!(fold(max, rowsOf(4)), fold(max, rowsOf(9))))).toBe(9);
    expect(max.result(max.merge!(max.init(), fold(max, rowsOf(4))))).toBe(4);
    expect(max.result(max.merge!(max.init(), max.init()))).toBeNull();
  });

  it('accept every comparable type', () => {
    const types = maxFunction.signatures.map((s) => s.params[0]);
    expect(types).toEqual([
      'INT',
      'BIGINT',
      'DOUBLE',
      'DECIMAL',
      'DATE',
      'TIME',
      'TIMESTAMP',
      'STRING',
      'BYTES',
    ]);
  });
});
