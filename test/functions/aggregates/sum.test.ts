import { describe, expect, it } from 'vitest';
import { sumFunction } from '../../../src/functions/builtins/aggregates/sum.js';
import { Decimal } from '../../../src/functions/builtins/aggregates/support/decimal.js';
import { BIGINT, DOUBLE, INTEGER, decimalType } from '../../../src/common/sql-types.js';
import { ExecutionError } from '../../../src/common/errors.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';
import type { CallSite } from '../../../src/functions/definition.js';

describe('SUM', () => {
  it('sums INT as an INT that wraps like Java int, skipping nulls', () => {
    const sum = build(sumFunction, ['INT'], [INTEGER]);
    expect(results(sum, rowsOf(1, null, 2))).toEqual([1, 1, 3]);
    expect(sum.result(fold(sum, rowsOf(2147483647, 1)))).toBe(-2147483648);
  });

  it('sums BIGINT as a wrapping long', () => {
    const sum = build(sumFunction, ['BIGINT'], [BIGINT]);
    expect(results(sum, rowsOf(1n, 2n))).toEqual([1n, 3n]);
    expect(sum.result(fold(sum, rowsOf(9223372036854775807n, 1n)))).toBe(-9223372036854775808n);
  });

  it('sums DOUBLE, keeping NaN and infinities through state', () => {
    const sum = build(sumFunction, ['DOUBLE'], [DOUBLE]);
    expect(results(sum, rowsOf(1.5, 2.25))).toEqual([1.5, 3.75]);
    expect(results(sum, rowsOf(Infinity, 1))).toEqual([Infinity, Infinity]);
    expect(results(sum, rowsOf(NaN))).toEqual([NaN]);
  });

  it('is zero for an all-null group', () => {
    const sum = build(sumFunction, ['INT'], [INTEGER]);
    expect(results(sum, rowsOf(null))).toEqual([0]);
  });

  it('undoes and merges', () => {
    const sum = build(sumFunction, ['BIGINT'], [BIGINT]);
    const acc = fold(sum, rowsOf(5n, 7n));
    expect(sum.result(sum.undo!(acc, [5n]))).toBe(7n);
    expect(sum.result(sum.undo!(acc, [null]))).toBe(12n);
    expect(sum.result(sum.merge!(acc, fold(sum, rowsOf(3n))))).toBe(15n);
  });

  describe('DECIMAL', () => {
    const type = decimalType(4, 1);
    const d = (text: string) => new Decimal(text);
    const sum = build(sumFunction, ['DECIMAL'], [type]);

    it('returns the argument decimal type', () => {
      const returns = sumFunction.signatures.find((s) => s.params[0] === 'DECIMAL')!.returns;
      const site: CallSite = { argTypes: [type], literals: [undefined] };
      expect(typeof returns === 'function' && returns(site)).toEqual(type);
    });

    it('sums exactly and round-trips through state', () => {
      const out = results(sum, rowsOf(d('1.1'), d('2.2'), null)) as Decimal[];
      expect(out.map((v) => v.toFixed(1))).toEqual(['1.1', '3.3', '3.3']);
    });

    it('fails the record when the sum no longer fits the precision', () => {
      const acc = fold(sum, rowsOf(d('999.9')));
      expect(() => sum.add(acc, [d('0.1')])).toThrow(ExecutionError);
      expect(() => sum.add(acc, [d('0.1')])).toThrow(
        'Numeric field overflow: A field with precision 4 and scale 1 must round to an ' +
          'absolute value less than 10^3. Got 1000',
      );
      expect((sum.result(sum.add(acc, [d('-999.9')])) as Decimal).isZero()).toBe(true);
    });

    it('undoes and merges', () => {
      const acc = roundTrip(sum, fold(sum, rowsOf(d('1.5'), d('2.5'))));
      expect((sum.result(sum.undo!(acc, [d('1.5')])) as Decimal).toFixed(1)).toBe('2.5');
      const merged = sum.merge!(acc, fold(sum, rowsOf(d('0.5'))));
      expect((sum.result(merged) as Decimal).toFixed(1)).toBe('4.5');
    });
  });
});
