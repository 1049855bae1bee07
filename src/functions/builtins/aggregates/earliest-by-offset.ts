/**
 * EARLIEST_BY_OFFSET(col [, ignoreNulls]) and EARLIEST_BY_OFFSET(col, n [, ignoreNulls]): the
 * first value (or first n values, as an ARRAY) added for the key; ignoreNulls defaults to true.
 * "First" is the order of `add` calls, which the runtime makes in offset order per key (see
 * support/offset-sequence.ts). Stream-only (no undo); merge keeps the lower sequence stamps.
 */
import { AnalysisError } from '../../../common/errors.js';
import { byOffsetSignatures } from './support/by-offset-signatures.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import { bySequence, stamp, type Stamped } from './support/offset-sequence.js';
import { decodeStamped, encodeStamped } from './support/stamped-state.js';

const NAME = 'EARLIEST_BY_OFFSET';

function earliest(ignoreNulls: boolean) {
  return implement<Stamped | null>({
    init: () => null,
    add: (acc, [v]) => {
      if (acc !== null) return acc;
      return isNull(v) && ignoreNulls ? null : stamp(v);
    },
    merge: (a, b) => {
      if (a === null) return b;
      if (b === null) return a;
      return a.seq < b.seq ? a : b;
    },
    result: (acc) => (acc === null ? null : acc.val),
    toState: (acc) => (acc === null ? null : encodeStamped(acc)),
    fromState: (state) => (state === null ? null : decodeStamped(state)),
  });
}

function earliestN(n: number, ignoreNulls: boolean) {
  if (n <= 0) throw new AnalysisError('earliestN must be 1 or greater');
  return implement<readonly Stamped[]>({
    init: () => [],
    add: (acc, [v]) => {
      if (isNull(v) && ignoreNulls) return acc;
      return acc.length < n ? [...acc, stamp(v)] : acc;
    },
    merge: (a, b) => [...a, ...b].sort(bySequence).slice(0, n),
    result: (acc) => acc.map((entry) => entry.val),
    toState: (acc) => acc.map(encodeStamped),
    fromState: (state) => (state as unknown[]).map(decodeStamped),
  });
}

const signatures = byOffsetSignatures(NAME, 'earliest', earliest, earliestN);

export const earliestByOffsetFunction = aggregateFunction(
  NAME,
  'This function returns the oldest N values for the column, computed by offset.',
  signatures,
);
