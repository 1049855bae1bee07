/**
 * Date/time values to text with Java DateTimeFormatter patterns: FORMAT_TIMESTAMP, FORMAT_DATE,
 * FORMAT_TIME, and the deprecated TIMESTAMPTOSTRING (BIGINT millis) and DATETOSTRING (INT days).
 * Without a time zone argument FORMAT_TIMESTAMP uses GMT, and TIMESTAMPTOSTRING the default
 * zone (ksqlDB: the JVM's). NULL arguments give NULL, except for the deprecated functions' Java
 * primitive parameters, which fail the call as in ksqlDB.
 */
import { Instant, LocalDate, LocalTime, ZoneId } from '../js-joda.js';
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import { defaultZone, javaDateTimeFormat, zoneIdOf } from '../java-datetime-format.js';
import { formatSqlValue } from '../value-format.js';
import { DATE_TIME_CATEGORY, errorMessage } from './datetime-support.js';
import { primitive, scalar } from './util/define.js';

const GMT = ZoneId.of('GMT');

function formatTimestamp(
  epochMillis: number,
  pattern: string,
  defaultZoneId: ZoneId,
  timeZone?: string,
): string {
  try {
    const zone = timeZone === undefined ? defaultZoneId : zoneIdOf(timeZone);
    return javaDateTimeFormat(pattern).format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  } catch (e) {
    const at = timeZone === undefined ? '' : ` at timeZone '${timeZone}'`;
    throw new ExecutionError(
      `Failed to format timestamp ${formatSqlValue(epochMillis, { base: 'TIMESTAMP' })}${at}` +
        ` with formatter '${pattern}': ${errorMessage(e)}`,
    );
  }
}

function formatDate(epochDays: number, pattern: string): string {
  try {
    return javaDateTimeFormat(pattern).format(LocalDate.ofEpochDay(epochDays));
  } catch (e) {
    throw new ExecutionError(
      `Failed to format date ${formatSqlValue(epochDays, { base: 'DATE' })}` +
        ` with formatter '${pattern}': ${errorMessage(e)}`,
    );
  }
}

function formatTime(millisOfDay: number | null, pattern: string | null): string | null {
  if (millisOfDay === null || pattern === null) return null;
  try {
    return javaDateTimeFormat(pattern).format(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000));
  } catch (e) {
    throw new ExecutionError(
      `Failed to format time ${formatSqlValue(millisOfDay, { base: 'TIME' })}` +
        ` with formatter '${pattern}': ${errorMessage(e)}`,
    );
  }
}

/** TIMESTAMPTOSTRING's and DATETOSTRING's first parameter is a Java primitive. */
const epochMillis = (value: bigint | null): number => Number(primitive(value, 'timestamptostring'));

export const functions: FunctionDefinition[] = [
  scalar(
    'format_timestamp',
    DATE_TIME_CATEGORY,
    'Converts a TIMESTAMP value into the string representation of the timestamp in the given format.',
    [
      {
        params: ['TIMESTAMP', 'STRING'],
        returns: 'STRING',
        impl: (ts: number | null, pattern: string | null) =>
          ts === null || pattern === null ? null : formatTimestamp(ts, pattern, GMT),
      },
      {
        params: ['TIMESTAMP', 'STRING', 'STRING'],
        returns: 'STRING',
        impl: (ts: number | null, pattern: string | null, zone: string | null) =>
          ts === null || pattern === null || zone === null
            ? null
            : formatTimestamp(ts, pattern, GMT, zone),
      },
    ],
  ),
  scalar(
    'timestamptostring',
    DATE_TIME_CATEGORY,
    'Converts a number of milliseconds since 1970-01-01 00:00:00 UTC/GMT into the string ' +
      'representation of the timestamp in the given format.',
    [
      {
        params: ['BIGINT', 'STRING'],
        returns: 'STRING',
        impl: (ms: bigint | null, pattern: string | null) => {
          const millis = epochMillis(ms);
          return pattern === null ? null : formatTimestamp(millis, pattern, defaultZone());
        },
      },
      {
        params: ['BIGINT', 'STRING', 'STRING'],
        returns: 'STRING',
        impl: (ms: bigint | null, pattern: string | null, zone: string | null) => {
          const millis = epochMillis(ms);
          if (pattern === null || zone === null) return null;
          return formatTimestamp(millis, pattern, defaultZone(), zone);
        },
      },
    ],
  ),
  scalar(
    'format_date',
    DATE_TIME_CATEGORY,
    'Converts a DATE value to a string using the given format pattern.',
    [
      {
        params: ['DATE', 'STRING'],
        returns: 'STRING',
        impl: (days: number | null, pattern: string | null) =>
          days === null || pattern === null ? null : formatDate(days, pattern),
      },
    ],
  ),
  scalar(
    'datetostring',
    DATE_TIME_CATEGORY,
    'Converts an integer representing days since epoch to a date string using the given ' +
      'format pattern.',
    [
      {
        params: ['INT', 'STRING'],
        returns: 'STRING',
        impl: (days: number | null, pattern: string | null) => {
          const epochDays = primitive(days, 'datetostring');
          return pattern === null ? null : formatDate(epochDays, pattern);
        },
      },
    ],
  ),
  scalar(
    'format_time',
    DATE_TIME_CATEGORY,
    'Converts a TIME value into the string representation of the time in the given format.',
    [{ params: ['TIME', 'STRING'], returns: 'STRING', impl: formatTime }],
  ),
];
