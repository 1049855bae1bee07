/**
 * Conditional functions on NULL (ksqlDB's udf/nulls): COALESCE, IFNULL, NULLIF. Their arguments
 * share one generic type: COALESCE(INT, BIGINT) does not resolve, as in ksqlDB.
 */
import type { FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { sqlEquals } from './util/values.js';

function coalesce(...values: unknown[]): unknown {
  for (const value of values) if (value !== null) return value;
  return null;
}

export const functions: readonly FunctionDefinition[] = [
  scalar('COALESCE', Category.CONDITIONAL, 'Returns first non-null element', [
    { params: ['T first', 'T others'], variadic: true, returns: 'T', impl: coalesce },
  ]),
  scalar(
    'IFNULL',
    Category.CONDITIONAL,
    'Returns expression if not NULL, otherwise returns altValue.',
    [
      {
        params: ['T expression', 'T altValue'],
        returns: 'T',
        impl: (expression: unknown, alternative: unknown) =>
          expression === null ? alternative : expression,
      },
    ],
  ),
  scalar(
    'NULLIF',
    Category.CONDITIONAL,
    'Returns NULL if value1 and value2 are equal. Otherwise it returns value1.',
    [
      {
        params: ['T expr1', 'T expr2'],
        returns: 'T',
        impl: (a: unknown, b: unknown) => (a === null || sqlEquals(a, b) ? null : a),
      },
    ],
  ),
];
