/**
 * COLLECT_LIST: every value of the group, nulls included, in the order added, up to
 * `ksql.functions.collect_list.limit` entries (no limit unless set, as in ksqlDB; Confluent Cloud
 * fixes it at 1000); later values are ignored. Undo removes the last entry equal to the value.
 * Merge appends the second session's entries after the first's, up to the limit.
 */
import type { CallSite } from '../../definition.js';
import { limitSetting } from './support/call-site.js';
import { aggregateFunction, implement } from './support/define.js';
import { lastIndexOfValue } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

export const COLLECT_LIST_LIMIT = 'ksql.functions.collect_list.limit';

function collectList(site: CallSite) {
  const limit = limitSetting(site, COLLECT_LIST_LIMIT);
  return implement<readonly unknown[]>({
    init: () => [],
    add: (acc, [v]) => (acc.length < limit ? [...acc, v ?? null] : acc),
    undo: (acc, [v]) => {
      const index = lastIndexOfValue(acc, v ?? null);
      return index < 0 ? acc : acc.toSpliced(index, 1);
    },
    merge: (a, b) => [...a, ...b.slice(0, Math.max(0, limit - a.length))],
    result: (acc) => acc,
    toState: (acc) => acc.map(encodeValue),
    fromState: (state) => (state as unknown[]).map(decodeValue),
  });
}

export const collectListFunction = aggregateFunction(
  'collect_list',
  'Gather all of the values from an input grouping into a single Array field. Although this ' +
    'aggregate works on both Stream and Table inputs, the order of entries in the result array ' +
    `is not guaranteed when working on Table input data. You may limit the size of the resultant ` +
    `Array to N entries, beyond which any further values will be silently ignored, by setting ` +
    `the ${COLLECT_LIST_LIMIT} configuration to N.`,
  [{ params: ['T'], returns: 'ARRAY<T>', create: collectList }],
);
