/**
 * STDDEV_SAMP and STDDEV_SAMPLE over INT, BIGINT and DOUBLE (no DECIMAL, as in ksqlDB), with
 * ksqlDB's Youngs-Cramer running sums; 0.0 for fewer than two values. Undo and merge.
 *
 * As in ksqlDB, STDDEV_SAMP returns the sample *variance* (its documentation says so) and
 * STDDEV_SAMPLE the standard deviation. The sum keeps the argument's type and wraps as Java's
 * int or long; STDDEV_SAMP merges sessions with integer means for INT and BIGINT, as ksqlDB does.
 */
import type { AggregateFunctionDefinition } from '../../definition.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { intAdd, intSub, longAdd, longSub, longWrap } from './support/java-arithmetic.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

interface Moments<S> {
  readonly sum: S;
  readonly count: number;
  readonly m2: number;
}

/** The arithmetic on the running sum, per argument type. */
interface SumKind<S> {
  readonly zero: S;
  add(sum: S, value: S): S;
  sub(sum: S, value: S): S;
  /** `value * (count + 1) - (sum + value)`, in the argument type's arithmetic. */
  delta(sum: S, count: number, value: S): number;
  /** Difference of the two means, as ksqlDB's merge computes it. */
  meanDifference(a: Moments<S>, b: Moments<S>, integerMeans: boolean): number;
}

const intKind: SumKind<number> = {
  zero: 0,
  add: intAdd,
  sub: intSub,
  delta: (sum, count, value) =>
    Number(longWrap(BigInt(value) * BigInt(count + 1) - BigInt(intAdd(sum, value)))),
  meanDifference: (a, b, integerMeans) =>
    integerMeans
      ? Number(longWrap(BigInt(a.sum) / BigInt(a.count) - BigInt(b.sum) / BigInt(b.count)))
      : a.sum / a.count - b.sum / b.count,
};

const longKind: SumKind<bigint> = {
  zero: 0n,
  add: longAdd,
  sub: longSub,
  delta: (sum, count, value) => Number(longWrap(value * BigInt(count + 1) - (sum + value))),
  meanDifference: (a, b, integerMeans) =>
    integerMeans
      ? Number(longWrap(a.sum / BigInt(a.count) - b.sum / BigInt(b.count)))
      : Number(a.sum) / a.count - Number(b.sum) / b.count,
};

const doubleKind: SumKind<number> = {
  zero: 0,
  add: (sum, value) => value + sum,
  sub: (sum, value) => sum - value,
  delta: (sum, count, value) => value * (count + 1) - (sum + value),
  meanDifference: (a, b) => a.sum / a.count - b.sum / b.count,
};

/** `a * b` as Java's long product, then as a double. */
const longProduct = (a: number, b: number): number => Number(BigInt(a) * BigInt(b));

function deviation<S>(kind: SumKind<S>, squareRoot: boolean) {
  return implement<Moments<S>>({
    init: () => ({ sum: kind.zero, count: 0, m2: 0 }),
    add: (acc, [v]) => {
      if (isNull(v)) return acc;
      const value = v as S;
      const count = acc.count + 1;
      const delta = count - 1 > 0 ? kind.delta(acc.sum, acc.count, value) : 0;
      const m2 = count - 1 > 0 ? (delta * delta) / longProduct(count, count - 1) : 0;
      return { sum: kind.add(acc.sum, value), count, m2: m2 + acc.m2 };
    },
    undo: (acc, [v]) => {
      if (isNull(v)) return acc;
      const value = v as S;
      const count = acc.count - 1;
      const delta = count > 0 ? kind.delta(acc.sum, acc.count, value) : 0;
      const m2 = count > 0 ? (delta * delta) / longProduct(count, count + 1) : 0;
      return { sum: kind.sub(acc.sum, value), count, m2: acc.m2 - m2 };
    },
    merge: (a, b) => {
      const count = a.count + b.count;
      let m2 = a.m2 + b.m2;
      if (a.count !== 0 && b.count !== 0) {
        const inner = kind.meanDifference(a, b, !squareRoot);
        m2 += (longProduct(a.count, b.count) * inner * inner) / count;
      }
      return { sum: kind.add(a.sum, b.sum), count, m2 };
    },
    result: (acc) => {
      if (acc.count < 2) return 0;
      const variance = acc.m2 / (acc.count - 1);
      return squareRoot ? Math.sqrt(variance) : variance;
    },
    toState: (acc) => [encodeValue(acc.sum), acc.count, encodeValue(acc.m2)],
    fromState: (state) => {
      const [sum, count, m2] = state as [unknown, number, unknown];
      return { sum: decodeValue(sum) as S, count, m2: decodeValue(m2) as number };
    },
  });
}

function standardDeviation(
  name: string,
  description: string,
  squareRoot: boolean,
): AggregateFunctionDefinition {
  const ints = deviation(intKind, squareRoot);
  const longs = deviation(longKind, squareRoot);
  const doubles = deviation(doubleKind, squareRoot);
  return aggregateFunction(name, description, [
    // ksqlDB's StandardDeviationSampUdaf keeps STRUCT<SUM, COUNT, M2>.
    {
      params: ['INT'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM BIGINT, COUNT BIGINT, M2 DOUBLE>',
      create: () => ints,
    },
    {
      params: ['BIGINT'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM BIGINT, COUNT BIGINT, M2 DOUBLE>',
      create: () => longs,
    },
    {
      params: ['DOUBLE'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM DOUBLE, COUNT BIGINT, M2 DOUBLE>',
      create: () => doubles,
    },
  ]);
}

export const stddevSampFunction = standardDeviation(
  'STDDEV_SAMP',
  'Returns the sample standard deviation of the column (as ksqlDB computes it, the sample ' +
    'variance: use STDDEV_SAMPLE for the standard deviation). Applicable only to numeric types.',
  false,
);

export const stddevSampleFunction = standardDeviation(
  'STDDEV_SAMPLE',
  'Returns the sample standard deviation of the column. Applicable only to numeric types.',
  true,
);
