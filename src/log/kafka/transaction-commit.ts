/**
 * Committing a transaction's content on Kafka, with retries that keep it exactly-once. A task's
 * transaction (one input partition's offset, with its outputs) runs under the task's
 * transactional id, so that a process taking the task over fences this one. A failure before
 * EndTxn aborts and retries. A failure of EndTxn itself leaves the outcome unknown: the id is
 * initialized again (which settles the transaction either way), and the committed offsets say
 * whether it went through; without offsets to look at, the failure is reported as unknown. A
 * named task's transaction is retried only with the producer it ran on (a transient failure):
 * initializing its id again could fence a process that took the task over meanwhile, and commit
 * work done before on state that is no longer the task's; it fails as fenced instead, and the
 * query claims the task again and restarts it from its last commit.
 *
 * A send that did not settle ends its producer, though: kafkajs takes back the sequence numbers
 * of a produce request that failed (its records may be on the broker all the same), so the same
 * records sent again under that epoch, in the retried transaction, have the numbers of the
 * aborted ones and the broker drops them as duplicates, while their offsets commit. Its retry
 * after a leader moved may also skip partitions (those now led by a broker that already
 * answered for others) and resolve as if they were sent; so every partition sent must be
 * answered for.
 */
import type { Transaction } from 'kafkajs';
import { FencedError, type TaskId } from '../log.js';
import { ExecutionError } from '../../common/errors.js';
import { isTransient, messageOf, sleep, TransientError } from './kafka-errors.js';
import type { TransactionContent } from './kafka-transaction.js';
import { chunkRequests, partitionKey } from './messages.js';
import { TransactionalProducers } from './transactional-producers.js';

export interface CommitDeps {
  readonly producers: TransactionalProducers;
  /** The committed offsets of a group on a topic, as the broker has them now. */
  fetchOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>>;
  /** Called after a commit with the end offset (exclusive) of each partition written. */
  committed(ends: WrittenEnds): void;
}

/** Per partition written (by `partitionKey`), the offset past the last record written. */
export type WrittenEnds = ReadonlyMap<string, { topic: string; partition: number; end: number }>;

const DEADLINE_MS = 60_000;

/** Commits; resolves with where the records went (none known when the outcome was looked up). */
export async function commitTransaction(
  deps: CommitDeps,
  content: TransactionContent,
): Promise<WrittenEnds> {
  const taskId = taskTransactionalId(deps.producers, content);
  const chunks = chunkRequests(content.records);
  const deadline = Date.now() + DEADLINE_MS;
  let delay = 100;
  for (;;) {
    let usedId = taskId;
    let ending = false;
    /** A send failed or went unanswered: the producer's sequence numbers are not the broker's. */
    let unsettled = false;
    const work = async (txn: Transaction) => {
      const ends = new Map<string, { topic: string; partition: number; end: number }>();
      for (const chunk of chunks) {
        const sent = await txn
          .sendBatch({ topicMessages: chunk.topicMessages, acks: -1 })
          .catch((err: unknown) => {
            unsettled = true;
            throw err;
          });
        const answered = new Set<string>();
        for (const meta of sent) {
          const key = partitionKey(meta.topicName, meta.partition);
          const count = chunk.counts.get(key) ?? 0;
          const end = Number(meta.baseOffset ?? meta.offset ?? 0) + count;
          ends.set(key, { topic: meta.topicName, partition: meta.partition, end });
          answered.add(key);
        }
        const missing = [...chunk.counts.keys()].filter((key) => !answered.has(key));
        if (missing.length > 0) {
          unsettled = true;
          throw new TransientError(
            `kafkajs did not send the records of ${missing.map((k) => k.replace('\0', '-')).join(', ')}`,
          );
        }
      }
      for (const [group, topics] of content.offsets) {
        await txn.sendOffsets({
          consumerGroupId: group,
          topics: [...topics].map(([topic, partitions]) => ({
            topic,
            partitions: [...partitions].map(([partition, offset]) => ({
              partition,
              offset: String(offset),
            })),
          })),
        });
      }
      ending = true;
      await txn.commit();
      return ends;
    };
    try {
      const ends = await (taskId !== undefined
        ? deps.producers.run(taskId, work)
        : deps.producers.runShared((txn, id) => {
            usedId = id;
            return work(txn);
          }));
      deps.committed(ends);
      return ends;
    } catch (err) {
      // Its sequence numbers would drop the records of a retry as duplicates: a new epoch instead.
      if (unsettled && usedId !== undefined) deps.producers.discard(usedId);
      if (TransactionalProducers.isFenced(err)) {
        throw new FencedError(
          `the transaction was fenced: another process took over ${usedId ?? 'its transactional id'} (${messageOf(err)})`,
        );
      }
      if (ending) {
        if (usedId !== undefined && content.offsets.size > 0) {
          // Only initializing the id again waits for the transaction's outcome.
          deps.producers.discard(usedId);
          await deps.producers.claim(usedId).catch(() => undefined);
          if (await offsetsLanded(deps, content)) {
            deps.committed(new Map());
            return new Map();
          }
          if (content.task) throw taskLost(content.task, err);
        } else {
          throw new ExecutionError(
            `the outcome of a transaction is unknown: its commit failed (${messageOf(err)})`,
          );
        }
      }
      // A retry under the id initialized again would fence whoever took the task over meanwhile,
      // and then commit work done before: the task restarts from its commit instead. A producer
      // kept (a transient failure, its transaction aborted) retries under its own epoch.
      if (content.task && (taskId === undefined || !deps.producers.holds(taskId))) {
        throw taskLost(content.task, err);
      }
      if (!isTransient(err) || Date.now() + delay > deadline) {
        throw new ExecutionError(`cannot commit a transaction: ${messageOf(err)}`);
      }
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
  }
}

function taskLost(task: TaskId, err: unknown): FencedError {
  return new FencedError(
    `a transaction of task ${task.topic}-${task.partition} of ${task.group} failed; the task restarts from its last commit (${messageOf(err)})`,
  );
}

/** A named task's id; or, for a transaction of exactly one input offset, that task's. */
function taskTransactionalId(
  producers: TransactionalProducers,
  content: TransactionContent,
): string | undefined {
  const task = content.task;
  if (task) return producers.taskId(task.group, task.topic, task.partition);
  if (content.offsets.size !== 1) return undefined;
  const [group, topics] = [...content.offsets][0]!;
  if (topics.size !== 1) return undefined;
  const [topic, partitions] = [...topics][0]!;
  if (partitions.size !== 1) return undefined;
  const [partition] = [...partitions.keys()];
  return producers.taskId(group, topic, partition!);
}

async function offsetsLanded(deps: CommitDeps, content: TransactionContent): Promise<boolean> {
  for (const [group, topics] of content.offsets) {
    for (const [topic, partitions] of topics) {
      const committed = await deps.fetchOffsets(group, topic);
      for (const [partition, offset] of partitions) {
        if (committed.get(partition) !== offset) return false;
      }
    }
  }
  return true;
}
