/**
 * A Log that passes everything to the real one and notes, per topic, every record that a commit
 * or an append made visible, in the order it did. That order is what TopologyTestDriver hands
 * ksqlDB's harness (it captures records as they are produced, whatever their partition), so
 * outputs are compared in it rather than partition by partition.
 *
 * It also enforces the case's time limit: once the deadline passes, every call fails with
 * CaseTimeout, which unwinds a query that would otherwise never stop (and yields to the event
 * loop now and then, so that timers still fire).
 */
import type {
  Log,
  LogRecord,
  LogTransaction,
  ProducerRecord,
  TopicInfo,
  TopicPartition,
  TopicSpec,
} from '../log/log.js';
import type { RawRecord } from './record-codec.js';

export class CaseTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`time limit of ${limitMs / 1000} s exceeded`);
    this.name = 'CaseTimeout';
  }
}

/** Calls between two yields to the event loop. */
const YIELD_EVERY = 256;

export class RecordingLog implements Log {
  private readonly recorded = new Map<string, RawRecord[]>();
  private calls = 0;
  private timedOut = false;

  constructor(
    private readonly inner: Log,
    private readonly deadline: number,
    private readonly limitMs: number,
  ) {}

  get backend(): Log['backend'] {
    return this.inner.backend;
  }

  /** Whether the deadline was hit (even if the error it raised was caught by the engine). */
  get expired(): boolean {
    return this.timedOut || Date.now() > this.deadline;
  }

  /** Throws CaseTimeout once the deadline has passed. */
  assertWithinLimit(): void {
    if (this.expired) throw new CaseTimeout(this.limitMs);
  }

  /** The records made visible on a topic, in order. */
  records(topic: string): readonly RawRecord[] {
    return this.recorded.get(topic) ?? [];
  }

  /** Every topic that got records. */
  topicsWithRecords(): string[] {
    return [...this.recorded.keys()];
  }

  private async check(): Promise<void> {
    if (Date.now() > this.deadline) {
      this.timedOut = true;
      throw new CaseTimeout(this.limitMs);
    }
    if (++this.calls % YIELD_EVERY === 0)
      await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private note(topic: string, records: readonly ProducerRecord[]): void {
    let list = this.recorded.get(topic);
    if (!list) this.recorded.set(topic, (list = []));
    for (const r of records) {
      list.push({
        topic,
        key: r.key,
        value: r.value,
        timestamp: r.timestamp,
        headers: r.headers ?? [],
      });
    }
  }

  async createTopic(name: string, spec: TopicSpec): Promise<void> {
    await this.check();
    return this.inner.createTopic(name, spec);
  }

  async deleteTopic(name: string): Promise<void> {
    await this.check();
    return this.inner.deleteTopic(name);
  }

  describeTopic(name: string): Promise<TopicInfo | undefined> {
    return this.inner.describeTopic(name);
  }

  listTopics(): Promise<readonly TopicInfo[]> {
    return this.inner.listTopics();
  }

  endOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.endOffsets(topic);
  }

  startOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.startOffsets(topic);
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]> {
    await this.check();
    return this.inner.read(topic, partition, offset, maxRecords);
  }

  async append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]> {
    await this.check();
    const result = await this.inner.append(topic, records);
    this.note(topic, records);
    return result;
  }

  transaction(): LogTransaction {
    const tx = this.inner.transaction();
    const pending: [string, readonly ProducerRecord[]][] = [];
    return {
      append: (topic, records) => {
        tx.append(topic, onePartition(records));
        pending.push([topic, records]);
      },
      commitOffset: (group: string, tp: TopicPartition, nextOffset: number) =>
        tx.commitOffset(group, tp, nextOffset),
      commit: async () => {
        try {
          await this.check();
        } catch (err) {
          tx.abort();
          throw err;
        }
        await tx.commit();
        for (const [topic, records] of pending) this.note(topic, records);
      },
      abort: () => tx.abort(),
    };
  }

  committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    return this.inner.committedOffsets(group, topic);
  }

  async waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void> {
    await this.check();
    return this.inner.waitForRecords(
      topics,
      Math.min(timeoutMs, Math.max(0, this.deadline - Date.now())),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * TopologyTestDriver runs everything as one task on partition 0, and the harness writes every
 * input to partition 0 whatever its key (run-case.ts): what a query writes without choosing a
 * partition (sink and repartition records) lands on partition 0 too, as the driver's records do.
 * Otherwise a re-keyed row would miss the rows the harness put on partition 0 regardless of
 * their key, and a query reading another's sink would see its stream time split over tasks.
 */
function onePartition(records: readonly ProducerRecord[]): readonly ProducerRecord[] {
  return records.map((r) => (r.partition === undefined ? { ...r, partition: 0 } : r));
}
