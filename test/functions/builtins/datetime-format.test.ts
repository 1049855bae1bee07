import { afterEach, describe, expect, it } from 'vitest';
import { BIGINT, DATE, INTEGER, STRING, TIME, TIMESTAMP } from '../../../src/common/sql-types.js';
import { setDefaultTimeZone } from '../../../src/functions/java-datetime-format.js';
import { call, returnType } from './datetime-harness.js';

const ts = (v: number | null) => [TIMESTAMP, v] as const;
const str = (v: string | null) => [STRING, v] as const;

describe('FORMAT_TIMESTAMP', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('formats in GMT, or the given zone', () => {
    expect(returnType('FORMAT_TIMESTAMP', ts(0), str(''))).toEqual(STRING);
    expect(call('format_timestamp', ts(1526075913000), str('yyyy-MM-dd HH:mm:ss'))).toBe(
      '2018-05-11 21:58:33',
    );
    expect(
      call(
        'FORMAT_TIMESTAMP',
        ts(1526075913000),
        str('yyyy-MM-dd HH:mm:ss zzz'),
        str('America/Los_Angeles'),
      ),
    ).toBe('2018-05-11 14:58:33 PDT');
    setDefaultTimeZone('Europe/London');
    expect(call('FORMAT_TIMESTAMP', ts(0), str('HH:mm'))).toBe('00:00');
  });

  it('returns NULL for NULL arguments', () => {
    expect(call('FORMAT_TIMESTAMP', ts(null), str('yyyy'))).toBeNull();
    expect(call('FORMAT_TIMESTAMP', ts(0), str(null))).toBeNull();
    expect(call('FORMAT_TIMESTAMP', ts(0), str('yyyy'), str(null))).toBeNull();
  });

  it('fails on bad patterns and zones', () => {
    expect(() => call('FORMAT_TIMESTAMP', ts(0), str('yyyy-bb'))).toThrow(
      "Failed to format timestamp 1970-01-01T00:00:00.000 with formatter 'yyyy-bb': Unknown pattern letter: b",
    );
    expect(() => call('FORMAT_TIMESTAMP', ts(0), str('yyyy'), str('Nowhere'))).toThrow(
      "at timeZone 'Nowhere'",
    );
  });
});

describe('TIMESTAMPTOSTRING', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('formats BIGINT millis in the default zone, or the given zone', () => {
    expect(returnType('timestamptostring', [BIGINT, 0n], str(''))).toEqual(STRING);
    expect(call('TIMESTAMPTOSTRING', [BIGINT, 1526075913000n], str("yyyy-MM-dd'T'HH:mm:ssX"))).toBe(
      '2018-05-11T21:58:33Z',
    );
    expect(
      call(
        'TIMESTAMPTOSTRING',
        [BIGINT, 1526075913000n],
        str('yyyy-MM-dd HH:mm:ss zzz'),
        str('Europe/London'),
      ),
    ).toBe('2018-05-11 22:58:33 BST');
    setDefaultTimeZone('America/Los_Angeles');
    expect(call('TIMESTAMPTOSTRING', [BIGINT, 1526075913000n], str('HH:mm'))).toBe('14:58');
  });

  it('accepts INT millis through implicit widening', () => {
    expect(call('TIMESTAMPTOSTRING', [INTEGER, 1000], str('ss'))).toBe('01');
  });

  it('fails on NULL millis (a Java primitive) but gives NULL for a NULL pattern', () => {
    expect(() => call('TIMESTAMPTOSTRING', [BIGINT, null], str('yyyy'))).toThrow();
    expect(call('TIMESTAMPTOSTRING', [BIGINT, 0n], str(null))).toBeNull();
  });
});

describe('FORMAT_DATE and DATETOSTRING', () => {
  it.each([
    [17662, 'yyyy-MM-dd', '2018-05-11'],
    [18027, 'dd/MM/yyyy', '11/05/2019'],
    [18993, 'dd-MMM-yyyy', '01-Jan-2022'],
    [0, 'dd-MM-yyyy', '01-01-1970'],
    [-1, "dd-MM-yyyy'Sophia'", '31-12-1969Sophia'],
  ])('formats day %d with %s', (days, pattern, expected) => {
    expect(call('FORMAT_DATE', [DATE, days], str(pattern))).toBe(expected);
    expect(call('DATETOSTRING', [INTEGER, days], str(pattern))).toBe(expected);
  });

  it('rejects time fields', () => {
    expect(() => call('FORMAT_DATE', [DATE, 0], str('HH'))).toThrow(
      "Failed to format date 1970-01-01 with formatter 'HH': Unsupported field: HourOfDay",
    );
  });

  it('handles NULL as ksqlDB', () => {
    expect(call('FORMAT_DATE', [DATE, null], str('yyyy'))).toBeNull();
    expect(call('DATETOSTRING', [INTEGER, 0], str(null))).toBeNull();
    expect(() => call('DATETOSTRING', [INTEGER, null], str('yyyy'))).toThrow();
  });
});

describe('FORMAT_TIME', () => {
  it('formats a time of day', () => {
    expect(call('FORMAT_TIME', [TIME, 65000], str('HH:mm:ss.SSS'))).toBe('00:01:05.000');
    expect(call('FORMAT_TIME', [TIME, 46800001], str('hh:mm a, SSS'))).toBe('01:00 PM, 001');
    expect(call('FORMAT_TIME', [TIME, null], str('HH'))).toBeNull();
    expect(() => call('FORMAT_TIME', [TIME, 0], str('yyyy'))).toThrow('Failed to format time');
  });
});
