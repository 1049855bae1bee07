/**
 * Text to date/time values with Java DateTimeFormatter patterns: PARSE_TIMESTAMP, PARSE_DATE,
 * PARSE_TIME, and the deprecated STRINGTOTIMESTAMP (BIGINT millis) and STRINGTODATE (INT days).
 *
 * Timestamps go through ksqlDB's StringToTimestampParser: fields the pattern lacks default to
 * 1970-01-01T00:00, and the zone is the text's own, else the argument, else GMT (PARSE_TIMESTAMP)
 * or the default zone (STRINGTOTIMESTAMP). PARSE_DATE parses as FastDateFormat (see parseDate);
 * PARSE_TIME rejects date fields. NULL gives NULL, except in the deprecated STRINGTO* functions,
 * which fail as in ksqlDB.
 */
import { LocalDate, LocalTime, ZoneId } from '../js-joda.js';
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import {
  DATE_BASED_FIELDS,
  defaultZone,
  javaDateTimeFormat,
  parseDatePrefixMillis,
  parseTimestampMillis,
  zoneIdOf,
} from '../java-datetime-format.js';
import { DATE_TIME_CATEGORY, errorMessage } from './datetime-support.js';
import { scalar } from './util/define.js';

const GMT = ZoneId.of('GMT');

function parseTimestamp(
  text: string,
  pattern: string,
  defaultZoneId: ZoneId,
  timeZone?: string,
): number {
  try {
    const zone = timeZone === undefined ? defaultZoneId : zoneIdOf(timeZone);
    return parseTimestampMillis(text, pattern, zone);
  } catch (e) {
    const at = timeZone === undefined ? '' : ` at timezone '${timeZone}'`;
    throw new ExecutionError(
      `Failed to parse timestamp '${text}'${at} with formatter '${pattern}': ${errorMessage(e)}`,
    );
  }
}

/** STRINGTOTIMESTAMP and STRINGTODATE fail on NULL: ksqlDB has no sentinel to return. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new ExecutionError(`Failed to parse ${what}: the argument is NULL`);
  return value;
}

function stringToTimestamp(
  text: string | null,
  pattern: string | null,
  timeZone?: string | null,
): bigint {
  const millis = parseTimestamp(
    required(text, 'timestamp'),
    required(pattern, 'timestamp'),
    defaultZone(),
    timeZone === undefined ? undefined : required(timeZone, 'timestamp'),
  );
  return BigInt(millis);
}

const MILLIS_PER_DAY = 86_400_000;

/**
 * ksqlDB's ParseDate parses with Commons Lang's FastDateFormat in GMT: trailing text is ignored,
 * missing fields come from 1970-01-01, and a time of day other than midnight is refused.
 */
function parseDate(text: string | null, pattern: string | null): number | null {
  if (text === null || pattern === null) return null;
  try {
    const millis = parseDatePrefixMillis(text, pattern);
    if (millis % MILLIS_PER_DAY !== 0) throw new Error('Date format contains time field.');
    return millis / MILLIS_PER_DAY;
  } catch (e) {
    throw dateError(text, pattern, e);
  }
}

function stringToDate(text: string | null, pattern: string | null): number {
  const date = required(text, 'date');
  const format = required(pattern, 'date');
  try {
    return LocalDate.from(javaDateTimeFormat(format).parse(date)).toEpochDay();
  } catch (e) {
    throw dateError(date, format, e);
  }
}

function dateError(text: string, pattern: string, e: unknown): ExecutionError {
  return new ExecutionError(
    `Failed to parse date '${text}' with formatter '${pattern}': ${errorMessage(e)}`,
  );
}

function parseTime(text: string | null, pattern: string | null): number | null {
  if (text === null || pattern === null) return null;
  try {
    const parsed = javaDateTimeFormat(pattern).parse(text);
    if (DATE_BASED_FIELDS.some((f) => parsed.isSupported(f))) {
      throw new Error('Time format contains date field.');
    }
    return Math.floor(LocalTime.from(parsed).toNanoOfDay() / 1_000_000);
  } catch (e) {
    throw new ExecutionError(
      `Failed to parse time '${text}' with formatter '${pattern}': ${errorMessage(e)}`,
    );
  }
}

export const functions: FunctionDefinition[] = [
  scalar(
    'parse_timestamp',
    DATE_TIME_CATEGORY,
    'Converts a string representation of a date in the given format into a TIMESTAMP value.',
    [
      {
        params: ['STRING', 'STRING'],
        returns: 'TIMESTAMP',
        impl: (text: string | null, pattern: string | null) =>
          text === null || pattern === null ? null : parseTimestamp(text, pattern, GMT),
      },
      {
        params: ['STRING', 'STRING', 'STRING'],
        returns: 'TIMESTAMP',
        impl: (text: string | null, pattern: string | null, zone: string | null) =>
          text === null || pattern === null || zone === null
            ? null
            : parseTimestamp(text, pattern, GMT, zone),
      },
    ],
  ),
  scalar(
    'stringtotimestamp',
    DATE_TIME_CATEGORY,
    'Converts a string representation of a date in the given format into the BIGINT value ' +
      'that represents the millisecond timestamp.',
    [
      {
        params: ['STRING', 'STRING'],
        returns: 'BIGINT',
        impl: (text: string | null, pattern: string | null) => stringToTimestamp(text, pattern),
      },
      { params: ['STRING', 'STRING', 'STRING'], returns: 'BIGINT', impl: stringToTimestamp },
    ],
  ),
  scalar(
    'parse_date',
    DATE_TIME_CATEGORY,
    'Converts a string representation of a date in the given format into a DATE value.',
    [{ params: ['STRING', 'STRING'], returns: 'DATE', impl: parseDate }],
  ),
  scalar(
    'stringtodate',
    DATE_TIME_CATEGORY,
    'Converts a string representation of a date in the given format into the number of days ' +
      'since 1970-01-01 00:00:00 UTC/GMT.',
    [{ params: ['STRING', 'STRING'], returns: 'INT', impl: stringToDate }],
  ),
  scalar(
    'parse_time',
    DATE_TIME_CATEGORY,
    'Converts a string representation of a time in the given format into a TIME value.',
    [{ params: ['STRING', 'STRING'], returns: 'TIME', impl: parseTime }],
  ),
];
