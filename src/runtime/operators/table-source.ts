/**
 * Materializes a table read from a topic: the latest row per key, so every change carries the
 * key's previous row (`old`) for the filters, projections and aggregations after it. Its
 * changelog is the source topic itself (as ksqlDB's source-topic optimization): on start it is
 * rebuilt by re-reading the topic up to the query's committed offsets.
 *
 * The rows live in memory, or, given the query's state directory, in a store file there whose
 * checkpoint is the source offsets it reflects: a restart then re-reads only the topic after it.
 */
import type { Rec } from '../record.js';
import { DiskBackedState } from '../state/disk-backed-state.js';
import type { DiskKeyValue } from '../state/disk-key-value.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { StoreChanges } from '../state/changelog-store.js';
import type { TaskContext } from '../task-context.js';
import type { Operator } from './operator.js';

/** Where a table source's file is current: per partition, the next source offset to apply. */
interface SourceCheckpoint {
  readonly topic: string;
  readonly positions: Readonly<Record<string, number>>;
}

/** Replayed rows are written to the file once this many are buffered. */
const REPLAY_WRITE = 10_000;

export class TableSourceOperator implements Operator {
  readonly name = 'TableSource';
  private readonly rows = new Map<string, unknown[]>();
  private disk: DiskBackedState<unknown[]> | undefined;
  private topic = '';
  /** On disk: per partition, the offset after the last record applied. */
  private readonly positions = new Map<number, number>();

  constructor(private readonly keyCount: number) {}

  process(batch: readonly Rec[], _ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    for (const rec of batch) {
      const old = this.apply(rec);
      out.push({ ...rec, old });
    }
    return out;
  }

  /** Replays records read before a restart, without emitting. */
  replay(batch: readonly Rec[]): void {
    for (const rec of batch) this.apply(rec);
    if (this.disk && this.disk.dirtyCount >= REPLAY_WRITE)
      this.disk.writeReplayed(this.checkpoint());
  }

  /** Sets the row of the record's key; returns the key's previous row. */
  private apply(rec: Rec): unknown[] | null {
    const key = encodeValues(rec.row.slice(0, this.keyCount));
    const disk = this.disk;
    if (!disk) {
      const old = this.rows.get(key) ?? null;
      if (rec.tombstone) this.rows.delete(key);
      else this.rows.set(key, rec.row);
      return old;
    }
    const old = disk.get(key) ?? null;
    if (rec.tombstone) disk.delete(key);
    else disk.put(key, rec.row);
    this.positions.set(rec.origin.partition, rec.origin.offset + 1);
    return old;
  }

  /**
   * Keeps the rows in a file of the query's state directory. Returns, per partition, where the
   * replay of the topic is to start: where the file is current, if its checkpoint is of this
   * topic and within what is to be replayed, else (the file emptied) the topic's start.
   */
  async useDisk(
    state: QueryStateDir,
    name: string,
    topic: string,
    from: ReadonlyMap<number, number>,
    until: ReadonlyMap<number, number>,
  ): Promise<Map<number, number>> {
    this.topic = topic;
    const starts = new Map(from);
    await state.openStore(name, (file: DiskKeyValue) => {
      const disk = new DiskBackedState<unknown[]>(
        file,
        (row) => Buffer.from(encodeValues(row), 'utf8'),
        (bytes) => decodeValues(bytes.toString('utf8')),
      );
      const checkpoint = file.checkpoint<SourceCheckpoint>();
      const usable =
        checkpoint?.topic === topic &&
        [...from].every(([p, start]) => {
          const at = checkpoint.positions[p];
          return at === undefined || (at >= start && at <= (until.get(p) ?? 0));
        });
      if (usable) {
        for (const [p, at] of Object.entries(checkpoint.positions)) {
          if (!from.has(Number(p))) continue;
          starts.set(Number(p), at);
          this.positions.set(Number(p), at);
        }
      } else disk.clear();
      this.disk = disk;
      return disk;
    });
    return starts;
  }

  /** The replay is done: what it applied goes to the file. */
  restored(): void {
    this.disk?.writeReplayed(this.checkpoint());
  }

  private checkpoint(): SourceCheckpoint {
    return { topic: this.topic, positions: Object.fromEntries(this.positions) };
  }

  /** On disk: no changelog records (the topic is the changelog), only when to write the file. */
  changelog(): StoreChanges[] {
    const disk = this.disk;
    if (!disk?.hasDirty) return [];
    const layer = disk.take();
    const checkpoint = this.checkpoint();
    return [{ topic: this.topic, records: [], committed: () => disk.landed(layer, checkpoint) }];
  }
}
