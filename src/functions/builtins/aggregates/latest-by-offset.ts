/**
 * LATEST_BY_OFFSET(col [, ignoreNulls]) and LATEST_BY_OFFSET(col, n [, ignoreNulls]): the last
 * value (or last n values, oldest first, as an ARRAY) added for the key; ignoreNulls defaults to
 * true. "Last" is the order of `add` calls, which the runtime makes in offset order per key (see
 * support/offset-sequence.ts). Stream-only (no undo).
 *
 * Merging sessions follows ksqlDB exactly: a single value keeps the higher sequence stamp (when
 * ignoring nulls, a non-null value beats a null one); for n values ksqlDB keeps the n entries
 * with the *lowest* stamps of both sessions, and so does this.
 */
import { AnalysisError } from '../../../common/errors.js';
import { byOffsetSignatures } from './support/by-offset-signatures.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { bySequence, stamp, type Stamped } from './support/offset-sequence.js';
import { decodeStamped, encodeStamped } from './support/stamped-state.js';

const NAME = 'LATEST_BY_OFFSET';

const nullsFirstBySequence = (a: Stamped, b: Stamped): number => {
  if (a.val === null && b.val === null) return 0;
  if (a.val === null) return -1;
  if (b.val === null) return 1;
  return bySequence(a, b);
};

function latest(ignoreNulls: boolean) {
  const compare = ignoreNulls ? nullsFirstBySequence : bySequence;
  return implement<Stamped>({
    init: () => stamp(null),
    add: (acc, [v]) => (isNull(v) && ignoreNulls ? acc : stamp(v)),
    merge: (a, b) => (compare(a, b) >= 0 ? a : b),
    result: (acc) => acc.val,
    toState: encodeStamped,
    fromState: decodeStamped,
  });
}

function latestN(n: number, ignoreNulls: boolean) {
  if (n <= 0) throw new AnalysisError('latestN must be 1 or greater');
  return implement<readonly Stamped[]>({
    init: () => [],
    add: (acc, [v]) => {
      if (isNull(v) && ignoreNulls) return acc;
      const added = [...acc, stamp(v)];
      return added.length > n ? added.slice(added.length - n) : added;
    },
    merge: (a, b) => [...a, ...b].sort(bySequence).slice(0, n),
    result: (acc) => acc.map((entry) => entry.val),
    toState: (acc) => acc.map(encodeStamped),
    fromState: (state) => (state as unknown[]).map(decodeStamped),
  });
}

const signatures = byOffsetSignatures(NAME, 'latest', latest, latestN);

export const latestByOffsetFunction = aggregateFunction(
  NAME,
  'This function returns the most recent N values for the column, computed by offset.',
  signatures,
);
