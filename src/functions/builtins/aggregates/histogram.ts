/**
 * HISTOGRAM(col): a MAP from each distinct STRING value (null included, as ksqlDB's HashMap
 * allows) to the number of times it occurs, with at most 1000 distinct values; further new values
 * are ignored. Undo (tables) decrements and drops a value at zero; merge adds counts, up to the
 * same limit.
 */
import { aggregateFunction, implement } from './support/define.js';

export const HISTOGRAM_LIMIT = 1000;

type Counts = ReadonlyMap<string | null, number>;

function increment(counts: Counts, value: string | null, by: number): Counts {
  if (counts.size >= HISTOGRAM_LIMIT && !counts.has(value)) return counts;
  return new Map(counts).set(value, (counts.get(value) ?? 0) + by);
}

const histogram = implement<Counts>({
  init: () => new Map(),
  add: (acc, [v]) => increment(acc, (v as string | null | undefined) ?? null, 1),
  undo: (acc, [v]) => {
    const value = (v as string | null | undefined) ?? null;
    const current = acc.get(value);
    if (current === undefined) return acc;
    const next = new Map(acc);
    if (current - 1 < 1) next.delete(value);
    else next.set(value, current - 1);
    return next;
  },
  merge: (a, b) => {
    let merged = a;
    for (const [value, n] of b) merged = increment(merged, value, n);
    return merged;
  },
  result: (acc) => new Map([...acc].map(([value, n]) => [value, BigInt(n)])),
  toState: (acc) => [...acc],
  fromState: (state) => new Map(state as [string | null, number][]),
});

export const histogramFunction = aggregateFunction(
  'histogram',
  'Returns a map of each distinct String from the input Stream or Table and how many times ' +
    'each occurs. This version limits the size of the resultant Map to 1000 entries. Any ' +
    'entries added beyond this limit will be ignored.',
  [{ params: ['STRING'], returns: 'MAP<STRING, BIGINT>', create: () => histogram }],
);
