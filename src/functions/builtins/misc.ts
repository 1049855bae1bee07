/**
 * AS_VALUE (ksqlDB's AsValue): copies a key column into the value. As a function it is the
 * identity; the analyzer and planner give it its meaning.
 */
import type { FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'AS_VALUE',
    Category.OTHER,
    'Used exclusively in the projection of a query to copy a key column into the value schema.',
    [{ params: ['T keyColumn'], returns: 'T', impl: (value: unknown) => value }],
  ),
];
