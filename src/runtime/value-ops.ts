/**
 * Arithmetic, ordering and equality on SQL values, per type, with Java's semantics (32- and
 * 64-bit integer wrap-around, division by zero as an error) that ksqlDB inherits. Chosen once
 * per expression at compile time.
 */
import type { Decimal } from '../common/decimal.js';
import type { SqlType } from '../common/sql-types.js';
import {
  decimalArithmetic,
  intAdd,
  intDiv,
  intMod,
  intMul,
  intSub,
  longAdd,
  longDiv,
  longMod,
  longMul,
  longSub,
} from '../functions/decimal.js';

type Binary = (a: never, b: never) => unknown;

const INT_OPS: Record<string, (a: number, b: number) => number> = {
  '+': intAdd,
  '-': intSub,
  '*': intMul,
  '/': intDiv,
  '%': intMod,
};

const BIGINT_OPS: Record<string, (a: bigint, b: bigint) => bigint> = {
  '+': longAdd,
  '-': longSub,
  '*': longMul,
  '/': longDiv,
  '%': longMod,
};

const DOUBLE_OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

/** `(a, b) => a op b` for non-null operands already cast to `type` (DECIMAL: the operands' own decimal types). */
export function arithmeticFunction(op: '+' | '-' | '*' | '/' | '%', type: SqlType): Binary {
  switch (type.base) {
    case 'INTEGER':
      return INT_OPS[op]!;
    case 'BIGINT':
      return BIGINT_OPS[op]!;
    case 'DOUBLE':
      return DOUBLE_OPS[op]!;
    case 'DECIMAL':
      return decimalArithmetic(op, type) as Binary;
    case 'STRING':
      return ((a: string, b: string) => a + b) as Binary;
    default:
      throw new Error(`no arithmetic on ${type.base}`);
  }
}

/** `(a, b) => negative | 0 | positive` for non-null values of `type`. */
export function compareFunction(type: SqlType): (a: unknown, b: unknown) => number {
  switch (type.base) {
    case 'DECIMAL':
      return (a, b) => (a as Decimal).cmp(b as Decimal);
    case 'BYTES':
      return (a, b) => Buffer.compare(a as Buffer, b as Buffer);
    case 'BOOLEAN':
      return (a, b) => Number(a) - Number(b);
    default:
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  }
}

/** Equality of two non-null values of `type`, deep for collections. */
export function equalsFunction(type: SqlType): (a: unknown, b: unknown) => boolean {
  switch (type.base) {
    case 'DECIMAL':
      return (a, b) => (a as Decimal).eq(b as Decimal);
    case 'BYTES':
      return (a, b) => (a as Buffer).equals(b as Buffer);
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return deepEquals;
    default:
      return (a, b) => a === b;
  }
}

export function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEquals(x, b[i]));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEquals(v, b.get(k))) return false;
    return true;
  }
  if (Buffer.isBuffer(a)) return Buffer.isBuffer(b) && a.equals(b);
  if (typeof (a as Decimal).eq === 'function' && typeof (b as Decimal).eq === 'function') {
    return (a as Decimal).eq(b as Decimal);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) =>
      deepEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
