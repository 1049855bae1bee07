/**
 * A key-value state store backed by a changelog topic: writes are buffered per batch and handed
 * to the task, which commits them in the same transaction as the batch's output and offsets.
 *
 * Kept in one of two places, chosen when the store is restored:
 * - in memory (a Map), rebuilt on start by reading the whole changelog (last value per key
 *   wins, null deletes): stores of transient queries, and engines without a state directory;
 * - on disk, in the query's state directory (disk-backed-state.ts): on start only the changelog
 *   after the file's checkpoint is read.
 */
import type { Log, ProducerRecord } from '../../log/log.js';
import { DiskBackedState } from './disk-backed-state.js';
import type { DiskKeyValue } from './disk-key-value.js';
import type { QueryStateDir } from './query-state-dir.js';
import { catchUpWindowMs } from './tombstone-retention.js';

/** Where a store's changelog lives: the partition of its task (one store per task partition). */
export interface ChangelogStoreOptions {
  /** The changelog partition this store writes and restores from (default 0). */
  readonly partition?: number;
}

/** Where in its changelog a store file is current. */
interface ChangelogCheckpoint {
  readonly topic: string;
  readonly partition: number;
  /** Every changelog record before this offset is reflected in the file. */
  readonly offset: number;
  /**
   * A time (ms since the epoch) before every changelog record at or after `offset` was written:
   * how old the file is, for the tombstones a compacted changelog drops (tombstone-retention.ts).
   */
  readonly at?: number;
}

/** A store's changelog records for one transaction. */
export interface StoreChanges {
  readonly topic: string;
  readonly records: ProducerRecord[];
  /**
   * To be called once the transaction holding the records has committed, with where the log
   * says they went, if it does (`LogTransaction.writtenEnd`).
   */
  readonly committed?: (
    writtenEnd?: (topic: string, partition: number) => number | undefined,
  ) => void;
}

const RESTORE_BATCH = 5000;
/** Records replayed into a store file per LMDB transaction. */
const RESTORE_WRITE = 10_000;

export class ChangelogStore<V> {
  private readonly data = new Map<string, V>();
  private readonly dirty = new Map<string, V | null>();
  private disk: DiskBackedState<V> | undefined;
  /** On disk: the changelog offset the disk and its committed layer together are current to. */
  private position = 0;
  readonly partition: number;

  constructor(
    readonly name: string,
    /** The changelog topic; absent for stores of transient (push) queries. */
    readonly changelogTopic: string | undefined,
    private readonly encode: (value: V) => unknown,
    private readonly decode: (state: unknown) => V,
    options: ChangelogStoreOptions = {},
  ) {
    this.partition = options.partition ?? 0;
  }

  get(key: string): V | undefined {
    if (this.disk) return this.disk.get(key);
    return this.data.get(key);
  }

  put(key: string, value: V): void {
    if (this.disk) return this.disk.put(key, value);
    this.data.set(key, value);
    if (this.changelogTopic) this.dirty.set(key, value);
  }

  delete(key: string): void {
    if (this.disk) {
      this.disk.delete(key);
      return;
    }
    if (this.data.delete(key) && this.changelogTopic) this.dirty.set(key, null);
  }

  entries(): IterableIterator<[string, V]> {
    if (this.disk) return this.disk.entries();
    return this.data.entries();
  }

  /**
   * The entries whose keys start with `prefix` (and are at most `maxSuffixBytes` longer): on
   * disk a key range, in memory a scan.
   */
  *withPrefix(prefix: string, maxSuffixBytes: number): Generator<[string, V]> {
    if (this.disk) {
      yield* this.disk.withPrefix(prefix, maxSuffixBytes);
      return;
    }
    for (const e of this.data) if (e[0].startsWith(prefix)) yield e;
  }

  /** Whether the store keeps its entries on disk. */
  get onDisk(): boolean {
    return this.disk !== undefined;
  }

  /**
   * The changelog records for what changed since the last call. A store on disk needs to hear
   * when they committed: use `takeChanges` for it.
   */
  takeChangelog(): ProducerRecord[] {
    return this.takeChanges()?.records ?? [];
  }

  /**
   * What changed since the last call, for the task's next transaction; the caller calls
   * `committed` once that transaction has committed. Undefined without a changelog.
   */
  takeChanges(): StoreChanges | undefined {
    const topic = this.changelogTopic;
    if (!topic) return undefined;
    const now = Date.now();
    if (this.disk) return this.takeFromDisk(topic, this.disk, now);
    const records: ProducerRecord[] = [];
    for (const [key, value] of this.dirty) {
      records.push({
        key: Buffer.from(key, 'utf8'),
        value: value === null ? null : this.toBytes(value),
        timestamp: now,
        partition: this.partition,
      });
    }
    this.dirty.clear();
    return { topic, records };
  }

