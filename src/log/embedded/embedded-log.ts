/**
 * The embedded backend of the Log: topics as segment files under a data directory, commits
 * through a write-ahead journal, consumer offsets beside them. `openEmbeddedLog` locks the
 * directory, recovers it (torn tails cut, journal replayed) and checkpoints before handing it out.
 *
 * The data directory:
 *   LOCK                          the owner's pid (lock-file.ts)
 *   journal                       commits not yet checkpointed (journal.ts, journal-entry.ts)
 *   checkpoint.json               offsets and partition ends as of the last checkpoint
 *   topics/<topic>/topic.json     partitions, replicas, config (topic-store.ts)
 *   topics/<topic>/<p>/<base>.log segments of CRC-framed record batches (segment.ts)
 *   tmp/, trash/                  topics being created or deleted; cleared on open
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecutionError } from '../../common/errors.js';
import type {
  Log,
  LogRecord,
  LogTransaction,
  ProducerRecord,
  TopicInfo,
  TopicSpec,
} from '../log.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { type CommitStats, CommitPipeline, type FsyncPolicy } from './commit-pipeline.js';
import { Journal } from './journal.js';
import type { PartitionLog } from './partition-log.js';
import { acquireLock, type DirectoryLock } from './lock-file.js';
import { OffsetsStore } from './offsets-store.js';
import { RecordWaiters } from './record-waiters.js';
import { type LostRange, replayJournal, type UncommittedTail } from './recovery.js';
import {
  checkTopicName,
  clearScratch,
  createTopicFiles,
  deleteTopicFiles,
  loadTopics,
  type StorageDefaults,
  type TopicState,
  type TruncatedTail,
} from './topic-store.js';
import { EmbeddedTransaction, type TransactionHost } from './transaction.js';

export interface EmbeddedLogOptions {
  /**
   * When commits reach the disk: `always` fsyncs the journal for each commit (the default),
   * `batch` lets commits that arrive together share one fsync, `never` leaves it to the OS
   * (a killed process loses nothing, a power cut may).
   */
  readonly fsync?: FsyncPolicy;
  /** Size at which a segment file is rolled (default 64 MiB; a topic's `segment.bytes` wins). */
  readonly segmentBytes?: number;
  /** Bytes of recent batches each partition keeps in memory for readers (default 1 MiB). */
  readonly tailCacheBytes?: number;
  /** Journal size that triggers a checkpoint (default 64 MiB). */
  readonly checkpointBytes?: number;
}

/** What opening the data directory had to repair. */
export interface RecoveryReport {
  /** Torn or corrupt tails cut off segment files. */
  readonly truncatedTails: readonly TruncatedTail[];
  /** Why the journal's tail was cut off, if it was (a commit that never completed). */
  readonly journalTail?: string;
  /** Journal entries found, and batches among them that had to be written again. */
  readonly journalEntries: number;
  readonly replayedBatches: number;
  /** Records found beyond what any commit accounts for, and cut off. */
  readonly uncommitted: readonly UncommittedTail[];
  /**
   * Committed records that are gone (a segment lost data it had fsynced, or a power cut with
   * `fsync: 'never'`); the partition goes on from where its data ends.
   */
  readonly lost: readonly LostRange[];
}

const MiB = 1 << 20;

export async function openEmbeddedLog(
  dataDir: string,
  options: EmbeddedLogOptions = {},
): Promise<EmbeddedLog> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lock = acquireLock(dir);
  let topics: Map<string, TopicState> | undefined;
  let journal: Journal | undefined;
  try {
    clearScratch(dir);
    const fsync = options.fsync ?? 'always';
    const defaults: StorageDefaults = {
      segmentBytes: options.segmentBytes ?? 64 * MiB,
      tailCacheBytes: options.tailCacheBytes ?? MiB,
      durable: fsync !== 'never',
    };
    const loaded = loadTopics(dir, defaults);
    topics = loaded.topics;
    journal = Journal.open(path.join(dir, 'journal'), defaults.durable);
    const decoded = journal.recover();
    const checkpoint = readCheckpoint(dir);
    const offsets = OffsetsStore.fromSnapshot(checkpoint?.offsets ?? {});
    const replay = replayJournal(topics, checkpoint, decoded.entries, offsets);
    const strays = [...offsets.topics()].filter((topic) => !topics!.has(topic));
    for (const topic of strays) offsets.deleteTopic(topic);
    const recovery: RecoveryReport = {
      truncatedTails: loaded.truncated,
      journalTail: decoded.stoppedAt,
      journalEntries: decoded.entries.length,
      replayedBatches: replay.replayedBatches,
      uncommitted: replay.uncommitted,
      lost: replay.lost,
    };
    const log = new EmbeddedLog(dir, lock, topics, journal, offsets, recovery, {
      fsync,
      defaults,
      checkpointBytes: options.checkpointBytes ?? 64 * MiB,
    });
    const clean =
      checkpoint !== undefined &&
      journal.size === 0 &&
      strays.length === 0 &&
      loaded.truncated.length === 0 &&
      replay.uncommitted.length === 0 &&
      replay.lost.length === 0;
    if (!clean) await log.checkpoint();
    return log;
  } catch (err) {
    for (const topic of topics?.values() ?? []) for (const p of topic.partitions) p.close();
    journal?.close();
    lock.release();
    throw err;
  }
}

interface Settings {
  readonly fsync: FsyncPolicy;
  readonly defaults: StorageDefaults;
  readonly checkpointBytes: number;
}

export class EmbeddedLog implements Log {
  readonly backend = 'embedded' as const;
  private readonly pipeline: CommitPipeline;
  private readonly waiters = new RecordWaiters();
  private readonly host: TransactionHost;
  private closed = false;

