/**
 * TOPKDISTINCT(col, k): the k greatest distinct non-null values of col, greatest first. k must be
 * a literal. Stream-only (no undo); merge interleaves two sessions' lists, keeping one of equal
 * values, as ksqlDB's merger does.
 */
import { AnalysisError } from '../../../common/errors.js';
import type { CallSite } from '../../definition.js';
import { argType, literalInt } from './support/call-site.js';
import { requireComparable } from './support/comparable.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { compareSql, containsValue } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

const NAME = 'TOPKDISTINCT';

const descending = (a: unknown, b: unknown) => compareSql(b, a);

function topKDistinct(k: number) {
  return implement<readonly unknown[]>({
    init: () => [],
    add: (acc, [v]) => {
      if (isNull(v)) return acc;
      const full = acc.length === k;
      if (full && compareSql(v, acc[acc.length - 1]) <= 0) return acc;
      if (containsValue(acc, v)) return acc;
      return [...(full ? acc.slice(0, -1) : acc), v].sort(descending);
    },
    merge: (a, b) => {
      const merged: unknown[] = [];
      let i = 0;
      let j = 0;
      while (merged.length < k && (i < a.length || j < b.length)) {
        const order = i >= a.length ? -1 : j >= b.length ? 1 : compareSql(a[i], b[j]);
        if (order > 0) merged.push(a[i++]);
        else if (order < 0) merged.push(b[j++]);
        else {
          merged.push(a[i++]);
          j++;
        }
      }
      return merged;
    },
    result: (acc) => acc,
    toState: (acc) => acc.map(encodeValue),
    fromState: (state) => (state as unknown[]).map(decodeValue),
  });
}

function create(site: CallSite) {
  requireComparable(NAME, argType(site, 0), site.argTypes);
  const k = literalInt(site, 1, NAME);
  if (k < 1) throw new AnalysisError(`${NAME} needs k of 1 or more, got ${k}`);
  return topKDistinct(k);
}

export const topkDistinctFunction = aggregateFunction(
  NAME,
  'Calculates the Topk distinct values for a column, per key.',
  [{ params: ['T', 'INT'], returns: 'ARRAY<T>', create }],
);
