/**
 * The one writer of the embedded log. Commits queue here and are taken in rounds: each round
 * orders its commits (stamps base offsets), writes them to the journal in one write, fsyncs once
 * (group commit), then applies them to the segments and the offsets store in the same tick, so
 * readers see a commit whole or not at all. Topic creation, deletion and checkpoints run between
 * rounds, as exclusive tasks. A failure after the journal write (fsync, apply) leaves memory and
 * disk apart: the log then refuses everything until it is reopened, which recovers from the journal.
 */
import { ExecutionError } from '../../common/errors.js';
import type { Journal } from './journal.js';
import { encodeEntry, type JournalOffset } from './journal-entry.js';
import type { OffsetsStore } from './offsets-store.js';
import { batchRecordCount, stampBatch } from './record-batch.js';
import type { TopicState } from './topic-store.js';

export type FsyncPolicy = 'always' | 'batch' | 'never';

/** The records one commit writes to one partition. */
export interface PartitionWrite {
  readonly topic: TopicState;
  readonly partition: number;
  /** Finished, not yet stamped batches. */
  readonly batches: readonly Buffer[];
  /** The offset of the first record, set when the commit is ordered. */
  base: number;
}

export interface CommitRequest {
  readonly writes: readonly PartitionWrite[];
  readonly offsets: readonly JournalOffset[];
}

export interface PipelineHost {
  readonly journal: Journal;
  readonly offsets: OffsetsStore;
  readonly fsync: FsyncPolicy;
  /** Journal size after which a checkpoint empties it. */
  readonly checkpointBytes: number;
  checkpoint(): Promise<void>;
  hasTopic(name: string): boolean;
  /** Called after a round is applied, with the topics it wrote to. */
  applied(topics: ReadonlySet<string>): void;
}

/** Counts since the log was opened. */
export interface CommitStats {
  /** Commits made visible. */
  commits: number;
  /** Rounds written to the journal: commits that arrived together share one. */
  rounds: number;
  /** fsyncs of the journal. */
  syncs: number;
}

type Job =
  | {
      kind: 'commit';
      request: CommitRequest;
      resolve: () => void;
      reject: (err: unknown) => void;
    }
  | {
      kind: 'task';
      run: () => unknown;
      resolve: (value: unknown) => void;
      reject: (err: unknown) => void;
    };

export class CommitPipeline {
  private readonly queue: Job[] = [];
  private running = false;
  private failure: Error | null = null;
  readonly stats: CommitStats = { commits: 0, rounds: 0, syncs: 0 };

  constructor(private readonly host: PipelineHost) {}

  /** Set once a failure left the log unusable until reopened. */
  get failed(): Error | null {
    return this.failure;
  }

  commit(request: CommitRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'commit', request, resolve, reject });
      this.kick();
    });
  }

  /** Runs `run` alone: after every commit queued before it, before every one queued after. */
  exclusive<T>(run: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'task', run, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const first = this.queue[0]!;
      if (first.kind === 'task') {
        this.queue.shift();
        try {
          first.resolve(await first.run());
        } catch (err) {
          first.reject(err);
        }
        continue;
      }
      const limit = this.host.fsync === 'always' ? 1 : Infinity;
      const round: Extract<Job, { kind: 'commit' }>[] = [];
      while (round.length < limit && this.queue[0]?.kind === 'commit') {
        round.push(this.queue.shift() as Extract<Job, { kind: 'commit' }>);
      }
      await this.runRound(round);
      if (!this.failure && this.host.journal.size >= this.host.checkpointBytes) {
        try {
          await this.host.checkpoint();
        } catch (err) {
          this.fail(err);
        }
      }
    }
    this.running = false;
  }

  private async runRound(round: Extract<Job, { kind: 'commit' }>[]): Promise<void> {
    const valid = round.filter((job) => {
      const error = this.failure ?? this.goneTopicError(job.request);
      if (error) job.reject(error);
      return !error;
    });
    if (valid.length === 0) return;
    try {
      this.host.journal.append(this.order(valid.map((job) => job.request)));
    } catch (err) {
      if (this.host.journal.broken) this.fail(err);
      for (const job of valid) job.reject(err);
      return;
    }
    this.stats.rounds++;
    try {
      if (this.host.fsync !== 'never') {
        await this.host.journal.sync();
        this.stats.syncs++;
      }
      const topics = new Set<string>();
      for (const { request } of valid) {
        for (const w of request.writes) {
          w.topic.partitions[w.partition]!.appendBatches(w.batches);
          topics.add(w.topic.info.name);
        }
        for (const o of request.offsets) {
          this.host.offsets.set(o.group, o.topic, o.partition, o.nextOffset);
        }
      }
      this.host.applied(topics);
    } catch (err) {
      this.fail(err);
      for (const job of valid) job.reject(this.failure);
      return;
    }
    this.stats.commits += valid.length;
    for (const job of valid) job.resolve();
  }

  /** Stamps offsets on the commits' batches, in queue order, and encodes their journal entries. */
  private order(requests: readonly CommitRequest[]): Buffer[] {
    const ends = new Map<object, number>();
    const pieces: Buffer[] = [];
    for (const request of requests) {
      for (const w of request.writes) {
        const log = w.topic.partitions[w.partition]!;
        let next = ends.get(log) ?? log.endOffset;
        w.base = next;
        for (const batch of w.batches) {
          stampBatch(batch, next);
          next += batchRecordCount(batch, 0);
        }
        ends.set(log, next);
      }
      const parts = request.writes.flatMap((w) =>
        w.batches.map((batch) => ({ topic: w.topic.info.name, partition: w.partition, batch })),
      );
      for (const piece of encodeEntry({ parts, offsets: request.offsets })) pieces.push(piece);
    }
    return pieces;
  }

  /** An error when a topic the commit writes to, or commits offsets on, was deleted meanwhile. */
  private goneTopicError(request: CommitRequest): Error | undefined {
    const gone =
      request.writes.find((w) => w.topic.deleted)?.topic.info.name ??
      request.offsets.find((o) => !this.host.hasTopic(o.topic))?.topic;
    return gone === undefined
      ? undefined
      : new ExecutionError(`topic ${gone} was deleted before the commit`, { topic: gone });
  }

  private fail(cause: unknown): void {
    if (this.failure) return;
    const message = cause instanceof Error ? cause.message : String(cause);
    this.failure = new ExecutionError(
      `the embedded log failed and must be reopened, which recovers it from its journal: ${message}`,
    );
  }
}
