/**
 * ATTR(col): the group's single value, or null when the group holds more than one distinct value
 * (null counts as a value). Tracks a count per distinct value, so undo (tables) can bring a group
 * back to a single value; merge adds counts.
 */
import { aggregateFunction, implement } from './support/define.js';
import { sqlEquals } from './support/sql-values.js';
import { decodeValue, encodeValue } from './support/state-codec.js';

interface Tally {
  readonly value: unknown;
  readonly count: number;
}

function update(tallies: readonly Tally[], value: unknown, by: number): readonly Tally[] {
  let found = false;
  const next = tallies.map((tally) => {
    if (!sqlEquals(tally.value, value)) return tally;
    found = true;
    return { value: tally.value, count: Math.max(0, tally.count + by) };
  });
  return !found && by > 0 ? [...next, { value, count: by }] : next;
}

const attr = implement<readonly Tally[]>({
  init: () => [],
  add: (acc, [v]) => update(acc, v ?? null, 1),
  undo: (acc, [v]) => update(acc, v ?? null, -1),
  merge: (a, b) => b.reduce((merged, tally) => update(merged, tally.value, tally.count), a),
  result: (acc) => {
    const present = acc.filter((tally) => tally.count > 0);
    return present.length === 1 ? present[0]!.value : null;
  },
  toState: (acc) => acc.map((tally) => [encodeValue(tally.value), tally.count]),
  fromState: (state) =>
    (state as [unknown, number][]).map(([value, count]) => ({ value: decodeValue(value), count })),
});

export const attrFunction = aggregateFunction(
  'ATTR',
  'The ATTR() aggregation indicates there are multiple values, but only one was expected. If ' +
    'the aggregation encounters more than a single value for the expected singular column, the ' +
    'entire aggregation will return null.',
  [{ params: ['T'], returns: 'T', create: () => attr }],
);
