/**
 * What pull queries read of a table: the latest row per key of its topic (its changelog), with
 * deletes applied. The view is kept between pull queries and caught up incrementally from the
 * offsets it has read to the topic's end, so a lookup costs the records appended since the last
 * one, not a read of the whole topic. One view per table in the metastore: re-creating a table
 * (a new metastore entry) starts a new view.
 */
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { SourceNode } from '../planner/plan.js';
import { SourceDecoder } from '../runtime/operators/source.js';
import { BatchContext } from '../runtime/processing-log-writer.js';
import { encodeValues } from '../runtime/state/key-codec.js';
import type { DataSource } from './data-source.js';

const READ_BATCH = 5000;

export class PullTableView {
  /** Rows by their key columns encoded with encodeValues, in first-seen order. */
  private latest = new Map<string, unknown[]>();
  private positions: number[] = [];
  private readonly decoder: SourceDecoder;
  private readonly keyCount: number;

  constructor(
    readonly node: SourceNode,
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ) {
    this.decoder = new SourceDecoder(node, functions, registry);
    this.keyCount = node.schema.filter((c) => c.namespace === 'key').length;
  }

  /** The view's key for the key columns' values. */
  static keyOf(values: readonly unknown[]): string {
    return encodeValues(values);
  }

  /** Reads what was appended since the last call (everything, the first time). */
  async catchUp(log: Log): Promise<void> {
    const topic = this.node.topic;
    const [starts, ends] = await Promise.all([log.startOffsets(topic), log.endOffsets(topic)]);
    // A topic that lost records the view had not read, or shrank, was replaced: start over.
    const replaced =
      starts.length !== this.positions.length ||
      starts.some((s, p) => s > this.positions[p]! || ends[p]! < this.positions[p]!);
    if (replaced) {
      this.latest = new Map();
      this.positions = [...starts];
    }
    const ctx = new BatchContext('pull_query');
    for (let partition = 0; partition < starts.length; partition++) {
      let offset = this.positions[partition]!;
      while (offset < ends[partition]!) {
        const records = await log.read(topic, partition, offset, READ_BATCH);
        if (records.length === 0) break;
        for (const rec of this.decoder.decode(records, ctx)) {
          const key = PullTableView.keyOf(rec.row.slice(0, this.keyCount));
          if (rec.tombstone) this.latest.delete(key);
          else this.latest.set(key, rec.row);
        }
        offset = records[records.length - 1]!.offset + 1;
      }
      this.positions[partition] = offset;
    }
  }

  get(key: string): unknown[] | undefined {
    return this.latest.get(key);
  }

  rows(): IterableIterator<unknown[]> {
    return this.latest.values();
  }
}

const views = new WeakMap<DataSource, PullTableView>();

/** The view of a table, made on first use; a different plan of the same source starts afresh. */
export function pullTableView(
  source: DataSource,
  node: SourceNode,
  functions: FunctionRegistry,
  registry?: SchemaRegistry,
): PullTableView {
  const seen = views.get(source);
  if (seen && JSON.stringify(seen.node) === JSON.stringify(node)) return seen;
  const view = new PullTableView(node, functions, registry);
  views.set(source, view);
  return view;
}
