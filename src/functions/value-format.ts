/**
 * SQL values as text, the way ksqlDB writes them: `CAST(x AS STRING)` and CONCAT of non-strings
 * (SqlTimeTypes' ISO formats, BigDecimal.toPlainString, Double.toString), and values nested in
 * ARRAY / MAP / STRUCT as Java's `toString` prints them (`[1, 2]`, `{a=1}`, `Struct{A=1,B=x}`,
 * java.sql.Timestamp's `2020-01-01 00:00:00.0`).
 */
import { Instant, LocalDate, LocalTime, ZoneOffset } from './js-joda.js';
import type { SqlType } from '../common/sql-types.js';
import { javaBigDecimalToString, toPlainString, type Decimal } from './decimal.js';
import { defaultZone, javaDateTimeFormat } from './java-datetime-format.js';

const MILLIS_PER_DAY = 86_400_000;

/** A value as `CAST(value AS STRING)` renders it; `null` as `null`. */
export function formatSqlValue(value: unknown, type: SqlType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.base) {
    case 'DOUBLE':
      return javaDoubleToString(value as number);
    case 'DECIMAL':
      return toPlainString(value as Decimal, type.scale);
    case 'BYTES':
      return (value as Buffer).toString('base64');
    case 'TIMESTAMP':
      return formatTimestamp(value as number);
    case 'DATE':
      return formatDate(value as number);
    case 'TIME':
      return formatTime(value as number);
    default:
      return javaToString(value, type);
  }
}

/** Java's `String.valueOf` of the value's Java representation, as nested in collections. */
export function javaToString(value: unknown, type: SqlType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.base) {
    case 'BOOLEAN':
    case 'INTEGER':
    case 'BIGINT':
    case 'STRING':
      return String(value as string | number | bigint | boolean);
    case 'DOUBLE':
      return javaDoubleToString(value as number);
    case 'DECIMAL':
      return javaBigDecimalToString(value as Decimal, type.scale);
    case 'BYTES':
      return (value as Buffer).toString('base64');
    case 'TIMESTAMP':
      return javaSqlTimestampToString(value as number);
    case 'DATE':
      return javaSqlDateToString(value as number);
    case 'TIME':
      return javaSqlTimeToString(value as number);
    case 'ARRAY': {
      const items = (value as readonly unknown[]).map((v) => javaToString(v, type.items));
      return `[${items.join(', ')}]`;
    }
    case 'MAP': {
      const entries: string[] = [];
      for (const [k, v] of value as ReadonlyMap<unknown, unknown>) {
        entries.push(`${javaToString(k, type.key)}=${javaToString(v, type.value)}`);
      }
      return `{${entries.join(', ')}}`;
    }
    case 'STRUCT': {
      const struct = value as Readonly<Record<string, unknown>>;
      const fields = type.fields
        .filter((f) => struct[f.name] !== null && struct[f.name] !== undefined)
        .map((f) => `${f.name}=${javaToString(struct[f.name], f.type)}`);
      return `Struct{${fields.join(',')}}`;
    }
  }
}

/**
 * Java's Double.toString: shortest digits that identify the double, plain for
 * 10^-3 <= |d| < 10^7 (`1.0`, `0.001`, `1234567.0`), else `d.dddE±n` (`1.0E7`, `1.0E-5`).
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const abs = Math.abs(d);
  const [mantissa, exp] = abs.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  let digits = mantissa.replace('.', '');
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  if (digits.length === 1) {
    // Java prints at least two digits, choosing the two closest to the exact value (4.9E-324).
    digits = abs.toExponential(1).split('e')[0]!.replace('.', '');
  }
  return `${sign}${digits[0]}.${digits.slice(1)}E${exponent}`;
}

// ---------------------------------------------------------------- SqlTimeTypes

/** SqlTimeTypes.formatTimestamp: `yyyy-MM-dd'T'HH:mm:ss.SSS` in UTC. */
export function formatTimestamp(epochMillis: number): string {
  if (epochMillis >= MIN_ISO_MILLIS && epochMillis <= MAX_ISO_MILLIS) {
    return new Date(epochMillis).toISOString().slice(0, 23);
  }
  return javaDateTimeFormat("yyyy-MM-dd'T'HH:mm:ss.SSS").format(
    Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC),
  );
}

/** SqlTimeTypes.formatDate: LocalDate.toString (`2020-01-01`, `+10000-01-01`). */
export function formatDate(epochDays: number): string {
  const millis = epochDays * MILLIS_PER_DAY;
  if (millis >= MIN_ISO_MILLIS && millis <= MAX_ISO_MILLIS) {
    return new Date(millis).toISOString().slice(0, 10);
  }
  return LocalDate.ofEpochDay(epochDays).toString();
}

/** SqlTimeTypes.formatTime: LocalTime.toString of whole seconds (`10:00`, `10:00:01`). */
export function formatTime(millisOfDay: number): string {
  return LocalTime.ofSecondOfDay(Math.trunc(millisOfDay / 1000)).toString();
}

/** Years 0000–9999, where Date.toISOString agrees with java.time. */
const MIN_ISO_MILLIS = -62_167_219_200_000;
const MAX_ISO_MILLIS = 253_402_300_799_999;

// ---------------------------------------------------------------- java.sql toString

/** java.sql.Timestamp.toString: `yyyy-mm-dd hh:mm:ss.f…` in the default zone. */
function javaSqlTimestampToString(epochMillis: number): string {
  const local = Instant.ofEpochMilli(epochMillis).atZone(defaultZone()).toLocalDateTime();
  const millis = String(local.nano() / 1_000_000).padStart(3, '0');
  const fraction = millis.replace(/0+$/, '') || '0';
  return `${datePart(local.year(), local.monthValue(), local.dayOfMonth())} ${clock(
    local.hour(),
    local.minute(),
    local.second(),
  )}.${fraction}`;
}

/** java.sql.Date.toString: `yyyy-mm-dd` of midnight UTC, seen in the default zone. */
function javaSqlDateToString(epochDays: number): string {
  const local = Instant.ofEpochMilli(epochDays * MILLIS_PER_DAY).atZone(defaultZone());
  return datePart(local.year(), local.monthValue(), local.dayOfMonth());
}

/** java.sql.Time.toString: `hh:mm:ss` of 1970-01-01 UTC plus the millis, in the default zone. */
function javaSqlTimeToString(millisOfDay: number): string {
  const local = Instant.ofEpochMilli(millisOfDay).atZone(defaultZone());
  return clock(local.hour(), local.minute(), local.second());
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function datePart(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function clock(hour: number, minute: number, second: number): string {
  return `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}
