/**
 * Whether an argument fits a non-generic parameter, exactly or through one of the implicit casts
 * ksqlDB applies to function arguments (ParamTypes.areCompatible, SqlBaseType.canImplicitlyCast):
 * - numbers widen INTEGER → BIGINT → DECIMAL → DOUBLE (never narrow);
 * - STRING converts to TIMESTAMP, DATE, TIME (parsed) and to BYTES;
 * - array elements and map keys and values are cast element-wise;
 * - struct fields never are: a struct fits a struct parameter when the fields match exactly, or
 *   when either side declares no fields.
 * And which type the compiler must cast the argument to.
 */
import {
  arrayType,
  decimalType,
  mapType,
  type SqlBaseType,
  type SqlType,
} from '../common/sql-types.js';
import type { ParamType } from './type-pattern.js';

const NUMERIC_ORDER: readonly SqlBaseType[] = ['INTEGER', 'BIGINT', 'DECIMAL', 'DOUBLE'];

export function canImplicitlyCast(from: SqlBaseType, to: SqlBaseType): boolean {
  if (from === to) return true;
  const fromRank = NUMERIC_ORDER.indexOf(from);
  const toRank = NUMERIC_ORDER.indexOf(to);
  if (fromRank >= 0 && toRank >= 0) return fromRank <= toRank;
  return (
    from === 'STRING' && (to === 'TIMESTAMP' || to === 'DATE' || to === 'TIME' || to === 'BYTES')
  );
}

function baseOf(param: ParamType): SqlBaseType | null {
  switch (param.kind) {
    case 'primitive':
      return param.base;
    case 'decimal':
      return 'DECIMAL';
    case 'array':
      return 'ARRAY';
    case 'map':
      return 'MAP';
    case 'struct':
      return 'STRUCT';
    default:
      return null;
  }
}

/** Whether a value of `type` fits the (generic-free, non-lambda) parameter `param`. */
export function isCompatible(type: SqlType, param: ParamType, allowCasts: boolean): boolean {
  if (param.kind === 'any') return true;
  if (type.base === 'ARRAY' && param.kind === 'array') {
    return isCompatible(type.items, param.items, allowCasts);
  }
  if (type.base === 'MAP' && param.kind === 'map') {
    return (
      isCompatible(type.key, param.key, allowCasts) &&
      isCompatible(type.value, param.value, allowCasts)
    );
  }
  if (type.base === 'STRUCT' && param.kind === 'struct') {
    return isStructCompatible(type, param);
  }
  const base = baseOf(param);
  if (base === null) return false;
  if (type.base === base && base !== 'ARRAY' && base !== 'MAP' && base !== 'STRUCT') return true;
  return allowCasts && canImplicitlyCast(type.base, base);
}

function isStructCompatible(
  type: Extract<SqlType, { base: 'STRUCT' }>,
  param: Extract<ParamType, { kind: 'struct' }>,
): boolean {
  if (param.fields === null || param.fields.length === 0 || type.fields.length === 0) return true;
  if (param.fields.length !== type.fields.length) return false;
  return param.fields.every((declared) => {
    const actual = type.fields.find((f) => f.name === declared.name);
    return actual !== undefined && isCompatible(actual.type, declared.type, false);
  });
}

/** ksqlDB's DecimalUtil.toSqlDecimal for the integer types. */
export function decimalOf(type: SqlType): SqlType {
  switch (type.base) {
    case 'INTEGER':
      return decimalType(10, 0);
    case 'BIGINT':
      return decimalType(19, 0);
    default:
      return type;
  }
}

/**
 * The type an argument of `type` is cast to for the compatible parameter `param`: the parameter's
 * type where it is concrete, the argument's own where the parameter leaves it open.
 */
export function castTarget(type: SqlType, param: ParamType): SqlType {
  switch (param.kind) {
    case 'primitive':
      return { base: param.base };
    case 'decimal':
      if (param.precision !== undefined) return decimalType(param.precision, param.scale ?? 0);
      return decimalOf(type);
    case 'array':
      return type.base === 'ARRAY' ? arrayType(castTarget(type.items, param.items)) : type;
    case 'map':
      return type.base === 'MAP'
        ? mapType(castTarget(type.key, param.key), castTarget(type.value, param.value))
        : type;
    default:
      return type;
  }
}
