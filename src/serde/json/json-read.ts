/**
 * Coercion of a parsed JSON value into a column's SQL type, as ksqlDB's KsqlJsonDeserializer and
 * JsonSerdeUtils do it. One reader function per type is built when the serde is made.
 *
 * - BOOLEAN: only true/false.
 * - INTEGER, BIGINT: numbers (fractions truncated, out-of-range values wrapped as Java's
 *   intValue/longValue do) and strings that Integer.parseInt / Long.parseLong accept.
 * - DOUBLE: numbers and strings that Double.parseDouble accepts.
 * - STRING: strings as is; numbers and booleans as their text; objects as compact JSON text;
 *   arrays as `[a, b]` with each element read as STRING.
 * - DECIMAL: numbers and BigDecimal strings, fitted to the column (no rounding, no overflow).
 * - BYTES: base64 strings. TIMESTAMP, DATE, TIME: numbers or long strings (TIME within a day).
 * - ARRAY, MAP (STRING keys), STRUCT (fields matched exactly, then by upper-cased JSON key).
 */
import type { SqlType, StructField } from '../../common/sql-types.js';
import { fitDecimal } from '../decimal-fit.js';
import { FieldError } from '../field-error.js';
import { decodeJacksonBase64 } from '../java/base64.js';
import {
  bigDecimalSyntaxMessage,
  parseBigDecimal,
  truncateModulo64,
  type DecimalParts,
} from '../java/decimal-text.js';
import { parseJavaDouble } from '../java/double-text.js';
import { javaHashMapOrder } from '../java/hash-map-order.js';
import { parseJavaInt, parseJavaLong } from '../java/integer-text.js';
import { connectTypeText } from '../type-text.js';
import { jsonNumberText, treeToJsonText } from './json-text.js';
import {
  JsonNumber,
  MISSING_NODE,
  jacksonNodeType,
  type JsonObject,
  type JsonRoot,
} from './json-tree.js';

/** Reads one value; `undefined` (an absent field) and null read as null. */
export type JsonReader = (value: JsonRoot | undefined) => unknown;

const MILLIS_PER_DAY = 86400000;

export function jsonReaderFor(type: SqlType): JsonReader {
  switch (type.base) {
    case 'BOOLEAN':
      return readBoolean;
    case 'INTEGER':
      return readInteger;
    case 'BIGINT':
      return readBigint;
    case 'DOUBLE':
      return readDouble;
    case 'STRING':
      return readString;
    case 'DECIMAL':
      return decimalReader(type.precision, type.scale);
    case 'BYTES':
      return readBytes;
    case 'TIMESTAMP':
      return readTimestamp;
    case 'TIME':
      return readTime;
    case 'DATE':
      return readDate;
    case 'ARRAY':
      return arrayReader(type, jsonReaderFor(type.items));
    case 'MAP':
      return mapReader(type, jsonReaderFor(type.value));
    case 'STRUCT':
      return structReader(type, type.fields);
  }
}

/** ksqlDB's "Can't convert type" failure for a value of the wrong JSON kind. */
export function conversionError(value: JsonRoot | undefined, requiredType: string): FieldError {
  return new FieldError(
    `Can't convert type. sourceType: ${jacksonNodeType(value)}, requiredType: ${requiredType}`,
  );
}

function coercionError(targetType: string): FieldError {
  return new FieldError(`Can't coerce string to type. targetType: ${targetType}`);
}

function readBoolean(v: JsonRoot | undefined): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  throw conversionError(v, 'BOOLEAN');
}

function readInteger(v: JsonRoot | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v | 0;
  if (v instanceof JsonNumber) return Number(BigInt.asIntN(32, truncate(v)));
  if (typeof v === 'string') {
    const n = parseJavaInt(v);
    if (n === null) throw coercionError('INTEGER');
    return n;
  }
  throw conversionError(v, 'INTEGER');
}

function readBigint(v: JsonRoot | undefined): bigint | null {
  if (v === null || v === undefined) return null;
  const n = readLong(v, 'BIGINT');
  if (n === undefined) throw conversionError(v, 'BIGINT');
  return n;
}

/** Jackson's asLong() for numbers and Long.parseLong for strings; undefined for other kinds. */
function readLong(v: JsonRoot, targetType: string): bigint | undefined {
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof JsonNumber) return BigInt.asIntN(64, truncate(v));
  if (typeof v === 'string') {
    const n = parseJavaLong(v);
    if (n === null) throw coercionError(targetType);
    return n;
  }
  return undefined;
}

function truncate(n: JsonNumber): bigint {
  return truncateModulo64(parseBigDecimal(n.text)!);
}

function readDouble(v: JsonRoot | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v instanceof JsonNumber) return Number(v.text);
  if (typeof v === 'string') {
    const n = parseJavaDouble(v);
    if (n === null) throw coercionError('DOUBLE');
    return n;
  }
  throw conversionError(v, 'DOUBLE');
}

