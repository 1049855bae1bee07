/**
 * ksqlDB's implicit conversions: numeric widening (INT → BIGINT → DECIMAL → DOUBLE), string
 * literals read as the type they are compared with, and the common type of several expressions
 * (IN lists, CASE branches, array constructors).
 */
import { Decimal } from '../common/decimal.js';
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import { formatType, isNumeric, typesEqual, type SqlType } from '../common/sql-types.js';
import type { TypedExpression } from './typed-expression.js';

const NUMERIC_RANK: Record<string, number> = { INTEGER: 0, BIGINT: 1, DECIMAL: 2, DOUBLE: 3 };

/** The DECIMAL an integer type widens to, as ksqlDB's DecimalUtil.toSqlDecimal. */
export function integerAsDecimal(type: SqlType): SqlType {
  if (type.base === 'INTEGER') return { base: 'DECIMAL', precision: 10, scale: 0 };
  if (type.base === 'BIGINT') return { base: 'DECIMAL', precision: 19, scale: 0 };
  return type;
}

/** The wider of two numeric types; decimals widen to hold both. */
export function widerNumeric(a: SqlType, b: SqlType): SqlType {
  const ra = NUMERIC_RANK[a.base]!;
  const rb = NUMERIC_RANK[b.base]!;
  if (a.base === 'DECIMAL' || b.base === 'DECIMAL') {
    if (a.base === 'DOUBLE' || b.base === 'DOUBLE') return { base: 'DOUBLE' };
    const da = integerAsDecimal(a) as { precision: number; scale: number };
    const db = integerAsDecimal(b) as { precision: number; scale: number };
    const scale = Math.max(da.scale, db.scale);
    const integral = Math.max(da.precision - da.scale, db.precision - db.scale);
    return { base: 'DECIMAL', precision: Math.min(38, integral + scale), scale };
  }
  return ra >= rb ? a : b;
}

/** Whether a value of `from` may be used where `to` is expected without an explicit CAST. */
export function canWiden(from: SqlType, to: SqlType): boolean {
  if (typesEqual(from, to)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    if (to.base === 'DOUBLE') return true;
    if (to.base === 'DECIMAL') return from.base !== 'DOUBLE';
    return NUMERIC_RANK[from.base]! <= NUMERIC_RANK[to.base]!;
  }
  if (from.base === 'ARRAY' && to.base === 'ARRAY') return canWiden(from.items, to.items);
  if (from.base === 'MAP' && to.base === 'MAP') {
    return canWiden(from.key, to.key) && canWiden(from.value, to.value);
  }
  return false;
}

/** Wraps `e` in a cast to `to` unless it already has that type. */
export function castTo(e: TypedExpression, to: SqlType): TypedExpression {
  if (e.k === 'literal' && e.type === null) return { k: 'literal', type: to, value: null };
  const from = e.k === 'unit' ? null : e.type;
  if (from && typesEqual(from, to)) return e;
  return { k: 'cast', operand: e, type: to };
}

/**
 * The common type of several expressions, as ksqlDB picks it for IN lists, CASE branches and
 * array/map constructors: numerics widen; string literals are read as the type of the others;
 * NULLs take the type of the rest. Returns null when every expression is NULL.
 */
export function commonType(
  exprs: readonly TypedExpression[],
  span: Span,
  what: string,
): SqlType | null {
  const typed = exprs.filter((e) => e.k !== 'unit' && e.type !== null);
  const others = typed.filter((e) => !isStringLiteral(e));
  let result: SqlType | null = null;
  for (const e of others.length > 0 ? others : typed) {
    const t = (e as { type: SqlType }).type;
    if (result === null || typesEqual(result, t)) result = t;
    else if (isNumeric(result) && isNumeric(t)) result = widerNumeric(result, t);
    else if (canWiden(t, result)) continue;
    else if (canWiden(result, t)) result = t;
    else {
      throw new AnalysisError(
        `${what}: incompatible types ${formatType(result)} and ${formatType(t)}`,
        span,
      );
    }
  }
  return result;
}

/** Converts `e` to `to`: string literals are read as `to`, other types must widen. */
export function coerceTo(
  e: TypedExpression,
  to: SqlType,
  span: Span,
  what: string,
): TypedExpression {
  if (isStringLiteral(e) && to.base !== 'STRING') {
    return coerceStringLiteral((e as { value: string }).value, to, span);
  }
  const from = e.k === 'unit' ? null : e.type;
  if (from !== null && !canWiden(from, to)) {
    throw new AnalysisError(
      `${what}: cannot convert ${formatType(from)} to ${formatType(to)}`,
      span,
    );
  }
  return castTo(e, to);
}

export function isStringLiteral(e: TypedExpression): boolean {
  return e.k === 'literal' && e.type?.base === 'STRING' && typeof e.value === 'string';
}

/**
 * Reads a string literal as a value of `to`, as ksqlDB does when a string literal is compared
 * with a column of another type: `WHERE id = '10'`. Errors as ksqlDB:
 * `invalid input syntax for type BIGINT: "not 10"`.
 */
export function coerceStringLiteral(text: string, to: SqlType, span: Span): TypedExpression {
  const fail = (): never => {
    throw new AnalysisError(`invalid input syntax for type ${to.base}: "${text}"`, span);
  };
  const trimmed = text.trim();
  switch (to.base) {
    case 'INTEGER': {
      if (!/^[+-]?\d+$/.test(trimmed)) return fail();
      const n = Number(trimmed);
      if (n > 2147483647 || n < -2147483648) return fail();
      return { k: 'literal', type: to, value: n };
    }
    case 'BIGINT': {
      if (!/^[+-]?\d+$/.test(trimmed)) return fail();
      const n = BigInt(trimmed);
      if (n > 9223372036854775807n || n < -9223372036854775808n) return fail();
      return { k: 'literal', type: to, value: n };
    }
    case 'DOUBLE': {
      const n = Number(trimmed);
      if (trimmed === '' || Number.isNaN(n)) return fail();
      return { k: 'literal', type: to, value: n };
    }
    case 'DECIMAL': {
      try {
        return {
          k: 'literal',
          type: to,
          value: new Decimal(trimmed).toDecimalPlaces(to.scale, Decimal.ROUND_HALF_UP),
        };
      } catch {
        return fail();
      }
    }
    case 'BOOLEAN': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true' || lower === 'false')
        return { k: 'literal', type: to, value: lower === 'true' };
      return fail();
    }
    default:
      return {
        k: 'cast',
        operand: { k: 'literal', type: { base: 'STRING' }, value: text },
        type: to,
      };
  }
}
