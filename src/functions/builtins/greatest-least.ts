/**
 * GREATEST and LEAST (ksqlDB's Greatest, Least): the largest or smallest non-NULL argument, for
 * every comparable type, each an overload `(T val, T... vals)`. Arguments of different types
 * match only through implicit casts, and ksqlDB finds those ambiguous (GREATEST(INT, BIGINT) has
 * BIGINT, DECIMAL and DOUBLE candidates), so mixed types need a CAST. A DECIMAL result has the
 * widest precision and scale of the arguments.
 */
import { decimalType, type SqlType } from '../../common/sql-types.js';
import type { CallSite, FunctionDefinition, ScalarSignature } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { compareValues } from './util/values.js';

const TYPES = ['INT', 'BIGINT', 'DOUBLE', 'STRING', 'BYTES', 'DATE', 'TIME', 'TIMESTAMP'] as const;

/** DecimalUtil.widen over every argument's type. */
function widestDecimal(site: CallSite): SqlType {
  let precision = 1;
  let scale = 0;
  let integral = 1;
  for (const type of site.argTypes) {
    if (type?.base !== 'DECIMAL') continue;
    scale = Math.max(scale, type.scale);
    integral = Math.max(integral, type.precision - type.scale);
  }
  precision = integral + scale;
  return decimalType(precision, scale);
}

function pick(sign: 1 | -1) {
  return (...values: unknown[]): unknown => {
    let best: unknown = null;
    for (const value of values) {
      if (value === null) continue;
      if (best === null || sign * compareValues(value, best) > 0) best = value;
    }
    return best;
  };
}

function signatures(sign: 1 | -1): ScalarSignature[] {
  const impl = pick(sign);
  return [
    ...TYPES.map((type) => ({
      params: [`${type} val`, `${type} vals`],
      variadic: true,
      returns: type,
      impl,
    })),
    { params: ['DECIMAL val', 'DECIMAL vals'], variadic: true, returns: widestDecimal, impl },
  ];
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'greatest',
    Category.MATHEMATICAL,
    'Returns the highest non-null value among a variable number of comparable columns.',
    signatures(1),
  ),
  scalar(
    'least',
    Category.MATHEMATICAL,
    'Returns the lowest non-null value among a variable number of comparable columns.',
    signatures(-1),
  ),
];
