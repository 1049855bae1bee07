/**
 * MIN and MAX over every comparable type (numbers, DECIMAL, DATE, TIME, TIMESTAMP, STRING,
 * BYTES), ignoring nulls; null for a group without values. Java's ordering: DOUBLE's -0.0 is below
 * 0.0 and NaN above everything, BYTES compare as signed bytes. Stream-only (no undo), as in
 * ksqlDB; merge (sessions) supported.
 */
import type { SqlType } from '../../../common/sql-types.js';
import type { AggregateFunctionDefinition, CallSite } from '../../definition.js';
import { argType } from './support/call-site.js';
import { COMPARABLE_TYPES } from './support/comparable.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { compareSql } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

/** `keep(current, candidate)`: which of two non-null values the aggregate keeps. */
function extremum(keep: (current: unknown, candidate: unknown) => unknown) {
  const aggregate = (value: unknown, acc: unknown): unknown => {
    if (isNull(value)) return acc;
    if (isNull(acc)) return value;
    return keep(acc, value);
  };
  return implement<unknown>({
    init: () => null,
    add: (acc, [v]) => aggregate(v, acc),
    merge: (a, b) => aggregate(a, b),
    result: (acc) => acc ?? null,
    toState: encodeValue,
    fromState: decodeValue,
  });
}

const maximum = extremum((first, second) => (compareSql(first, second) > 0 ? first : second));
const minimum = extremum((first, second) => (compareSql(first, second) < 0 ? first : second));

const sameAsArgument = (site: CallSite): SqlType => argType(site, 0);

function comparableAggregate(
  name: string,
  description: string,
  implementation: ReturnType<typeof extremum>,
): AggregateFunctionDefinition {
  return aggregateFunction(
    name,
    description,
    COMPARABLE_TYPES.map((type) => ({
      params: [type],
      returns: sameAsArgument,
      create: () => implementation,
    })),
  );
}

export const maxFunction = comparableAggregate(
  'MAX',
  'Computes the maximum value for a key.',
  maximum,
);
export const minFunction = comparableAggregate(
  'MIN',
  'Computes the minimum value for a key.',
  minimum,
);
