/**
 * Rounding functions (ksqlDB's Round, Trunc, Ceil, Floor). ROUND rounds half up, toward positive
 * infinity, for every type (Math.round's rule, which ksqlDB keeps for DECIMAL too:
 * ROUND(-1.5) is -1). ROUND and TRUNC of a DOUBLE or INT return BIGINT; with a scale they keep
 * the argument's type, and a DECIMAL keeps its scale (ksqlDB issue 6235).
 */
import { ExecutionError } from '../../common/errors.js';
import { Decimal } from '../../common/decimal.js';
import { decimalType, type SqlType } from '../../common/sql-types.js';
import type { CallSite, FunctionDefinition } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';
import { Rounding, roundHalfPositive, setScale } from './util/decimal-scale.js';

type Dec = Decimal | null;
type Dbl = number | null;
type Int = number | null;

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** Java's (long) conversion of a double: truncated, NaN is 0, saturated at the long range. */
function toLong(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 2 ** 63) return LONG_MAX;
  if (x <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(x));
}

/** DECIMAL(p - s, 0): the type of ROUND and TRUNC of a DECIMAL without a scale. */
function integralDecimal(site: CallSite): SqlType {
  const type = site.argTypes[0];
  if (type?.base !== 'DECIMAL') throw new ExecutionError('expected a DECIMAL argument');
  return decimalType(Math.max(type.precision - type.scale, 1), 0);
}

function sameType(site: CallSite): SqlType {
  return site.argTypes[0]!;
}

function exactDecimal(x: number): Decimal {
  if (!Number.isFinite(x))
    throw new ExecutionError(
      `Character ${x} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    );
  return new Decimal(x);
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'Round',
    Category.MATHEMATICAL,
    'Round a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is rounded to the right of the decimal point. Numbers equidistant to the nearest value are rounded up (in the positive direction). If the number of decimal places is not provided it defaults to zero.',
    [
      {
        params: ['BIGINT val'],
        returns: 'BIGINT',
        impl: (x: bigint | null) => primitive(x, 'ROUND'),
      },
      { params: ['INT val'], returns: 'BIGINT', impl: (x: Int) => BigInt(primitive(x, 'ROUND')) },
      {
        params: ['DOUBLE val'],
        returns: 'BIGINT',
        impl: (x: Dbl) => (x === null ? null : toLong(Math.round(x))),
      },
      {
        params: ['DOUBLE val', 'INT decimalPlaces'],
        returns: 'DOUBLE',
        impl: (x: Dbl, places: Int) =>
          x === null || places === null
            ? null
            : roundHalfPositive(exactDecimal(x), places).toNumber(),
      },
      {
        params: ['DECIMAL val'],
        returns: integralDecimal,
        impl: (x: Dec) => (x === null ? null : roundHalfPositive(x, 0)),
      },
      {
        params: ['DECIMAL val', 'INT decimalPlaces'],
        returns: sameType,
        impl: (x: Dec, places: Int) =>
          x === null || places === null ? null : roundHalfPositive(x, places),
      },
    ],
  ),
  scalar(
    'trunc',
    Category.MATHEMATICAL,
    'Truncates a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is truncated to the right of the decimal point.',
    [
      { params: ['BIGINT val'], returns: 'BIGINT', impl: (x: bigint | null) => x },
      { params: ['INT val'], returns: 'BIGINT', impl: (x: Int) => (x === null ? null : BigInt(x)) },
      {
        params: ['DOUBLE val'],
        returns: 'BIGINT',
        impl: (x: Dbl) => (x === null ? null : toLong(x)),
      },
      {
        params: ['DOUBLE val', 'INT decimalPlaces'],
        returns: 'DOUBLE',
        impl: (x: Dbl, places: Int) =>
          x === null || places === null
            ? null
            : setScale(exactDecimal(x), places, Rounding.DOWN).toNumber(),
      },
      {
        params: ['DECIMAL val'],
        returns: integralDecimal,
        impl: (x: Dec) => (x === null ? null : setScale(x, 0, Rounding.DOWN)),
      },
      {
        params: ['DECIMAL val', 'INT decimalPlaces'],
        returns: sameType,
        impl: (x: Dec, places: Int) =>
          x === null || places === null ? null : setScale(x, places, Rounding.DOWN),
      },
    ],
  ),
  scalar(
    'Ceil',
    Category.MATHEMATICAL,
    'Returns the smallest integer greater than or equal to the specified numeric expression.',
    [
      { params: ['INT val'], returns: 'INT', impl: (x: Int) => x },
      { params: ['BIGINT val'], returns: 'BIGINT', impl: (x: bigint | null) => x },
      {
        params: ['DOUBLE val'],
        returns: 'DOUBLE',
        impl: (x: Dbl) => (x === null ? null : Math.ceil(x)),
      },
      {
        params: ['DECIMAL val'],
        returns: sameType,
        impl: (x: Dec) => (x === null ? null : setScale(x, 0, Rounding.CEILING)),
      },
    ],
  ),
  scalar(
    'Floor',
    Category.MATHEMATICAL,
    'Returns the largest integer less than or equal to the specified numeric expression.',
    [
      { params: ['INT val'], returns: 'INT', impl: (x: Int) => x },
      { params: ['BIGINT val'], returns: 'BIGINT', impl: (x: bigint | null) => x },
      {
        params: ['DOUBLE val'],
        returns: 'DOUBLE',
        impl: (x: Dbl) => (x === null ? null : Math.floor(x)),
      },
      {
        params: ['DECIMAL val'],
        returns: sameType,
        impl: (x: Dec) => (x === null ? null : setScale(x, 0, Rounding.FLOOR)),
      },
    ],
  ),
];
