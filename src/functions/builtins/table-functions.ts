/**
 * The built-in table functions. EXPLODE(array): one row per element, in order (null elements
 * included); a null or empty array gives no rows. ksqlDB's EXPLODE takes arrays only, not maps.
 * CUBE_EXPLODE(array): every combination of the elements with some replaced by null, 2^n rows in
 * ksqlDB's order (the all-null row first, the first element varying slowest); where an element is
 * already null the duplicate rows are skipped. At most 20 elements.
 */
import { ExecutionError, InternalError } from '../../common/errors.js';
import type { SqlType } from '../../common/sql-types.js';
import type { CallSite, FunctionDefinition } from '../definition.js';

export const CUBE_MAX_COLUMNS = 20;

export function explode(list: readonly unknown[] | null): readonly unknown[] {
  return list ?? [];
}

export function cubeExplode(columns: readonly unknown[] | null): readonly unknown[][] {
  if (columns === null) return [];
  const n = columns.length;
  if (n > CUBE_MAX_COLUMNS) {
    throw new ExecutionError(
      `CUBE_EXPLODE input size (${n}) exceeds the maximum of ${CUBE_MAX_COLUMNS} columns. ` +
        'The output cardinality is 2^N rows and would exhaust server memory.',
    );
  }
  let presentMask = 0;
  columns.forEach((value, i) => {
    if (value !== null && value !== undefined) presentMask |= 1 << (n - 1 - i);
  });
  const rows: unknown[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    if ((mask & presentMask) !== mask) continue;
    rows.push(columns.map((value, i) => ((mask & (1 << (n - 1 - i))) === 0 ? null : value)));
  }
  return rows;
}

function elementType(site: CallSite): SqlType {
  const type = site.argTypes[0];
  if (type?.base !== 'ARRAY') throw new InternalError('explode should be provided with an ARRAY');
  return type.items;
}

/** Names and parameter names as ksqlDB declares them, which its resolution errors quote. */
export const functions: FunctionDefinition[] = [
  {
    kind: 'table',
    name: 'explode',
    category: 'TABLE',
    description:
      'Explodes an array. This function outputs one value for each element of the array.',
    signatures: [
      { params: ['ARRAY<DECIMAL> input'], returns: elementType, impl: explode },
      { params: ['ARRAY<T> list'], returns: 'T', impl: explode },
    ],
  },
  {
    kind: 'table',
    name: 'cube_explode',
    category: 'TABLE',
    description:
      'Takes as argument a list of columns and outputs all possible combinations of them. It ' +
      'produces 2^d new rows where d is the number of columns given as parameter. Duplicate ' +
      'entries for columns with null value are skipped.',
    signatures: [{ params: ['ARRAY<T> columns'], returns: 'ARRAY<T>', impl: cubeExplode }],
  },
];
