/**
 * Equality and ordering of SQL values as ksqlDB's Java aggregates see them: `Objects.equals`
 * (deep for arrays, maps and structs; NaN equals NaN, -0.0 differs from 0.0) and `compareTo`
 * (UTF-16 order for strings, signed bytes for BYTES as `ByteBuffer.compareTo`).
 */
import { Decimal } from './decimal.js';
import { InternalError } from '../../../../common/errors.js';
import { javaDoubleCompare } from './java-arithmetic.js';

export function sqlEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Decimal.isDecimal(a)) return Decimal.isDecimal(b) && a.equals(b);
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && arraysEqual(a, b);
  if (a instanceof Map) return b instanceof Map && mapsEqual(a, b);
  if (Array.isArray(b) || b instanceof Map || b instanceof Uint8Array || Decimal.isDecimal(b)) {
    return false;
  }
  return structsEqual(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** Index of the last element equal to `value`, or -1 (`List.lastIndexOf`). */
export function lastIndexOfValue(list: readonly unknown[], value: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (sqlEquals(list[i], value)) return i;
  return -1;
}

export function containsValue(list: readonly unknown[], value: unknown): boolean {
  return list.some((element) => sqlEquals(element, value));
}

/**
 * Orders two non-null values of one comparable SQL type (numbers, dates, times and timestamps,
 * BIGINT, DECIMAL, STRING, BYTES, BOOLEAN).
 */
export function compareSql(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return javaDoubleCompare(a, b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Decimal.isDecimal(a) && Decimal.isDecimal(b)) return a.comparedTo(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  throw new InternalError(`cannot compare values ${String(a)} and ${String(b)}`);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = (a[i]! << 24) >> 24;
    const y = (b[i]! << 24) >> 24;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function arraysEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((element, i) => sqlEquals(element, b[i]));
}

function mapsEqual(a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (b.has(key)) {
      if (!sqlEquals(value, b.get(key))) return false;
      continue;
    }
    let found = false;
    for (const [otherKey, otherValue] of b) {
      if (sqlEquals(key, otherKey) && sqlEquals(value, otherValue)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function structsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sqlEquals(a[key], b[key]));
}
