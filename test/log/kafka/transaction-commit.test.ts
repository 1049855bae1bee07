/**
 * Committing a transaction on Kafka, without a broker: fake transactional producers (one epoch
 * per initialization of an id) and transactions whose sends fail or come back short on demand.
 * A send that did not settle must not be retried under the same epoch (kafkajs reuses the
 * failed request's sequence numbers, and the broker would drop the retried records as
 * duplicates of the aborted ones); a task's transaction then fails as fenced, to restart the
 * task from its last commit, and other failures after the sends retry under the same epoch.
 */
import type { RecordMetadata, TopicMessages, Transaction } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isTransient } from '../../../src/log/kafka/kafka-errors.js';
import type { TransactionContent } from '../../../src/log/kafka/kafka-transaction.js';
import type { PlacedRecord } from '../../../src/log/kafka/messages.js';
import { commitTransaction } from '../../../src/log/kafka/transaction-commit.js';
import type {
  TransactionalProducers,
  TransactionWork,
} from '../../../src/log/kafka/transactional-producers.js';
import { FencedError } from '../../../src/log/log.js';

/** What a transaction's calls do; each gets the epoch of the producer it runs on. */
interface Script {
  sendBatch?: (messages: TopicMessages[], epoch: number) => RecordMetadata[];
  sendOffsets?: (epoch: number) => void;
}

/** A transient kafkajs failure (a timeout while a leader moves). */
const timedOut = () =>
  Object.assign(new Error('Request timed out'), {
    name: 'KafkaJSRequestTimeoutError',
    retriable: true,
  });

/** Every partition of a send answered, at offset 0. */
const answerAll = (messages: TopicMessages[]): RecordMetadata[] =>
  messages.flatMap(({ topic, messages: ms }) =>
    [...new Set(ms.map((m) => m.partition!))].map((partition) => ({
      topicName: topic,
      partition,
      errorCode: 0,
      baseOffset: '0',
    })),
  );

/** Producers as `TransactionalProducers` keeps them: one per id, dropped after a failure. */
class FakeProducers {
  /** Per id, how many times it was initialized (its epoch). */
  readonly inits = new Map<string, number>();
  private readonly held = new Set<string>();
  readonly log: string[] = [];

  constructor(private readonly script: Script) {}

  taskId(group: string, topic: string, partition: number): string {
    return `svc-${group}-${topic}-${partition}`;
  }

  async run<T>(id: string, work: TransactionWork<T>): Promise<T> {
    if (!this.held.has(id)) {
      this.inits.set(id, (this.inits.get(id) ?? 0) + 1);
      this.held.add(id);
    }
    const epoch = this.inits.get(id)!;
    let active = true;
    const txn = {
      sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
        this.log.push(`send@${epoch}`);
        return (this.script.sendBatch ?? answerAll)(topicMessages, epoch);
      },
      sendOffsets: async () => {
        this.log.push(`offsets@${epoch}`);
        this.script.sendOffsets?.(epoch);
      },
      commit: async () => {
        this.log.push(`commit@${epoch}`);
        active = false;
      },
      abort: async () => {
        this.log.push(`abort@${epoch}`);
        active = false;
      },
      isActive: () => active,
    } as unknown as Transaction;
    try {
      return await work(txn, id);
    } catch (err) {
      if (active) await txn.abort();
      if (!isTransient(err)) this.discard(id);
      throw err;
    }
  }

  runShared<T>(work: TransactionWork<T>): Promise<T> {
    return this.run('svc-shared-0', work);
  }

  async claim(id: string): Promise<void> {
    await this.run(id, (txn) => txn.abort());
  }

  holds(id: string): boolean {
    return this.held.has(id);
  }

  discard(id: string): void {
    this.held.delete(id);
  }
}

const record = (partition: number): PlacedRecord => ({
  partition,
  record: { key: Buffer.from(`k${partition}`), value: Buffer.from('v'), timestamp: 1 },
});

/** Records on partitions 0 and 1 of `out`, and input offset 7 of partition `input` of `in`. */
function content(task: boolean, input = 2): TransactionContent {
  return {
    records: new Map([['out', [record(0), record(1)]]]),
    offsets: new Map([['g', new Map([['in', new Map([[input, 7]])]])]]),
    ...(task ? { task: { group: 'g', topic: 'in', partition: input } } : {}),
  };
}

function deps(producers: FakeProducers) {
  const ends: string[][] = [];
  return {
    ends,
    deps: {
      producers: producers as unknown as TransactionalProducers,
      fetchOffsets: async () => new Map<number, number>(),
      committed: (e: ReadonlyMap<string, { topic: string; partition: number }>) =>
        void ends.push([...e.values()].map((x) => `${x.topic}-${x.partition}`).sort()),
    },
  };
}

describe('committing a transaction', () => {
  it('does not commit a send kafkajs answered without one of its partitions', async () => {
    // kafkajs's retry after a leader moved skips a partition now led by a broker that already
    // answered for others, and resolves as if it was sent.
    const producers = new FakeProducers({
      sendBatch: (messages) => answerAll(messages).filter((m) => m.partition === 0),
    });
    const { deps: d, ends } = deps(producers);
    await expect(commitTransaction(d, content(true))).rejects.toThrow(FencedError);
    expect(producers.log).toEqual(['send@1', 'abort@1']);
    expect(ends).toEqual([]);
    // The task restarts on a producer initialized again, never on this one's sequence numbers.
    expect(producers.holds(producers.taskId('g', 'in', 2))).toBe(false);
  });

  it('restarts a task whose send failed instead of retrying it under the same epoch', async () => {
    const producers = new FakeProducers({
      sendBatch: (messages, epoch) => {
        // The first request may have landed: a retry under epoch 1 would be taken for it.
        if (epoch === 1) throw timedOut();
        return answerAll(messages);
      },
    });
    const { deps: d, ends } = deps(producers);
    await expect(commitTransaction(d, content(true))).rejects.toThrow(FencedError);
    expect(producers.log).toEqual(['send@1', 'abort@1']);
    expect(producers.holds(producers.taskId('g', 'in', 2))).toBe(false);
    expect(ends).toEqual([]);
  });

  it('retries a task’s transaction under the same epoch when its sends had settled', async () => {
    let failures = 1;
    const producers = new FakeProducers({
      sendOffsets: () => {
        if (failures-- > 0) throw timedOut();
      },
    });
    const { deps: d, ends } = deps(producers);
    await commitTransaction(d, content(true));
    expect(producers.log).toEqual([
      'send@1',
      'offsets@1',
      'abort@1',
      'send@1',
      'offsets@1',
      'commit@1',
    ]);
    expect(ends).toEqual([['out-0', 'out-1']]);
  });

  it('retries a transaction of no task under a new epoch when a send came back short', async () => {
    const producers = new FakeProducers({
      sendBatch: (messages, epoch) =>
        answerAll(messages).filter((m) => epoch > 1 || m.partition === 0),
    });
    const { deps: d, ends } = deps(producers);
    await commitTransaction(d, content(false));
    expect(producers.log).toEqual(['send@1', 'abort@1', 'send@2', 'offsets@2', 'commit@2']);
    expect(ends).toEqual([['out-0', 'out-1']]);
  });
});
