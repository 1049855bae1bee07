/**
 * The order of records for EARLIEST_BY_OFFSET and LATEST_BY_OFFSET.
 *
 * These aggregates receive argument values only, not the record's offset. The runtime calls
 * `add` per key in offset order, so the order of `add` calls is the offset order; like ksqlDB,
 * each stored value is stamped with a process-wide sequence number taken when it is added, and
 * merging two session windows compares those stamps. Restoring state from a changelog advances
 * the sequence past every restored stamp, so values added after a restart rank later.
 */

let next = 0;

export function nextSequence(): number {
  return next++;
}

export function observeSequence(sequence: number): void {
  if (sequence >= next) next = sequence + 1;
}

/** A value stamped with the sequence number of the `add` that stored it. */
export interface Stamped {
  readonly seq: number;
  readonly val: unknown;
}

export function stamp(value: unknown): Stamped {
  return { seq: nextSequence(), val: value ?? null };
}

export const bySequence = (a: Stamped, b: Stamped): number => a.seq - b.seq;
