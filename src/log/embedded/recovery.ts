/**
 * Recovery on open: replays the journal over the checkpoint so that every commit the journal
 * holds is applied exactly once, whatever instant the previous process stopped at.
 *
 * For each batch of each entry, in order, against the partition's end offset (after its torn
 * tail was cut): at or past the batch's end, it was applied, and is skipped; at its base, it is
 * appended; inside it, the partition is cut back to the base and it is appended again. Then any
 * partition that holds records beyond what the checkpoint and journal account for (never
 * committed) is cut back to that.
 *
 * A partition that ends short of what was committed (its file lost data the checkpoint counted
 * as durable: a disk fault, or a power cut with fsync off) cannot take the journal's batches
 * after the gap; recovery reports the range as lost and opens the log rather than refuse to.
 */
import type { Checkpoint } from './checkpoint.js';
import type { JournalEntry } from './journal-entry.js';
import type { OffsetsStore } from './offsets-store.js';
import type { PartitionLog } from './partition-log.js';
import { batchBaseOffset, batchRecordCount } from './record-batch.js';
import type { TopicState } from './topic-store.js';

/** Records cut off a partition because no commit accounts for them. */
export interface UncommittedTail {
  readonly topic: string;
  readonly partition: number;
  readonly from: number;
  readonly to: number;
}

/** Committed records that are gone. */
export type LostRange = UncommittedTail;

export interface ReplayResult {
  /** Batches written again because the previous process had not (fully) applied them. */
  readonly replayedBatches: number;
  readonly uncommitted: readonly UncommittedTail[];
  readonly lost: readonly LostRange[];
}

export function replayJournal(
  topics: ReadonlyMap<string, TopicState>,
  checkpoint: Checkpoint | undefined,
  entries: readonly JournalEntry[],
  offsets: OffsetsStore,
): ReplayResult {
  const accounted = new Map<PartitionLog, number>();
  for (const topic of topics.values()) {
    const ends = checkpoint?.ends[topic.info.name];
    topic.partitions.forEach((log, p) => accounted.set(log, ends?.[p] ?? 0));
  }
  let replayedBatches = 0;
  const lost = new Map<
    PartitionLog,
    { topic: string; partition: number; from: number; to: number }
  >();
  for (const entry of entries) {
    for (const part of entry.parts) {
      const log = topics.get(part.topic)?.partitions[part.partition];
      if (!log) continue;
      const base = batchBaseOffset(part.batch, 0);
      const batchEnd = base + batchRecordCount(part.batch, 0);
      const end = log.endOffset;
      accounted.set(log, Math.max(accounted.get(log) ?? 0, batchEnd));
      if (end < base) {
        const range = lost.get(log) ?? { ...part, from: end, to: end };
        lost.set(log, { ...range, to: batchEnd });
      } else if (end < batchEnd) {
        log.truncateTo(base);
        log.appendBatches([part.batch]);
        replayedBatches++;
      }
    }
    for (const o of entry.offsets) offsets.set(o.group, o.topic, o.partition, o.nextOffset);
  }
  const uncommitted: UncommittedTail[] = [];
  for (const topic of topics.values()) {
    topic.partitions.forEach((log, partition) => {
      const limit = accounted.get(log) ?? 0;
      const end = log.endOffset;
      const name = topic.info.name;
      if (checkpoint && end > limit) {
        log.truncateTo(limit);
        uncommitted.push({ topic: name, partition, from: limit, to: end });
      } else if (end < limit && !lost.has(log)) {
        lost.set(log, { topic: name, partition, from: end, to: limit });
      }
    });
  }
  const lostRanges = [...lost.values()].map(({ topic, partition, from, to }) => ({
    topic,
    partition,
    from,
    to,
  }));
  return { replayedBatches, uncommitted, lost: lostRanges };
}
