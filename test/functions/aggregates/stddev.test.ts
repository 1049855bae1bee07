import { describe, expect, it } from 'vitest';
import {
  stddevSampFunction,
  stddevSampleFunction,
} from '../../../src/functions/builtins/aggregates/stddev.js';
import { BIGINT, DOUBLE, INTEGER } from '../../../src/common/sql-types.js';
import { build, fold, results, roundTrip, rowsOf } from './harness.js';

// Expected values computed by ksqlDB's Java code (StandardDeviationSampUdaf and
// StandardDeviationSampleUdaf, INT flavour) on the same inputs.
const values = rowsOf(1, 2, 3, 4, 10);

describe('STDDEV_SAMPLE', () => {
  it('is the sample standard deviation, 0.0 below two values', () => {
    const sd = build(stddevSampleFunction, ['INT'], [INTEGER]);
    expect(results(sd, rowsOf(5, null))).toEqual([0, 0]);
    expect(results(sd, values).at(-1)).toBe(3.5355339059327378);
  });

  it('undoes a value', () => {
    const sd = build(stddevSampleFunction, ['INT'], [INTEGER]);
    expect(sd.result(sd.undo!(fold(sd, values), [4]))).toBe(4.08248290463863);
    expect(sd.result(sd.undo!(fold(sd, values), [null]))).toBe(3.5355339059327378);
  });

  it('merges sessions with exact means', () => {
    const sd = build(stddevSampleFunction, ['INT'], [INTEGER]);
    const merged = sd.merge!(fold(sd, rowsOf(1, 2)), roundTrip(sd, fold(sd, rowsOf(3, 4, 10))));
    expect(sd.result(merged)).toBe(3.5355339059327378);
  });

  it('agrees across argument types', () => {
    const longs = build(stddevSampleFunction, ['BIGINT'], [BIGINT]);
    const doubles = build(stddevSampleFunction, ['DOUBLE'], [DOUBLE]);
    expect(results(longs, rowsOf(1n, 2n, 3n, 4n, 10n)).at(-1)).toBe(3.5355339059327378);
    expect(results(doubles, values).at(-1)).toBe(3.5355339059327378);
  });
});

describe('STDDEV_SAMP', () => {
  it('returns the sample variance, as ksqlDB does', () => {
    const samp = build(stddevSampFunction, ['INT'], [INTEGER]);
    expect(results(samp, values).at(-1)).toBe(12.5);
    expect(samp.result(samp.undo!(fold(samp, values), [4]))).toBe(16.666666666666668);
  });

  it('merges integer sessions with integer means, as ksqlDB does', () => {
    const samp = build(stddevSampFunction, ['INT'], [INTEGER]);
    const merged = samp.merge!(fold(samp, rowsOf(1, 2)), fold(samp, rowsOf(3, 4, 10)));
    expect(samp.result(merged)).toBe(12.091666666666667);
  });

  it('merges with an empty session unchanged', () => {
    const samp = build(stddevSampFunction, ['DOUBLE'], [DOUBLE]);
    const acc = fold(samp, rowsOf(1, 2, 3));
    expect(samp.result(samp.merge!(acc, samp.init()))).toBe(samp.result(acc));
  });
});
