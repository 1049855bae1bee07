/**
 * A LogTransaction on Kafka: records and consumer offsets are buffered, and `commit` sends them
 * in one Kafka transaction (records, then `sendOffsets` per group, then EndTxn), so that a
 * `read_committed` reader sees all of them or none, and offsets move only with the output.
 * Partitions are chosen at `append` when the topic's partition count is known, else at commit.
 */
import { ExecutionError } from '../../common/errors.js';
import type { LogTransaction, ProducerRecord, TaskId, TopicPartition } from '../log.js';
import { partitionKey, type PlacedRecord } from './messages.js';
import type { WrittenEnds } from './transaction-commit.js';

/** Everything a transaction commits. */
export interface TransactionContent {
  /** Per topic, records in order, each with its partition. */
  readonly records: ReadonlyMap<string, readonly PlacedRecord[]>;
  /** Per group, per topic, partition → next offset to read. */
  readonly offsets: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<number, number>>>;
  /** The task it commits for, when named (else found from the offsets, see transaction-commit). */
  readonly task?: TaskId;
}

/** What a transaction needs of its Log. */
export interface TransactionHost {
  /** The partition count of a topic if known now, without asking the cluster. */
  knownPartitionCount(topic: string): number | undefined;
  partitionCount(topic: string): Promise<number>;
  /** The partition of a record (explicit, from its key, or sticky); throws when invalid. */
  choosePartition(topic: string, record: ProducerRecord, partitions: number): number;
  commit(content: TransactionContent): Promise<WrittenEnds>;
}

export class KafkaTransaction implements LogTransaction {
  private readonly records = new Map<string, PlacedRecord[]>();
  private readonly deferred: { topic: string; records: readonly ProducerRecord[] }[] = [];
  private readonly offsets = new Map<string, Map<string, Map<number, number>>>();
  private state: 'open' | 'committing' | 'done' = 'open';
  private written: WrittenEnds = new Map();

  constructor(
    private readonly host: TransactionHost,
    private readonly task?: TaskId,
  ) {}

  append(topic: string, records: readonly ProducerRecord[]): void {
    this.checkOpen();
    if (records.length === 0) return;
    const n = this.host.knownPartitionCount(topic);
    if (n === undefined || this.deferred.length > 0) {
      this.deferred.push({ topic, records: [...records] });
      return;
    }
    try {
      this.place(topic, records, n);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  commitOffset(group: string, tp: TopicPartition, nextOffset: number): void {
    this.checkOpen();
    if (group.length === 0 || Buffer.byteLength(group) > 0x7fff) {
      throw new ExecutionError(`invalid consumer group name '${group}'`);
    }
    if (!Number.isSafeInteger(nextOffset) || nextOffset < 0) {
      throw new ExecutionError(`invalid offset ${nextOffset} to commit for group ${group}`, tp);
    }
    const n = this.host.knownPartitionCount(tp.topic);
    if (
      !Number.isInteger(tp.partition) ||
      tp.partition < 0 ||
      (n !== undefined && tp.partition >= n)
    ) {
      throw new ExecutionError(
        `invalid partition ${tp.partition} to commit for group ${group}`,
        tp,
      );
    }
    let topics = this.offsets.get(group);
    if (!topics) this.offsets.set(group, (topics = new Map()));
    let partitions = topics.get(tp.topic);
    if (!partitions) topics.set(tp.topic, (partitions = new Map()));
    partitions.set(tp.partition, nextOffset);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    this.state = 'committing';
    try {
      for (const { topic, records } of this.deferred.splice(0)) {
        const n = await this.host.partitionCount(topic);
        this.place(topic, records, n);
      }
      for (const [group, topics] of this.offsets) {
        for (const [topic, partitions] of topics) {
          const n = await this.host.partitionCount(topic);
          for (const partition of partitions.keys()) {
            if (partition >= n) {
              throw new ExecutionError(
                `invalid partition ${partition} to commit for group ${group}`,
                { topic, partition },
              );
            }
          }
        }
      }
      if (this.records.size > 0 || this.offsets.size > 0) {
        this.written = await this.host.commit({
          records: this.records,
          offsets: this.offsets,
          ...(this.task ? { task: this.task } : {}),
        });
      }
    } finally {
      this.state = 'done';
    }
  }

  writtenEnd(topic: string, partition: number): number | undefined {
    return this.written.get(partitionKey(topic, partition))?.end;
  }

  abort(): void {
    if (this.state === 'committing') {
      throw new ExecutionError('a transaction cannot be aborted while it commits');
    }
    this.state = 'done';
    this.records.clear();
    this.deferred.length = 0;
    this.offsets.clear();
  }

  private place(topic: string, records: readonly ProducerRecord[], n: number): void {
    let list = this.records.get(topic);
    const placed = records.map((record) => ({
      partition: this.host.choosePartition(topic, record, n),
      record,
    }));
    if (!list) this.records.set(topic, (list = []));
    for (const p of placed) list.push(p);
  }

  private checkOpen(): void {
    if (this.state !== 'open') {
      throw new ExecutionError(
        `this transaction is ${this.state === 'done' ? 'over' : 'committing'}`,
      );
    }
  }
}
