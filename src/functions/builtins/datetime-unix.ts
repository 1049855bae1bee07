/**
 * Date/time values to and from epoch numbers, and between zones: UNIX_TIMESTAMP, UNIX_DATE,
 * FROM_UNIXTIME, FROM_DAYS, CONVERT_TZ. Without arguments, UNIX_TIMESTAMP and UNIX_DATE read the
 * clock (UNIX_DATE: today in the default zone). NULL gives NULL, except for FROM_DAYS, whose Java
 * parameter is a primitive `int`.
 */
import { Instant, LocalDate, type ZoneId } from '../js-joda.js';
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import { defaultZone, zoneIdOf } from '../java-datetime-format.js';
import { DATE_TIME_CATEGORY, errorMessage } from './datetime-support.js';
import { primitive, scalar } from './util/define.js';

/** TimeZone.getTimeZone(ZoneId.of(id)).getOffset(millis), in milliseconds. */
function offsetMillis(zoneId: string, epochMillis: number): number {
  return zoneOf(zoneId).rules().offset(Instant.ofEpochMilli(epochMillis)).totalSeconds() * 1000;
}

function zoneOf(zoneId: string): ZoneId {
  try {
    return zoneIdOf(zoneId);
  } catch (e) {
    throw new ExecutionError(`Invalid time zone: ${errorMessage(e)}`);
  }
}

function convertTz(ts: number | null, from: string | null, to: string | null): number | null {
  if (ts === null || from === null || to === null) return null;
  return ts + offsetMillis(to, ts) - offsetMillis(from, ts);
}

export const functions: FunctionDefinition[] = [
  scalar(
    'unix_timestamp',
    DATE_TIME_CATEGORY,
    'Returns the current number of milliseconds for the system since 1970-01-01 00:00:00 UTC/GMT.',
    [
      { params: [], returns: 'BIGINT', impl: () => BigInt(Date.now()) },
      {
        params: ['TIMESTAMP'],
        returns: 'BIGINT',
        impl: (ts: number | null) => (ts === null ? null : BigInt(ts)),
      },
    ],
  ),
  scalar(
    'unix_date',
    DATE_TIME_CATEGORY,
    'Returns the current number of days for the system since 1970-01-01 00:00:00 UTC/GMT.',
    [
      { params: [], returns: 'INT', impl: () => LocalDate.now(defaultZone()).toEpochDay() },
      { params: ['DATE'], returns: 'INT', impl: (days: number | null) => days },
    ],
  ),
  scalar(
    'from_unixtime',
    DATE_TIME_CATEGORY,
    'Converts a number of milliseconds since 1970-01-01 00:00:00 UTC/GMT into a TIMESTAMP value.',
    [
      {
        params: ['BIGINT'],
        returns: 'TIMESTAMP',
        impl: (millis: bigint | null) => (millis === null ? null : Number(millis)),
      },
    ],
  ),
  scalar(
    'from_days',
    DATE_TIME_CATEGORY,
    'Converts a number of days since epoch to a DATE value.',
    [
      {
        params: ['INT'],
        returns: 'DATE',
        impl: (days: number | null) => primitive(days, 'from_days'),
      },
    ],
  ),
  scalar(
    'convert_tz',
    DATE_TIME_CATEGORY,
    'Converts a TIMESTAMP value from one timezone to another.',
    [{ params: ['TIMESTAMP', 'STRING', 'STRING'], returns: 'TIMESTAMP', impl: convertTz }],
  ),
];
