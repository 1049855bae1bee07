/**
 * Materializes a table read from a topic: the latest row per key, so every change carries the
 * key's previous row (`old`) for the filters, projections and aggregations after it. Its
 * changelog is the source topic itself (as ksqlDB's source-topic optimization): on start it is
 * rebuilt by re-reading the topic up to the query's committed offsets.
 */
import type { Rec } from '../record.js';
import { encodeValues } from '../state/key-codec.js';
import type { TaskContext } from '../task-context.js';
import type { Operator } from './operator.js';

export class TableSourceOperator implements Operator {
  readonly name = 'TableSource';
  private readonly rows = new Map<string, unknown[]>();

  constructor(private readonly keyCount: number) {}

  process(batch: readonly Rec[], _ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    for (const rec of batch) {
      const key = encodeValues(rec.row.slice(0, this.keyCount));
      const old = this.rows.get(key) ?? null;
      if (rec.tombstone) this.rows.delete(key);
      else this.rows.set(key, rec.row);
      out.push({ ...rec, old });
    }
    return out;
  }

  /** Replays records read before a restart, without emitting. */
  replay(batch: readonly Rec[]): void {
    for (const rec of batch) {
      const key = encodeValues(rec.row.slice(0, this.keyCount));
      if (rec.tombstone) this.rows.delete(key);
      else this.rows.set(key, rec.row);
    }
  }

  get size(): number {
    return this.rows.size;
  }

  /** The current rows, for pull queries. */
  values(): IterableIterator<unknown[]> {
    return this.rows.values();
  }
}