function readString(v: JsonRoot | undefined): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return String(v);
    default:
      break;
  }
  if (v === MISSING_NODE) return '';
  if (v instanceof JsonNumber) return jsonNumberText(v);
  if (Array.isArray(v)) return `[${v.map((item) => String(readString(item))).join(', ')}]`;
  return treeToJsonText(v);
}

function decimalReader(precision: number, scale: number): JsonReader {
  const requiredType = `DECIMAL(${precision}, ${scale})`;
  return (v) => {
    if (v === null || v === undefined) return null;
    let parts: DecimalParts | null;
    if (typeof v === 'number') parts = parseBigDecimal(String(v));
    else if (v instanceof JsonNumber) parts = parseBigDecimal(v.text);
    else if (typeof v === 'string') {
      parts = parseBigDecimal(v);
      if (parts === null) throw new FieldError(bigDecimalSyntaxMessage(v));
    } else throw conversionError(v, requiredType);
    return fitDecimal(parts!, precision, scale);
  };
}

function readBytes(v: JsonRoot | undefined): Buffer | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw conversionError(v, 'BYTES');
  const bytes = decodeJacksonBase64(v);
  if (bytes === null) throw new FieldError(`Value is not a valid Base64 encoded string: ${v}`);
  return bytes;
}

function readTimestamp(v: JsonRoot | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = readLong(v, 'TIMESTAMP');
  if (n === undefined) throw conversionError(v, 'TIMESTAMP');
  return Number(n);
}

function readTime(v: JsonRoot | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = readLong(v, 'TIME');
  if (n === undefined) throw conversionError(v, 'TIME');
  if (n < 0n || n > BigInt(MILLIS_PER_DAY)) {
    throw new FieldError(
      `Time values must use number of milliseconds greater than 0 and less than ${MILLIS_PER_DAY}.`,
    );
  }
  return Number(n);
}

function readDate(v: JsonRoot | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = readLong(v, 'DATE');
  if (n === undefined) throw conversionError(v, 'DATE');
  return Number(n);
}

function arrayReader(type: SqlType, item: JsonReader): JsonReader {
  const requiredType = connectTypeText(type);
  return (v) => {
    if (v === null || v === undefined) return null;
    if (!Array.isArray(v)) throw conversionError(v, requiredType);
    const out = new Array<unknown>(v.length);
    let i = 0;
    try {
      for (; i < v.length; i++) out[i] = item(v[i]);
    } catch (e) {
      throw atPath(e, `[${i}]`);
    }
    return out;
  };
}

function mapReader(type: SqlType, value: JsonReader): JsonReader {
  const requiredType = connectTypeText(type);
  return (v) => {
    if (v === null || v === undefined) return null;
    if (!(v instanceof Map)) throw conversionError(v, requiredType);
    const read: [string, unknown][] = [];
    let key = '';
    try {
      for (const [k, item] of v) {
        key = k;
        read.push([k, value(item)]);
      }
    } catch (e) {
      throw atPath(e, `.${key}.value`);
    }
    // In the order ksqlDB's `new HashMap<>(size)` iterates (see java/hash-map-order.ts).
    return new Map(javaHashMapOrder(read, v.size));
  };
}

function structReader(type: SqlType, fields: readonly StructField[]): JsonReader {
  const requiredType = connectTypeText(type);
  const names = fields.map((f) => f.name);
  const readers = fields.map((f) => jsonReaderFor(f.type));
  const unsafe = names.includes('__proto__');
  return (v) => {
    if (v === null || v === undefined) return null;
    if (!(v instanceof Map)) throw conversionError(v, requiredType);
    const out: Record<string, unknown> = {};
    let upper: JsonObject | undefined;
    let i = 0;
    try {
      for (; i < names.length; i++) {
        const name = names[i]!;
        let field = v.get(name);
        if (field === undefined) field = (upper ??= upperCaseKeys(v)).get(name);
        const read = readers[i]!(field);
        if (unsafe)
          Object.defineProperty(out, name, { value: read, enumerable: true, writable: true });
        else out[name] = read;
      }
    } catch (e) {
      throw atPath(e, `.${names[i]!}`);
    }
    return out;
  };
}

/** The object's fields keyed by upper-cased name, the later of clashing keys winning. */
export function upperCaseKeys(obj: JsonObject): JsonObject {
  const upper: JsonObject = new Map();
  for (const [k, v] of obj) upper.set(k.toUpperCase(), v);
  return upper;
}

/** Prepends a container's part to a failing field's path; other errors pass unchanged. */
export function atPath(e: unknown, part: string): unknown {
  if (e instanceof FieldError) e.path = part + e.path;
  return e;
}
