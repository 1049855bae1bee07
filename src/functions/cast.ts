/**
 * CAST and implicit conversions with ksqlDB's rules (CastEvaluator, SqlBaseType,
 * DefaultSqlValueCoercer): which casts exist, and what each does to a value — Java's
 * `intValue()`/`longValue()` narrowing, `Integer.parseInt` and friends on trimmed strings,
 * DecimalUtil's DECIMAL casts, SqlTimeTypes' ISO date-time formats, element-wise collections.
 *
 * A cast that fails on a value throws ExecutionError; ksqlDB logs the error to the processing log
 * and evaluates the CAST expression to NULL.
 */
import { AnalysisError, ExecutionError } from '../common/errors.js';
import { formatType, isNumeric, typesEqual, type SqlType } from '../common/sql-types.js';
import {
  decimalToDecimal,
  doubleToDecimal,
  integerToDecimal,
  javaTrim,
  stringToDecimal,
  type Decimal,
} from './decimal.js';
import { parseSqlDate, parseSqlTime, parseSqlTimestamp } from './java-datetime-format.js';
import { formatSqlValue, javaToString } from './value-format.js';

type Cast = (value: never) => unknown;

const MILLIS_PER_DAY = 86_400_000;

/** Whether `CAST(x AS to)` is allowed for an `x` of type `from`. */
export function canCast(from: SqlType, to: SqlType): boolean {
  if (typesEqual(from, to)) return true;
  switch (to.base) {
    case 'STRING':
      return from.base !== 'BYTES';
    case 'ARRAY':
      return from.base === 'ARRAY' && canCast(from.items, to.items);
    case 'MAP':
      return from.base === 'MAP' && canCast(from.key, to.key) && canCast(from.value, to.value);
    case 'STRUCT':
      return (
        from.base === 'STRUCT' &&
        from.fields.every((f) => {
          const target = to.fields.find((t) => t.name === f.name);
          return target === undefined || canCast(f.type, target.type);
        })
      );
    default:
      return from.base === to.base || SCALAR_CASTS.has(`${from.base}>${to.base}`);
  }
}

const SCALAR_CASTS = new Set([
  'INTEGER>BIGINT',
  'INTEGER>DECIMAL',
  'INTEGER>DOUBLE',
  'BIGINT>INTEGER',
  'BIGINT>DECIMAL',
  'BIGINT>DOUBLE',
  'DECIMAL>INTEGER',
  'DECIMAL>BIGINT',
  'DECIMAL>DOUBLE',
  'DOUBLE>INTEGER',
  'DOUBLE>BIGINT',
  'DOUBLE>DECIMAL',
  'STRING>BOOLEAN',
  'STRING>INTEGER',
  'STRING>BIGINT',
  'STRING>DECIMAL',
  'STRING>DOUBLE',
  'STRING>TIMESTAMP',
  'STRING>TIME',
  'STRING>DATE',
  'STRING>BYTES',
  'TIMESTAMP>TIME',
  'TIMESTAMP>DATE',
  'DATE>TIMESTAMP',
]);

const NUMERIC_ORDER = ['INTEGER', 'BIGINT', 'DECIMAL', 'DOUBLE'];

/**
 * Whether a `from` value is accepted where `to` is expected without a CAST (ksqlDB's
 * SqlBaseType.canImplicitlyCast, applied through ARRAY/MAP/STRUCT): numeric widening
 * INT → BIGINT → DECIMAL → DOUBLE, STRING to TIMESTAMP / TIME / DATE / BYTES. A struct converts
 * when each of its fields exists in `to` and converts.
 */
export function canImplicitlyCast(from: SqlType, to: SqlType): boolean {
  if (typesEqual(from, to)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    return NUMERIC_ORDER.indexOf(from.base) <= NUMERIC_ORDER.indexOf(to.base);
  }
  switch (from.base) {
    case 'STRING':
      return ['TIMESTAMP', 'TIME', 'DATE', 'BYTES'].includes(to.base);
    case 'ARRAY':
      return to.base === 'ARRAY' && canImplicitlyCast(from.items, to.items);
    case 'MAP':
      return (
        to.base === 'MAP' &&
        canImplicitlyCast(from.key, to.key) &&
        canImplicitlyCast(from.value, to.value)
      );
    case 'STRUCT':
      return (
        to.base === 'STRUCT' &&
        from.fields.every((f) => {
          const target = to.fields.find((t) => t.name === f.name);
          return target !== undefined && canImplicitlyCast(f.type, target.type);
        })
      );
    default:
      return false;
  }
}

