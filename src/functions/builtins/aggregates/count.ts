/**
 * COUNT: `COUNT(*)` (no argument, or a never-null one such as ROWTIME) counts rows, `COUNT(col)`
 * counts rows where col is not null. BIGINT; undo (tables) and merge (sessions) supported.
 */
import { aggregateFunction, implement, isNull } from './support/define.js';

function counter(countNulls: boolean) {
  const counts = (args: readonly unknown[]) => countNulls || !isNull(args[0]);
  return implement<number>({
    init: () => 0,
    add: (acc, args) => (counts(args) ? acc + 1 : acc),
    undo: (acc, args) => (counts(args) ? acc - 1 : acc),
    merge: (a, b) => a + b,
    result: (acc) => BigInt(acc),
    toState: (acc) => acc,
    fromState: (state) => state as number,
  });
}

export const countFunction = aggregateFunction('COUNT', 'Counts records by key.', [
  {
    params: [],
    returns: 'BIGINT',
    description: 'Counts all rows.',
    create: () => counter(true),
  },
  {
    params: ['ANY'],
    returns: 'BIGINT',
    description: 'Counts the rows where the argument is not null.',
    create: () => counter(false),
  },
]);
