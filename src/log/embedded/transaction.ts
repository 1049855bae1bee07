/**
 * A transaction of the embedded log: records are encoded into batches as they are appended
 * (partitions chosen at once), offsets are collected, and `commit` hands the lot to the commit
 * pipeline as one journal entry. An `append` that throws (a bad partition or timestamp) aborts
 * the transaction, so that none of that call's records can be committed by halves.
 */
import { ExecutionError } from '../../common/errors.js';
import type { LogTransaction, ProducerRecord, TopicPartition } from '../log.js';
import { partitionForKey } from '../partitioner.js';
import type { CommitPipeline, PartitionWrite } from './commit-pipeline.js';
import type { JournalOffset } from './journal-entry.js';
import { BatchBuilder } from './record-batch.js';
import type { TopicState } from './topic-store.js';

/** Encoded bytes after which a partition's batch is closed and another begun. */
const MAX_BATCH_BYTES = 1 << 20;

interface OpenWrite extends PartitionWrite {
  readonly batches: Buffer[];
  builder: BatchBuilder | null;
  count: number;
}

/** Where each record of one `append` call went: its partition's write and index in it. */
export interface Placement {
  readonly writes: readonly PartitionWrite[];
  readonly indexes: Int32Array;
  readonly slots: Int32Array;
}

export interface TransactionHost {
  readonly pipeline: CommitPipeline;
  /** The open topic named `name`; throws when there is none. */
  topic(name: string): TopicState;
}

export class EmbeddedTransaction implements LogTransaction {
  private readonly writes = new Map<string, OpenWrite>();
  private readonly offsets: JournalOffset[] = [];
  private state: 'open' | 'committing' | 'done' = 'open';

  constructor(private readonly host: TransactionHost) {}

  append(topic: string, records: readonly ProducerRecord[]): void {
    this.place(topic, records);
  }

  /** Appends and says where each record went (its offset is known after the commit). */
  place(topicName: string, records: readonly ProducerRecord[]): Placement {
    this.checkOpen();
    const topic = this.host.topic(topicName);
    const n = topic.partitions.length;
    const writes: OpenWrite[] = [];
    const slots = new Int32Array(records.length);
    const indexes = new Int32Array(records.length);
    const local: (OpenWrite | undefined)[] = new Array<OpenWrite | undefined>(n);
    const localSlot = new Int32Array(n);
    try {
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        const partition = choosePartition(topic, record, n);
        let write = local[partition];
        if (write === undefined) {
          write = local[partition] = this.writeFor(topic, partition);
          localSlot[partition] = writes.push(write) - 1;
        }
        const slot = localSlot[partition]!;
        slots[i] = slot;
        indexes[i] = write.count;
        let builder = write.builder;
        if (
          builder === null ||
          builder.size >= MAX_BATCH_BYTES ||
          !builder.accepts(record.timestamp)
        ) {
          if (builder !== null) write.batches.push(builder.finish());
          builder = write.builder = new BatchBuilder(initialCapacity(records, i, n));
        }
        builder.add(record);
        write.count++;
      }
    } catch (err) {
      this.abort();
      throw err;
    }
    return { writes, indexes, slots };
  }

  commitOffset(group: string, tp: TopicPartition, nextOffset: number): void {
    this.checkOpen();
    if (group.length === 0 || Buffer.byteLength(group) > 0xffff) {
      throw new ExecutionError(`invalid consumer group name '${group}'`);
    }
    if (!Number.isSafeInteger(nextOffset) || nextOffset < 0) {
      throw new ExecutionError(`invalid offset ${nextOffset} to commit for group ${group}`, tp);
    }
    const partitions = this.host.topic(tp.topic).partitions.length;
    if (!Number.isInteger(tp.partition) || tp.partition < 0 || tp.partition >= partitions) {
      throw new ExecutionError(
        `invalid partition ${tp.partition} to commit for group ${group}`,
        tp,
      );
    }
    this.offsets.push({ group, topic: tp.topic, partition: tp.partition, nextOffset });
  }

  async commit(): Promise<void> {
    this.checkOpen();
    this.state = 'committing';
    const writes: PartitionWrite[] = [];
    for (const write of this.writes.values()) {
      if (write.builder !== null) {
        write.batches.push(write.builder.finish());
        write.builder = null;
      }
      writes.push(write);
    }
    try {
      if (writes.length > 0 || this.offsets.length > 0) {
        await this.host.pipeline.commit({ writes, offsets: this.offsets });
      }
    } finally {
      this.state = 'done';
    }
  }

  abort(): void {
    if (this.state === 'committing') {
      throw new ExecutionError('a transaction cannot be aborted while it commits');
    }
    this.state = 'done';
    this.writes.clear();
    this.offsets.length = 0;
  }

  private writeFor(topic: TopicState, partition: number): OpenWrite {
    const key = `${partition}:${topic.info.name}`;
    let write = this.writes.get(key);
    if (write === undefined) {
      write = { topic, partition, batches: [], builder: null, count: 0, base: -1 };
      this.writes.set(key, write);
    }
    return write;
  }

  private checkOpen(): void {
    if (this.state !== 'open') {
      throw new ExecutionError(
        `this transaction is ${this.state === 'done' ? 'over' : 'committing'}`,
      );
    }
  }
}

function choosePartition(topic: TopicState, record: ProducerRecord, n: number): number {
  const explicit = record.partition;
  if (explicit !== undefined) {
    if (!Number.isInteger(explicit) || explicit < 0 || explicit >= n) {
      throw new ExecutionError(
        `partition ${explicit} does not exist: topic ${topic.info.name} has ${n} partitions`,
        { topic: topic.info.name, partition: explicit },
      );
    }
    return explicit;
  }
  if (record.key !== null) return partitionForKey(record.key, n);
  return topic.sticky.next(n, record.value ? record.value.length : 0);
}

/**
 * Room for this partition's share of the records left, sized after the next one, so that a
 * batch rarely has to grow (and, kept in the tail cache, rarely holds much unused memory).
 */
function initialCapacity(
  records: readonly ProducerRecord[],
  from: number,
  partitions: number,
): number {
  const r = records[from]!;
  const estimate = 24 + (r.key ? r.key.length : 0) + (r.value ? r.value.length : 0);
  const share = Math.ceil((records.length - from) / partitions);
  return Math.min(MAX_BATCH_BYTES, Math.max(1024, Math.ceil(share * estimate * 1.1)));
}