/**
 * The conversion of a `from` value to `to`, built once per call site. NULL stays NULL.
 * Throws AnalysisError when canCast(from, to) is false.
 */
export function castFunction(from: SqlType, to: SqlType): (value: unknown) => unknown {
  if (typesEqual(from, to)) return (value) => value ?? null;
  const cast = nonNullCast(from, to) as (value: unknown) => unknown;
  return (value) => (value === null || value === undefined ? null : cast(value));
}

function nonNullCast(from: SqlType, to: SqlType): Cast {
  if (!canCast(from, to)) {
    throw new AnalysisError(`Cast of ${formatType(from)} to ${formatType(to)} is not supported`);
  }
  switch (to.base) {
    case 'STRING':
      return toStringCast(from);
    case 'BOOLEAN':
      return ((v: string) => parseSqlBoolean(javaTrim(v))) as Cast;
    case 'INTEGER':
      return toIntegerCast(from);
    case 'BIGINT':
      return toBigintCast(from);
    case 'DOUBLE':
      return toDoubleCast(from);
    case 'DECIMAL':
      return toDecimalCast(from, to.precision, to.scale);
    case 'TIMESTAMP':
      if (from.base === 'DATE') return ((v: number) => v * MILLIS_PER_DAY) as Cast;
      return ((v: string) => parseSqlTimestamp(javaTrim(v))) as Cast;
    case 'DATE':
      if (from.base === 'TIMESTAMP') return ((v: number) => Math.floor(v / MILLIS_PER_DAY)) as Cast;
      return ((v: string) => parseSqlDate(javaTrim(v))) as Cast;
    case 'TIME':
      if (from.base === 'TIMESTAMP') return ((v: number) => floorMod(v, MILLIS_PER_DAY)) as Cast;
      return ((v: string) => parseSqlTime(javaTrim(v))) as Cast;
    case 'BYTES':
      return ((v: string) => decodeBase64(javaTrim(v))) as Cast;
    case 'ARRAY': {
      const item = castFunction((from as { items: SqlType }).items, to.items);
      return ((v: readonly unknown[]) => v.map(item)) as Cast;
    }
    case 'MAP': {
      const source = from as { key: SqlType; value: SqlType };
      const key = castFunction(source.key, to.key);
      const value = castFunction(source.value, to.value);
      return ((v: ReadonlyMap<unknown, unknown>) => {
        const out = new Map<unknown, unknown>();
        for (const [k, x] of v) out.set(key(k), value(x));
        return out;
      }) as Cast;
    }
    case 'STRUCT':
      return toStructCast(from as { fields: readonly { name: string; type: SqlType }[] }, to);
  }
}

function toStringCast(from: SqlType): Cast {
  if (from.base === 'ARRAY' || from.base === 'MAP' || from.base === 'STRUCT') {
    return ((v: unknown) => javaToString(v, from)) as Cast;
  }
  return ((v: unknown) => formatSqlValue(v, from)) as Cast;
}

function toIntegerCast(from: SqlType): Cast {
  switch (from.base) {
    case 'BIGINT':
      return ((v: bigint) => Number(BigInt.asIntN(32, v))) as Cast;
    case 'DECIMAL':
      return ((v: Decimal) => Number(BigInt.asIntN(32, BigInt(v.trunc().toFixed(0))))) as Cast;
    case 'DOUBLE':
      return ((v: number) => doubleToInt(v)) as Cast;
    default:
      return ((v: string) => javaParseInt(javaTrim(v))) as Cast;
  }
}

function toBigintCast(from: SqlType): Cast {
  switch (from.base) {
    case 'INTEGER':
      return ((v: number) => BigInt(v)) as Cast;
    case 'DECIMAL':
      return ((v: Decimal) => BigInt.asIntN(64, BigInt(v.trunc().toFixed(0)))) as Cast;
    case 'DOUBLE':
      return ((v: number) => doubleToLong(v)) as Cast;
    default:
      return ((v: string) => javaParseLong(javaTrim(v))) as Cast;
  }
}