  /** @internal Use `openEmbeddedLog`. */
  constructor(
    readonly dataDir: string,
    private readonly lock: DirectoryLock,
    private readonly topics: Map<string, TopicState>,
    private readonly journal: Journal,
    private readonly offsets: OffsetsStore,
    readonly recovery: RecoveryReport,
    private readonly settings: Settings,
  ) {
    this.pipeline = new CommitPipeline({
      journal,
      offsets,
      fsync: settings.fsync,
      checkpointBytes: settings.checkpointBytes,
      checkpoint: () => this.checkpointNow(),
      hasTopic: (name) => this.topics.has(name),
      applied: (written) => this.waiters.notify(written),
    });
    this.host = { pipeline: this.pipeline, topic: (name) => this.topic(name) };
  }

  /** How commits have gone since the log was opened (group commit shows as rounds < commits). */
  get stats(): Readonly<CommitStats> {
    return this.pipeline.stats;
  }

  async createTopic(name: string, spec: TopicSpec): Promise<void> {
    this.checkOpen();
    checkTopicName(name);
    const { partitions } = spec;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 100_000) {
      throw new ExecutionError(
        `topic ${name} needs a partition count of at least 1, not ${partitions}`,
        {
          topic: name,
        },
      );
    }
    const info: TopicInfo = {
      name,
      partitions,
      replicas: spec.replicas ?? 1,
      config: { ...spec.config },
    };
    await this.pipeline.exclusive(() => {
      const existing = this.topics.get(name);
      if (existing) {
        if (existing.info.partitions === partitions) return;
        throw new ExecutionError(
          `topic ${name} exists with ${existing.info.partitions} partitions, not ${partitions}`,
          { topic: name },
        );
      }
      this.topics.set(name, createTopicFiles(this.dataDir, info, this.settings.defaults));
    });
  }

  async deleteTopic(name: string): Promise<void> {
    this.checkOpen();
    await this.pipeline.exclusive(async () => {
      const topic = this.topic(name);
      await this.checkpointNow();
      topic.deleted = true;
      this.topics.delete(name);
      this.offsets.deleteTopic(name);
      deleteTopicFiles(this.dataDir, topic, this.settings.defaults.durable);
      await this.checkpointNow();
    });
  }

  async describeTopic(name: string): Promise<TopicInfo | undefined> {
    this.checkOpen();
    return this.topics.get(name)?.info;
  }

  async listTopics(): Promise<readonly TopicInfo[]> {
    this.checkOpen();
    return [...this.topics.values()]
      .map((t) => t.info)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async endOffsets(topic: string): Promise<readonly number[]> {
    this.checkOpen();
    return this.topic(topic).partitions.map((p) => p.endOffset);
  }

  async startOffsets(topic: string): Promise<readonly number[]> {
    this.checkOpen();
    return this.topic(topic).partitions.map((p) => p.startOffset);
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]> {
    this.checkOpen();
    return this.partition(topic, partition).read(topic, partition, offset, maxRecords);
  }

  async append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]> {
    this.checkOpen();
    const tx = new EmbeddedTransaction(this.host);
    const placed = tx.place(topic, records);
    await tx.commit();
    const out = new Array<{ partition: number; offset: number }>(records.length);
    for (let i = 0; i < records.length; i++) {
      const write = placed.writes[placed.slots[i]!]!;
      out[i] = { partition: write.partition, offset: write.base + placed.indexes[i]! };
    }
    return out;
  }

  transaction(): LogTransaction {
    this.checkOpen();
    return new EmbeddedTransaction(this.host);
  }

  async committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    this.checkOpen();
    return this.offsets.get(group, topic);
  }

  waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.waiters.wait(topics, timeoutMs);
  }

  /**
   * Makes everything committed durable in the segments and the checkpoint file, and empties the
   * journal. Happens by itself when the journal grows, on topic deletion and on close.
   */
  async checkpoint(): Promise<void> {
    this.checkOpen();
    await this.pipeline.exclusive(() => this.checkpointNow());
  }

  /** Waits for pending commits, checkpoints, and releases the data directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pipeline.exclusive(async () => {
        if (!this.pipeline.failed) await this.checkpointNow();
      });
    } finally {
      for (const topic of this.topics.values()) for (const p of topic.partitions) p.close();
      this.journal.close();
      this.lock.release();
      this.waiters.wakeAll();
    }
  }

  private async checkpointNow(): Promise<void> {
    const { durable } = this.settings.defaults;
    const ends: Record<string, number[]> = {};
    const flushes: Promise<void>[] = [];
    for (const [name, topic] of this.topics) {
      if (durable) for (const p of topic.partitions) flushes.push(p.flush());
      ends[name] = topic.partitions.map((p) => p.endOffset);
    }
    await Promise.all(flushes);
    writeCheckpoint(this.dataDir, { version: 1, ends, offsets: this.offsets.snapshot() }, durable);
    this.journal.reset(durable);
  }

  private topic(name: string): TopicState {
    const topic = this.topics.get(name);
    if (!topic) throw new ExecutionError(`topic ${name} does not exist`, { topic: name });
    return topic;
  }

  private partition(topic: string, partition: number): PartitionLog {
    const log = this.topic(topic).partitions[partition];
    if (!log) {
      throw new ExecutionError(`topic ${topic} has no partition ${partition}`, {
        topic,
        partition,
      });
    }
    return log;
  }

  private checkOpen(): void {
    if (this.closed) throw new ExecutionError(`the embedded log at ${this.dataDir} is closed`);
    const failure = this.pipeline.failed;
    if (failure) throw failure;
  }
}
