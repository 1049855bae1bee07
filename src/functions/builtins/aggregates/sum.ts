/**
 * SUM over INT (an INT that wraps as Java's int), BIGINT (wraps as long), DOUBLE and DECIMAL (the
 * argument's precision and scale; a sum that no longer fits fails the record with ksqlDB's
 * "Numeric field overflow"). Nulls are skipped; an all-null group sums to 0. Undo and merge.
 */
import { Decimal } from './support/decimal.js';
import type { SqlType } from '../../../common/sql-types.js';
import { ExecutionError, InternalError } from '../../../common/errors.js';
import type { CallSite } from '../../definition.js';
import { argType } from './support/call-site.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { intAdd, intSub, longAdd, longSub } from './support/java-arithmetic.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

const intSum = implement<number>({
  init: () => 0,
  add: (acc, [v]) => (isNull(v) ? acc : intAdd(acc, v as number)),
  undo: (acc, [v]) => (isNull(v) ? acc : intSub(acc, v as number)),
  merge: intAdd,
  result: (acc) => acc,
  toState: (acc) => acc,
  fromState: (state) => state as number,
});

const longSum = implement<bigint>({
  init: () => 0n,
  add: (acc, [v]) => (isNull(v) ? acc : longAdd(acc, v as bigint)),
  undo: (acc, [v]) => (isNull(v) ? acc : longSub(acc, v as bigint)),
  merge: longAdd,
  result: (acc) => acc,
  toState: (acc) => acc.toString(),
  fromState: (state) => BigInt(state as string),
});

const doubleSum = implement<number>({
  init: () => 0,
  add: (acc, [v]) => (isNull(v) ? acc : acc + (v as number)),
  undo: (acc, [v]) => (isNull(v) ? acc : acc - (v as number)),
  merge: (a, b) => a + b,
  result: (acc) => acc,
  toState: encodeValue,
  fromState: (state) => decodeValue(state) as number,
});

const Exact = Decimal.clone({ precision: 1000 });

function decimalSum(site: CallSite) {
  const type = argType(site, 0);
  if (type.base !== 'DECIMAL') throw new InternalError('SUM(DECIMAL) needs a DECIMAL argument');
  const { precision, scale } = type;
  const digits = precision - scale;
  const limit = new Exact(10).pow(digits);
  const Context = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_UP });
  const add = (acc: Decimal, value: Decimal): Decimal => {
    const sum = Exact.add(acc, value);
    if (sum.abs().gte(limit)) {
      throw new ExecutionError(
        `Numeric field overflow: A field with precision ${precision} and scale ${scale} ` +
          `must round to an absolute value less than 10^${digits}. Got ${javaPlain(sum, scale, precision)}`,
      );
    }
    return new Decimal(sum);
  };
  return implement<Decimal>({
    init: () => new Decimal(0),
    add: (acc, [v]) => (isNull(v) ? acc : add(acc, v as Decimal)),
    undo: (acc, [v]) => (isNull(v) ? acc : new Decimal(Context.sub(acc, v as Decimal))),
    merge: (a, b) => new Decimal(Context.add(a, b)),
    result: (acc) => acc,
    toState: (acc) => acc.toFixed(),
    fromState: (state) => new Decimal(state as string),
  });
}

/** The text Java's `BigDecimal.toPlainString()` gives a sum rounded to `precision` digits. */
function javaPlain(sum: Decimal, scale: number, precision: number): string {
  const digits = sum.abs().times(new Exact(10).pow(scale)).toFixed(0).length;
  if (digits <= precision) return sum.toFixed(scale);
  const rounded = sum.toSignificantDigits(precision, Decimal.ROUND_HALF_UP);
  return rounded.toFixed(Math.max(0, scale - (digits - precision)));
}

const sameAsArgument = (site: CallSite): SqlType => argType(site, 0);

export const sumFunction = aggregateFunction('sum', 'Computes the sum for a key.', [
  { params: ['INT'], returns: 'INT', create: () => intSum },
  { params: ['BIGINT'], returns: 'BIGINT', create: () => longSum },
  { params: ['DOUBLE'], returns: 'DOUBLE', create: () => doubleSum },
  {
    params: ['DECIMAL'],
    returns: sameAsArgument,
    description:
      'Computes the sum of decimal values for a key, resulting in a decimal with the same ' +
      'precision and scale.',
    create: decimalSum,
  },
]);
