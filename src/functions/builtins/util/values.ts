/**
 * Equality, hashing and natural order of SQL values in their runtime representation, as the Java
 * collections behind ksqlDB's functions see them (Objects.equals, HashSet, Comparable):
 * - doubles compare as Double does: NaN equals NaN and sorts last, -0.0 sorts before 0.0;
 * - strings compare by UTF-16 code units; BYTES compare as ByteBuffer does, by signed bytes;
 * - arrays, maps and structs are equal element-wise, and have no order (comparing them throws).
 * DECIMAL values compare by value: decimal.js values do not carry BigDecimal's scale.
 */
import { Decimal } from '../../../common/decimal.js';
import { ExecutionError } from '../../../common/errors.js';

export function sqlEquals(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Object.is(a, -0) === !Object.is(b, -0);
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Decimal.isDecimal(a) && Decimal.isDecimal(b)) return a.eq(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sqlEquals(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    const keyed = new Map<string, unknown>();
    for (const [k, v] of b) keyed.set(hashKey(k), v);
    for (const [k, v] of a) {
      const key = hashKey(k);
      if (!keyed.has(key) || !sqlEquals(v, keyed.get(key))) return false;
    }
    return true;
  }
  if (isStruct(a) && isStruct(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && sqlEquals(a[k], b[k]))
    );
  }
  return false;
}

function isStruct(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !Buffer.isBuffer(value) &&
    !Decimal.isDecimal(value)
  );
}

/** A string equal for values that are sqlEquals, for hash sets and maps keyed by SQL values. */
export function hashKey(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'bigint':
      return `l${value}`;
    case 'boolean':
      return value ? 'T' : 'F';
    default:
      break;
  }
  if (Decimal.isDecimal(value)) return `d${value.toString()}`;
  if (Buffer.isBuffer(value)) return `x${value.toString('hex')}`;
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(hashKey(v))).join(',')}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => JSON.stringify([hashKey(k), hashKey(v)]));
    return `{${entries.sort().join(',')}}`;
  }
  const record = value as Record<string, unknown>;
  return `(${Object.keys(record)
    .map((k) => JSON.stringify([k, hashKey(record[k])]))
    .join(',')})`;
}

/** The natural order of two non-null primitive values of the same SQL type. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return compareDoubles(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Decimal.isDecimal(a) && Decimal.isDecimal(b)) return a.cmp(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return compareBytes(a, b);
  throw new ExecutionError(`Cannot compare values of type ${describe(a)}: they have no order`);
}

/** Double.compare: -0.0 before 0.0, NaN after everything. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aBits = Number.isNaN(a) ? 2 : Object.is(a, -0) ? 0 : 1;
  const bBits = Number.isNaN(b) ? 2 : Object.is(b, -0) ? 0 : 1;
  return aBits - bBits;
}

/** ByteBuffer.compareTo: signed bytes, then length. */
function compareBytes(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = ((a[i]! << 24) >> 24) - ((b[i]! << 24) >> 24);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof Map) return 'MAP';
  return typeof value === 'object' ? 'STRUCT' : typeof value;
}
