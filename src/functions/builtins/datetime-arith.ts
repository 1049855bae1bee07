/**
 * Interval arithmetic on dates, times and timestamps: DATEADD / DATESUB, TIMEADD / TIMESUB,
 * TIMESTAMPADD / TIMESTAMPSUB, each `(unit, interval, value)` with a time-unit keyword.
 *
 * As in ksqlDB: a DATE moves by whole days after the interval is added in milliseconds (so
 * `DATEADD(HOURS, 25, d)` adds one day, and the day count is truncated towards zero); a TIME
 * wraps around midnight; a TIMESTAMP adds milliseconds with Java's 64-bit overflow.
 */
import type { FunctionDefinition } from '../definition.js';
import { longAdd } from '../decimal.js';
import {
  DATE_TIME_CATEGORY,
  MILLIS_PER_DAY,
  unitToMillis,
  unitToNanos,
} from './datetime-support.js';
import { scalar } from './util/define.js';

const NANOS_PER_DAY = 86_400_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
const DAY = BigInt(MILLIS_PER_DAY);

type Shift = (unit: string | null, interval: number | null, value: number | null) => number | null;

function dateShift(sign: 1n | -1n): Shift {
  return (unit, interval, days) => {
    if (unit === null || interval === null || days === null) return null;
    const millis = longAdd(BigInt(days) * DAY, sign * unitToMillis(unit, interval));
    return Number(millis / DAY);
  };
}

/** LocalTime.plusNanos: the shift modulo one day, then truncated to milliseconds. */
function timeShift(sign: 1n | -1n): Shift {
  return (unit, interval, millisOfDay) => {
    if (unit === null || interval === null || millisOfDay === null) return null;
    const nanos = (sign * unitToNanos(unit, interval)) % NANOS_PER_DAY;
    const nanoOfDay =
      (nanos + BigInt(millisOfDay) * NANOS_PER_MILLI + NANOS_PER_DAY) % NANOS_PER_DAY;
    return Number(nanoOfDay / NANOS_PER_MILLI);
  };
}

function timestampShift(sign: 1n | -1n): Shift {
  return (unit, interval, epochMillis) => {
    if (unit === null || interval === null || epochMillis === null) return null;
    return Number(longAdd(BigInt(epochMillis), sign * unitToMillis(unit, interval)));
  };
}

function shiftFunction(
  name: string,
  description: string,
  type: 'DATE' | 'TIME' | 'TIMESTAMP',
  impl: Shift,
): FunctionDefinition {
  return scalar(name, DATE_TIME_CATEGORY, description, [
    { params: ['INTERVALUNIT', 'INT', type], returns: type, impl },
  ]);
}

export const functions: FunctionDefinition[] = [
  shiftFunction('dateadd', 'Adds a duration to a DATE value.', 'DATE', dateShift(1n)),
  shiftFunction('datesub', 'Subtracts a duration from a DATE value.', 'DATE', dateShift(-1n)),
  shiftFunction('timeadd', 'Adds a duration to a TIME value.', 'TIME', timeShift(1n)),
  shiftFunction('timesub', 'Subtracts a duration from a TIME value.', 'TIME', timeShift(-1n)),
  shiftFunction(
    'timestampadd',
    'Adds a duration to a TIMESTAMP value.',
    'TIMESTAMP',
    timestampShift(1n),
  ),
  shiftFunction(
    'timestampsub',
    'Subtracts a duration from a TIMESTAMP value.',
    'TIMESTAMP',
    timestampShift(-1n),
  ),
];
