/**
 * CORRELATION(x, y): the Pearson correlation coefficient of the pairs where both are non-null,
 * from running sums (NaN for fewer than two distinct points, as ksqlDB's 0/0). Both arguments
 * are DOUBLE, as in ksqlDB. Undo and merge.
 */
import { aggregateFunction, implement, isNull } from './support/define.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

interface Sums {
  readonly x: number;
  readonly y: number;
  readonly xx: number;
  readonly yy: number;
  readonly xy: number;
  readonly count: number;
}

const FIELDS = ['x', 'y', 'xx', 'yy', 'xy', 'count'] as const;

function shift(acc: Sums, args: readonly unknown[], sign: 1 | -1): Sums {
  const [x, y] = args;
  if (isNull(x) || isNull(y)) return acc;
  const a = x as number;
  const b = y as number;
  return {
    x: acc.x + sign * a,
    y: acc.y + sign * b,
    xx: acc.xx + sign * (a * a),
    yy: acc.yy + sign * (b * b),
    xy: acc.xy + sign * (a * b),
    count: acc.count + sign,
  };
}

const correlation = implement<Sums>({
  init: () => ({ x: 0, y: 0, xx: 0, yy: 0, xy: 0, count: 0 }),
  add: (acc, args) => shift(acc, args, 1),
  undo: (acc, args) => shift(acc, args, -1),
  merge: (a, b) => ({
    x: a.x + b.x,
    y: a.y + b.y,
    xx: a.xx + b.xx,
    yy: a.yy + b.yy,
    xy: a.xy + b.xy,
    count: a.count + b.count,
  }),
  result: ({ x, y, xx, yy, xy, count }) => {
    const numerator = count * xy - x * y;
    const denominator = Math.sqrt((count * xx - x * x) * (count * yy - y * y));
    return numerator / denominator;
  },
  toState: (acc) => FIELDS.map((field) => encodeValue(acc[field])),
  fromState: (state) => {
    const [x, y, xx, yy, xy, count] = (state as unknown[]).map(decodeValue) as number[];
    return { x: x!, y: y!, xx: xx!, yy: yy!, xy: xy!, count: count! };
  },
});

export const correlationFunction = aggregateFunction(
  'correlation',
  'Computes the Pearson correlation coefficient between two columns of data.',
  [
    {
      params: ['DOUBLE', 'DOUBLE'],
      returns: 'DOUBLE',
      // ksqlDB's CorrelationUdaf keeps its running sums in a struct.
      intermediate:
        'STRUCT<X_SUM DOUBLE, Y_SUM DOUBLE, X_SQUARED_SUM DOUBLE, Y_SQUARED_SUM DOUBLE, XY_SUM DOUBLE, COUNT BIGINT>',
      create: () => correlation,
    },
  ],
);
