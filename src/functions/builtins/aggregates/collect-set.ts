/**
 * COLLECT_SET: the distinct values of the group (nulls included, compared deeply as Java's
 * `equals`), in first-seen order, up to `ksql.functions.collect_set.limit` entries (no limit
 * unless set). Stream-only (no undo), as in ksqlDB. Merge adds the second session's new values.
 */
import type { CallSite } from '../../definition.js';
import { limitSetting } from './support/call-site.js';
import { aggregateFunction, implement } from './support/define.js';
import { containsValue } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

export const COLLECT_SET_LIMIT = 'ksql.functions.collect_set.limit';

function collectSet(site: CallSite) {
  const limit = limitSetting(site, COLLECT_SET_LIMIT);
  return implement<readonly unknown[]>({
    init: () => [],
    add: (acc, [v]) => {
      const value = v ?? null;
      return acc.length < limit && !containsValue(acc, value) ? [...acc, value] : acc;
    },
    merge: (a, b) => {
      const merged = [...a];
      for (const value of b) {
        if (merged.length >= limit) break;
        if (!containsValue(merged, value)) merged.push(value);
      }
      return merged;
    },
    result: (acc) => acc,
    toState: (acc) => acc.map(encodeValue),
    fromState: (state) => (state as unknown[]).map(decodeValue),
  });
}

export const collectSetFunction = aggregateFunction(
  'collect_set',
  'Gather all of the distinct values from an input grouping into a single Array. Not ' +
    'available for aggregating values from an input Table. You may limit the size of the ' +
    'resultant Array to N entries, beyond which any further values will be silently ignored, ' +
    `by setting the ${COLLECT_SET_LIMIT} configuration to N.`,
  [{ params: ['T'], returns: 'ARRAY<T>', create: collectSet }],
);
