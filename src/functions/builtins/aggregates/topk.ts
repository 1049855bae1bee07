/**
 * TOPK(col, k): the k greatest non-null values of col, greatest first, duplicates kept.
 * TOPK(col, other1, …, k): the same ranking of col, each entry a STRUCT<sort_col, col0, col1, …>
 * carrying the other columns of its row (ties keep their arrival order). k must be a literal.
 * Stream-only (no undo); merge interleaves two sessions' lists, as ksqlDB's merger does.
 */
import { AnalysisError } from '../../../common/errors.js';
import { arrayType, structType, type SqlType } from '../../../common/sql-types.js';
import type { AggregateSignature, CallSite } from '../../definition.js';
import { argType, literalInt } from './support/call-site.js';
import { requireComparable } from './support/comparable.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { compareSql } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

const NAME = 'TOPK';

/** How many other columns TOPK's struct form accepts (ksqlDB's variadic has no fixed bound). */
export const TOPK_MAX_OTHER_COLUMNS = 10;

type Entry = unknown;

function topK(k: number, otherColumns: number) {
  const key =
    otherColumns === 0 ? (e: Entry) => e : (e: Entry) => (e as { sort_col: unknown }).sort_col;
  const descending = (a: Entry, b: Entry) => compareSql(key(b), key(a));
  const entryOf = (args: readonly unknown[]): Entry => {
    if (otherColumns === 0) return args[0];
    const entry: Record<string, unknown> = { sort_col: args[0] };
    for (let i = 0; i < otherColumns; i++) entry[`col${i}`] = args[i + 1] ?? null;
    return entry;
  };
  return implement<readonly Entry[]>({
    init: () => [],
    add: (acc, args) => {
      if (isNull(args[0])) return acc;
      const full = acc.length === k;
      if (full && acc.length > 0 && compareSql(args[0], key(acc[acc.length - 1])) <= 0) return acc;
      const kept = full ? acc.slice(0, -1) : acc;
      return [...kept, entryOf(args)].sort(descending);
    },
    merge: (a, b) => {
      const merged: Entry[] = [];
      let i = 0;
      let j = 0;
      while (merged.length < k && (i < a.length || j < b.length)) {
        if (j >= b.length || (i < a.length && compareSql(key(a[i]), key(b[j])) >= 0)) {
          merged.push(a[i++]);
        } else {
          merged.push(b[j++]);
        }
      }
      return merged;
    },
    result: (acc) => acc,
    toState: (acc) => acc.map(encodeValue),
    fromState: (state) => (state as unknown[]).map(decodeValue),
  });
}

function create(otherColumns: number) {
  return (site: CallSite) => {
    requireComparable(NAME, argType(site, 0), site.argTypes);
    const k = literalInt(site, otherColumns + 1, NAME);
    if (k < 1) throw new AnalysisError(`${NAME} needs k of 1 or more, got ${k}`);
    return topK(k, otherColumns);
  };
}

function structReturn(otherColumns: number) {
  return (site: CallSite): SqlType =>
    arrayType(
      structType([
        { name: 'sort_col', type: argType(site, 0) },
        ...Array.from({ length: otherColumns }, (_, i) => ({
          name: `col${i}`,
          type: argType(site, i + 1),
        })),
      ]),
    );
}

const signatures: AggregateSignature[] = [
  {
    params: ['T', 'INT'],
    returns: 'ARRAY<T>',
    description: 'Calculates the top k values for a column, per key.',
    create: create(0),
  },
  ...Array.from({ length: TOPK_MAX_OTHER_COLUMNS }, (_, i) => ({
    params: ['T', ...Array<string>(i + 1).fill('ANY'), 'INT'],
    returns: structReturn(i + 1),
    description: 'Calculates the top k values for a column, per key, with other columns.',
    create: create(i + 1),
  })),
];

export const topkFunction = aggregateFunction(
  NAME,
  'Computes the top k values for a column, per key.',
  signatures,
);