function toDoubleCast(from: SqlType): Cast {
  switch (from.base) {
    case 'INTEGER':
      return ((v: number) => v) as Cast;
    case 'BIGINT':
      return ((v: bigint) => Number(v)) as Cast;
    case 'DECIMAL':
      return ((v: Decimal) => Number(v.toString())) as Cast;
    default:
      return ((v: string) => parseSqlDouble(javaTrim(v))) as Cast;
  }
}

function toDecimalCast(from: SqlType, precision: number, scale: number): Cast {
  switch (from.base) {
    case 'INTEGER':
    case 'BIGINT':
      return ((v: number | bigint) => integerToDecimal(v, precision, scale)) as Cast;
    case 'DECIMAL':
      return ((v: Decimal) => decimalToDecimal(v, precision, scale)) as Cast;
    case 'DOUBLE':
      return ((v: number) => doubleToDecimal(v, precision, scale)) as Cast;
    default:
      return ((v: string) => stringToDecimal(v, precision, scale)) as Cast;
  }
}

/** Fields of `to` missing from `from` become NULL; fields only in `from` are dropped. */
function toStructCast(
  from: { fields: readonly { name: string; type: SqlType }[] },
  to: SqlType & { base: 'STRUCT' },
): Cast {
  const fields = to.fields.map((f) => {
    const source = from.fields.find((s) => s.name === f.name);
    return { name: f.name, cast: source ? castFunction(source.type, f.type) : null };
  });
  return ((v: Readonly<Record<string, unknown>>) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) out[f.name] = f.cast ? f.cast(v[f.name] ?? null) : null;
    return out;
  }) as Cast;
}

// ---------------------------------------------------------------- Java conversions

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Java's `(int) d`: NaN → 0, out of range → the nearest bound, else truncation. */
export function doubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d) | 0;
}

/** Java's `(long) d`: NaN → 0, out of range → the nearest bound, else truncation. */
export function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 2 ** 63) return LONG_MAX;
  if (d <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

function numberFormatError(text: string): ExecutionError {
  return new ExecutionError(`For input string: "${text}"`);
}

/** Integer.parseInt: optional sign and ASCII digits, within 32 bits. */
export function javaParseInt(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw numberFormatError(text);
  const n = Number(text);
  if (n < INT_MIN || n > INT_MAX) throw numberFormatError(text);
  return n | 0;
}

/** Long.parseLong: optional sign and ASCII digits, within 64 bits. */
export function javaParseLong(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw numberFormatError(text);
  const n = BigInt(text);
  if (n < LONG_MIN || n > LONG_MAX) throw numberFormatError(text);
  return n;
}

const DECIMAL_FLOAT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;

/** Double.parseDouble: decimal or hexadecimal notation, optional `f`/`d` suffix. */
export function javaParseDouble(text: string): number {
  const trimmed = javaTrim(text);
  if (DECIMAL_FLOAT.test(trimmed)) return Number(trimmed.replace(/[fFdD]$/, ''));
  const hex = HEX_FLOAT.exec(trimmed);
  if (hex && hex[2]! + hex[3]! !== '') {
    const mantissa = Number(BigInt(`0x${hex[2]}${hex[3]}`));
    const value = mantissa * 2 ** (Number(hex[4]) - 4 * hex[3]!.length);
    return hex[1] === '-' ? -value : value;
  }
  throw numberFormatError(text);
}

/** SqlDoubles.parseDouble: Double.parseDouble, rejecting NaN and infinities. */
export function parseSqlDouble(text: string): number {
  const d = javaParseDouble(text);
  if (!Number.isFinite(d)) throw new ExecutionError(`Invalid double value: ${text}`);
  return d;
}

/**
 * SqlBooleans.parseBoolean: true for a case-insensitive prefix of `true` or `yes` (`t`, `Y`,
 * `tru`…), false for anything else.
 */
export function parseSqlBoolean(text: string): boolean {
  if (text === '') return false;
  const lower = text.toLowerCase();
  return 'true'.startsWith(lower) || 'yes'.startsWith(lower);
}

/** Java's Base64.getDecoder().decode: the basic alphabet, padding optional, strict otherwise. */
export function decodeBase64(text: string): Buffer {
  const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
  const body = m?.[1] ?? '';
  const padded = (m?.[2] ?? '') !== '';
  if (!m || body.length % 4 === 1 || (padded && (body.length + m[2]!.length) % 4 !== 0)) {
    throw new ExecutionError(`Illegal base64 character or length in '${text}'`);
  }
  return Buffer.from(body, 'base64');
}
