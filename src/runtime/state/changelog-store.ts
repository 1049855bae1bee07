/**
 * A key-value state store backed by a changelog topic: writes are buffered per batch and handed
 * to the task, which commits them in the same transaction as the batch's output and offsets;
 * on start the store is rebuilt by reading its changelog (last value per key wins, null deletes).
 */
import type { Log, ProducerRecord } from '../../log/log.js';

/** Where a store's changelog lives: the partition of its task (one store per task partition). */
export interface ChangelogStoreOptions {
  /** The changelog partition this store writes and restores from (default 0). */
  readonly partition?: number;
}

export class ChangelogStore<V> {
  private readonly data = new Map<string, V>();
  private readonly dirty = new Map<string, V | null>();
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
    return this.data.get(key);
  }

  put(key: string, value: V): void {
    this.data.set(key, value);
    if (this.changelogTopic) this.dirty.set(key, value);
  }

  delete(key: string): void {
    if (this.data.delete(key) && this.changelogTopic) this.dirty.set(key, null);
  }

  entries(): IterableIterator<[string, V]> {
    return this.data.entries();
  }

  get size(): number {
    return this.data.size;
  }

  /** The changelog records for what changed since the last call. */
  takeChangelog(): ProducerRecord[] {
    const out: ProducerRecord[] = [];
    const now = Date.now();
    for (const [key, value] of this.dirty) {
      out.push({
        key: Buffer.from(key, 'utf8'),
        value: value === null ? null : Buffer.from(JSON.stringify(this.encode(value)), 'utf8'),
        timestamp: now,
        partition: this.partition,
      });
    }
    this.dirty.clear();
    return out;
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

  /** Rebuilds the store from its changelog. */
  async restore(log: Log): Promise<number> {
    if (!this.changelogTopic) return 0;
    await this.createChangelog(log);
    let offset = (await log.startOffsets(this.changelogTopic))[this.partition] ?? 0;
    let restored = 0;
    for (;;) {
      const batch = await log.read(this.changelogTopic, this.partition, offset, 5000);
      if (batch.length === 0) break;
      for (const r of batch) {
        const key = r.key!.toString('utf8');
        if (r.value === null) this.data.delete(key);
        else this.data.set(key, this.decode(JSON.parse(r.value.toString('utf8'))));
        restored++;
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
    return restored;
  }
}
