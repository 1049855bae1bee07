import { afterEach, describe, expect, it } from 'vitest';
import { BIGINT, DATE, INTEGER, STRING, TIMESTAMP } from '../../../src/common/sql-types.js';
import { setDefaultTimeZone } from '../../../src/functions/java-datetime-format.js';
import { call, returnType } from './datetime-harness.js';

const str = (v: string | null) => [STRING, v] as const;

describe('UNIX_TIMESTAMP and UNIX_DATE', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('read the clock without arguments', () => {
    expect(returnType('UNIX_TIMESTAMP')).toEqual(BIGINT);
    const before = BigInt(Date.now());
    const now = call('unix_timestamp') as bigint;
    expect(now >= before && now <= BigInt(Date.now())).toBe(true);
    expect(returnType('UNIX_DATE')).toEqual(INTEGER);
    expect(call('UNIX_DATE')).toBe(Math.floor(Date.now() / 86400000));
  });

  it('take the day in the default zone', () => {
    setDefaultTimeZone('Pacific/Kiritimati');
    const ahead = call('UNIX_DATE') as number;
    setDefaultTimeZone('Pacific/Pago_Pago');
    const behind = call('UNIX_DATE') as number;
    expect(ahead).toBeGreaterThan(behind);
  });

  it('convert values to numbers', () => {
    expect(call('UNIX_TIMESTAMP', [TIMESTAMP, 1589234313000])).toBe(1589234313000n);
    expect(call('UNIX_TIMESTAMP', [TIMESTAMP, null])).toBeNull();
    expect(call('UNIX_DATE', [DATE, 100])).toBe(100);
    expect(call('UNIX_DATE', [DATE, null])).toBeNull();
  });
});

describe('FROM_UNIXTIME and FROM_DAYS', () => {
  it('convert numbers to values', () => {
    expect(returnType('FROM_UNIXTIME', [BIGINT, 0n])).toEqual(TIMESTAMP);
    expect(call('from_unixtime', [BIGINT, 1589234313000n])).toBe(1589234313000);
    expect(call('FROM_UNIXTIME', [BIGINT, null])).toBeNull();
    expect(returnType('FROM_DAYS', [INTEGER, 0])).toEqual(DATE);
    expect(call('FROM_DAYS', [INTEGER, -10])).toBe(-10);
    expect(() => call('FROM_DAYS', [INTEGER, null])).toThrow();
  });
});

describe('CONVERT_TZ', () => {
  it('shifts by the difference of the offsets at the instant', () => {
    const ts = 1526075913000;
    expect(returnType('CONVERT_TZ', [TIMESTAMP, 0], str(''), str(''))).toEqual(TIMESTAMP);
    expect(call('convert_tz', [TIMESTAMP, ts], str('UTC'), str('America/Los_Angeles'))).toBe(
      ts - 7 * 3600000,
    );
    expect(call('CONVERT_TZ', [TIMESTAMP, ts], str('America/Los_Angeles'), str('UTC'))).toBe(
      ts + 7 * 3600000,
    );
    expect(call('CONVERT_TZ', [TIMESTAMP, 0], str('+05:30'), str('Europe/London'))).toBe(
      -4.5 * 3600000,
    );
  });

  it('passes NULL through and fails on unknown zones', () => {
    expect(call('CONVERT_TZ', [TIMESTAMP, null], str('UTC'), str('UTC'))).toBeNull();
    expect(call('CONVERT_TZ', [TIMESTAMP, 0], str(null), str('UTC'))).toBeNull();
    expect(() => call('CONVERT_TZ', [TIMESTAMP, 0], str('Nowhere'), str('UTC'))).toThrow(
      'Invalid time zone',
    );
  });
});