  private takeFromDisk(topic: string, disk: DiskBackedState<V>, now: number): StoreChanges {
    if (!disk.hasDirty) return { topic, records: [] };
    const layer = disk.take();
    const records: ProducerRecord[] = [];
    for (const [key, e] of layer) {
      records.push({
        key: Buffer.from(key, 'utf8'),
        value: e.bytes,
        timestamp: now,
        partition: this.partition,
      });
    }
    const committed = (writtenEnd?: (topic: string, partition: number) => number | undefined) => {
      // Where the log put the records (Kafka: past its transaction markers, which take offsets
      // too); else, the store being the only writer of its changelog partition, the next
      // offsets. Counting can only fall behind (by the markers): replay then starts earlier than
      // it needs to, never later, and re-applies records the file has (last value wins).
      this.position = writtenEnd?.(topic, this.partition) ?? this.position + records.length;
      const checkpoint: ChangelogCheckpoint = {
        topic,
        partition: this.partition,
        offset: this.position,
        at: now,
      };
      disk.landed(layer, checkpoint);
    };
    return { topic, records, committed };
  }

  async createChangelog(log: Log): Promise<void> {
    if (!this.changelogTopic) return;
    if (!(await log.describeTopic(this.changelogTopic))) {
      await log.createTopic(this.changelogTopic, {
        // No replication factor: the log's default (Kafka: the broker's default.replication.factor).
        partitions: 1,
        config: { 'cleanup.policy': 'compact' },
      });
    }
  }

  /**
   * Rebuilds the store from its changelog: in memory, or, given the query's state directory,
   * in its file there, replaying only what the file does not have yet. Returns how many
   * changelog records were read.
   */
  async restore(log: Log, state?: QueryStateDir): Promise<number> {
    const topic = this.changelogTopic;
    if (!topic) return 0;
    await this.createChangelog(log);
    if (state) return this.restoreOnDisk(log, topic, state);
    let offset = (await log.startOffsets(topic))[this.partition] ?? 0;
    let restored = 0;
    for (;;) {
      const batch = await log.read(topic, this.partition, offset, RESTORE_BATCH);
      if (batch.length === 0) break;
      for (const r of batch) {
        const key = r.key!.toString('utf8');
        if (r.value === null) this.data.delete(key);
        else this.data.set(key, this.fromBytes(r.value));
        restored++;
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
    return restored;
  }

  /**
   * Opens the store's file and brings it up to the changelog's end. The file is current up to
   * its checkpoint; a file with none, or one past the changelog's end or before its start (the
   * changelog is not the one the file was built from), or too old to catch up (a compacted
   * changelog may have dropped deletes it missed), is emptied and rebuilt from the start.
   */
  private async restoreOnDisk(log: Log, topic: string, state: QueryStateDir): Promise<number> {
    const partition = this.partition;
    const at = Date.now();
    const [starts, ends, window] = await Promise.all([
      log.startOffsets(topic),
      log.endOffsets(topic),
      catchUpWindowMs(log, topic),
    ]);
    const start = starts[partition] ?? 0;
    const end = ends[partition] ?? 0;
    let offset = start;
    /** The file's age while it is caught up: until it reaches the end, the checkpoint's own. */
    let since: number | undefined;
    const disk = await state.openStore(`${topic}-${partition}`, (f: DiskKeyValue) => {
      const store = new DiskBackedState<V>(
        f,
        (v) => this.toBytes(v),
        (b) => this.fromBytes(b),
      );
      const checkpoint = f.checkpoint<ChangelogCheckpoint>();
      const usable =
        checkpoint !== undefined &&
        checkpoint.topic === topic &&
        checkpoint.partition === partition &&
        checkpoint.offset >= start &&
        checkpoint.offset <= end &&
        (window === undefined || (checkpoint.at !== undefined && at - checkpoint.at <= window));
      if (usable) {
        offset = checkpoint.offset;
        since = checkpoint.at;
      } else store.clear();
      return store;
    });
    let restored = 0;
    let changes: [string, Buffer | null][] = [];
    for (;;) {
      const batch = await log.read(topic, partition, offset, RESTORE_BATCH);
      if (batch.length === 0) break;
      for (const r of batch) changes.push([r.key!.toString('utf8'), r.value]);
      restored += batch.length;
      offset = batch[batch.length - 1]!.offset + 1;
      if (changes.length >= RESTORE_WRITE) {
        const checkpoint: ChangelogCheckpoint = { topic, partition, offset, at: since };
        disk.writeEncoded(changes, checkpoint);
        changes = [];
      }
    }
    // Written even with nothing replayed: the file is current as of this restore (`at`).
    disk.writeEncoded(changes, { topic, partition, offset, at } satisfies ChangelogCheckpoint);
    this.position = offset;
    this.disk = disk;
    return restored;
  }

  private toBytes(value: V): Buffer {
    return Buffer.from(JSON.stringify(this.encode(value)), 'utf8');
  }

  private fromBytes(bytes: Buffer): V {
    return this.decode(JSON.parse(bytes.toString('utf8')));
  }
}
