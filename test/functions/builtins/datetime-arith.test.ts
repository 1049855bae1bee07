import { describe, expect, it } from 'vitest';
import { DATE, INTEGER, TIME, TIMESTAMP } from '../../../src/common/sql-types.js';
import { call, returnType } from './datetime-harness.js';

const int = (v: number | null) => [INTEGER, v] as const;

describe('DATEADD and DATESUB', () => {
  it('move a date by whole days', () => {
    expect(returnType('DATEADD', { unit: 'DAYS' }, int(1), [DATE, 0])).toEqual(DATE);
    expect(call('dateadd', { unit: 'DAYS' }, int(10), [DATE, 10])).toBe(20);
    expect(call('DATEADD', { unit: 'DAYS' }, int(-5), [DATE, 2])).toBe(-3);
    expect(call('DATESUB', { unit: 'DAYS' }, int(5), [DATE, 2])).toBe(-3);
    expect(call('DATEADD', { unit: 'HOURS' }, int(25), [DATE, 0])).toBe(1);
    expect(call('DATEADD', { unit: 'HOURS' }, int(23), [DATE, 0])).toBe(0);
  });

  it('truncate the day count towards zero, as TimeUnit.toDays does', () => {
    expect(call('DATEADD', { unit: 'HOURS' }, int(-1), [DATE, 0])).toBe(0);
    expect(call('DATESUB', { unit: 'MILLISECONDS' }, int(1), [DATE, 1])).toBe(0);
    expect(call('DATEADD', { unit: 'HOURS' }, int(-25), [DATE, 0])).toBe(-1);
  });

  it('pass NULL through', () => {
    expect(call('DATEADD', { unit: 'MILLISECONDS' }, int(5), [DATE, null])).toBeNull();
    expect(call('DATEADD', { unit: 'MILLISECONDS' }, int(null), [DATE, 5])).toBeNull();
  });

  it('fail on units that TimeUnit lacks', () => {
    expect(() => call('DATEADD', { unit: 'MONTHS' }, int(1), [DATE, 0])).toThrow(
      'Unsupported time unit MONTHS',
    );
  });
});

describe('TIMEADD and TIMESUB', () => {
  it('wrap around midnight', () => {
    expect(returnType('TIMEADD', { unit: 'SECONDS' }, int(1), [TIME, 0])).toEqual(TIME);
    expect(call('timeadd', { unit: 'MILLISECONDS' }, int(10), [TIME, 10])).toBe(20);
    expect(call('TIMEADD', { unit: 'MILLISECONDS' }, int(10), [TIME, 86399995])).toBe(5);
    expect(call('TIMEADD', { unit: 'MILLISECONDS' }, int(-5), [TIME, 2])).toBe(86399997);
    expect(call('TIMESUB', { unit: 'MILLISECONDS' }, int(5), [TIME, 2])).toBe(86399997);
    expect(call('TIMESUB', { unit: 'HOURS' }, int(1), [TIME, 0])).toBe(82800000);
    expect(call('TIMEADD', { unit: 'DAYS' }, int(3), [TIME, 1000])).toBe(1000);
  });

  it('truncate sub-millisecond units', () => {
    expect(call('TIMEADD', { unit: 'MICROSECONDS' }, int(1999), [TIME, 0])).toBe(1);
    expect(call('TIMEADD', { unit: 'NANOSECONDS' }, int(-1), [TIME, 0])).toBe(86399999);
  });

  it('saturate huge intervals as TimeUnit.toNanos does', () => {
    // DAYS.toNanos(2^31 - 1) saturates to Long.MAX_VALUE nanoseconds
    const nanosMod = BigInt(2n ** 63n - 1n) % 86_400_000_000_000n;
    expect(call('TIMEADD', { unit: 'DAYS' }, int(2147483647), [TIME, 0])).toBe(
      Number(nanosMod / 1_000_000n),
    );
  });

  it('pass NULL through', () => {
    expect(call('TIMEADD', { unit: 'MILLISECONDS' }, int(5), [TIME, null])).toBeNull();
    expect(call('TIMESUB', { unit: 'MILLISECONDS' }, int(null), [TIME, 5])).toBeNull();
  });
});

describe('TIMESTAMPADD and TIMESTAMPSUB', () => {
  it('add milliseconds of the unit', () => {
    expect(returnType('TIMESTAMPADD', { unit: 'DAYS' }, int(1), [TIMESTAMP, 0])).toEqual(TIMESTAMP);
    expect(call('timestampadd', { unit: 'MILLISECONDS' }, int(10), [TIMESTAMP, 10])).toBe(20);
    expect(call('TIMESTAMPADD', { unit: 'MILLISECONDS' }, int(-5), [TIMESTAMP, 2])).toBe(-3);
    expect(call('TIMESTAMPSUB', { unit: 'MILLISECONDS' }, int(-5), [TIMESTAMP, -100])).toBe(-95);
    expect(call('TIMESTAMPADD', { unit: 'DAYS' }, int(1), [TIMESTAMP, 0])).toBe(86400000);
    expect(call('TIMESTAMPSUB', { unit: 'MINUTES' }, int(2), [TIMESTAMP, 0])).toBe(-120000);
    expect(call('TIMESTAMPADD', { unit: 'MICROSECONDS' }, int(-1999), [TIMESTAMP, 0])).toBe(-1);
  });

  it('pass NULL through', () => {
    expect(call('TIMESTAMPADD', { unit: 'SECONDS' }, int(5), [TIMESTAMP, null])).toBeNull();
    expect(call('TIMESTAMPSUB', { unit: 'SECONDS' }, int(null), [TIMESTAMP, 5])).toBeNull();
  });

  it('do not take a column as the unit', () => {
    expect(() => returnType('TIMESTAMPADD', [TIMESTAMP, 0], int(5), [TIMESTAMP, 0])).toThrow(
      /does not accept parameters \(TIMESTAMP, INTEGER, TIMESTAMP\)/,
    );
  });
});
