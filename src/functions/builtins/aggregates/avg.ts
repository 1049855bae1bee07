/**
 * AVG: a DOUBLE, the sum divided by the count of non-null values, 0.0 for an empty group. The sum
 * is kept in the argument's type (an INT sum wraps as Java's int, a BIGINT sum as long), as
 * ksqlDB's AverageUdaf does. There is no DECIMAL signature (ksqlDB issue #8911), and aggregates
 * take no implicit casts. Undo and merge.
 */
import { aggregateFunction, implement, isNull } from './support/define.js';
import { intAdd, intSub, longAdd, longSub } from './support/java-arithmetic.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

interface Average<S> {
  readonly sum: S;
  readonly count: number;
}

interface SumArithmetic<S> {
  readonly zero: S;
  add(a: S, b: S): S;
  sub(a: S, b: S): S;
  toDouble(sum: S): number;
}

function average<S>(arithmetic: SumArithmetic<S>) {
  const { zero, add, sub, toDouble } = arithmetic;
  return implement<Average<S>>({
    init: () => ({ sum: zero, count: 0 }),
    add: (acc, [v]) => (isNull(v) ? acc : { sum: add(acc.sum, v as S), count: acc.count + 1 }),
    undo: (acc, [v]) => (isNull(v) ? acc : { sum: sub(acc.sum, v as S), count: acc.count - 1 }),
    merge: (a, b) => ({ sum: add(a.sum, b.sum), count: a.count + b.count }),
    result: (acc) => (acc.count === 0 ? 0 : toDouble(acc.sum) / acc.count),
    toState: (acc) => ({ sum: encodeValue(acc.sum), count: acc.count }),
    fromState: (state) => {
      const { sum, count } = state as { sum: unknown; count: number };
      return { sum: decodeValue(sum) as S, count };
    },
  });
}

const intAverage = average<number>({ zero: 0, add: intAdd, sub: intSub, toDouble: (s) => s });
const longAverage = average<bigint>({ zero: 0n, add: longAdd, sub: longSub, toDouble: Number });
const doubleAverage = average<number>({
  zero: 0,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  toDouble: (s) => s,
});

export const avgFunction = aggregateFunction(
  'avg',
  'Returns the average value of the column computed as the sum divided by the count. ' +
    'Applicable only to numeric types.',
  [
    // ksqlDB's AverageUdaf keeps STRUCT<SUM, COUNT>.
    {
      params: ['INT'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM BIGINT, COUNT BIGINT>',
      create: () => intAverage,
    },
    {
      params: ['BIGINT'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM BIGINT, COUNT BIGINT>',
      create: () => longAverage,
    },
    {
      params: ['DOUBLE'],
      returns: 'DOUBLE',
      intermediate: 'STRUCT<SUM DOUBLE, COUNT BIGINT>',
      create: () => doubleAverage,
    },
  ],
);
