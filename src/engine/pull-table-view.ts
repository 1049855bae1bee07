/**
 * What pull queries read of a table: the latest row per key of its topic (its changelog), with
 * deletes applied. The view is kept between pull queries and caught up incrementally from the
 * offsets it has read to the topic's end, so a lookup costs the records appended since the last
 * one, not a read of the whole topic. One view per table in the metastore: re-creating a table
 * (a new metastore entry) starts a new view.
 *
 * Views live in memory, or, when the engine has a state directory, in a store file there
 * (`<state-dir>/pull/<table>`, an LMDB file with the offsets read as its checkpoint), so that a
 * large table is off the JavaScript heap and a restarted engine goes on from where the file is.
 */
import path from 'node:path';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { SourceNode } from '../planner/plan.js';
import { SourceDecoder } from '../runtime/operators/source.js';
import { BatchContext } from '../runtime/processing-log-writer.js';
import { decodeValues, encodeValues } from '../runtime/state/key-codec.js';
import { QueryStateDir } from '../runtime/state/query-state-dir.js';
import type { DiskKeyValue } from '../runtime/state/disk-key-value.js';
import type { DataSource } from './data-source.js';

const READ_BATCH = 5000;
/** Rows written to a view's file per LMDB transaction while it catches up. */
const WRITE_BATCH = 10_000;
/** 2: a windowed table's rows are keyed by key and window (1 kept one row per key). */
const LAYOUT = 2;

/** Where a view's file is current: the plan it decodes with and the offsets it has read. */
interface ViewCheckpoint {
  readonly node: string;
  /** How rows are keyed: files of another layout are rebuilt. */
  readonly layout?: number;
  readonly positions: readonly number[];
}

/** The rows of a view, by their key columns encoded with encodeValues. */
interface ViewRows {
  get(key: string): unknown[] | undefined;
  rows(): IterableIterator<unknown[]>;
  /** Sets a key's row (null: deletes it). */
  set(key: string, row: unknown[] | null): void;
  /** What was set so far was read up to `positions`; `last`: the end of a catch-up. */
  read(positions: readonly number[], last: boolean): void;
  clear(): void;
}

/** In first-seen order. */
class MemoryRows implements ViewRows {
  private latest = new Map<string, unknown[]>();
  get(key: string): unknown[] | undefined {
    return this.latest.get(key);
  }
  rows(): IterableIterator<unknown[]> {
    return this.latest.values();
  }
  set(key: string, row: unknown[] | null): void {
    if (row === null) this.latest.delete(key);
    else this.latest.set(key, row);
  }
  read(): void {}
  clear(): void {
    this.latest = new Map();
  }
}

/** In key order; rows are written to the file with the offsets they were read up to. */
class DiskRows implements ViewRows {
  private changes = new Map<string, Buffer | null>();

  constructor(
    private readonly file: DiskKeyValue,
    private readonly node: string,
  ) {}
  get(key: string): unknown[] | undefined {
    const bytes = this.file.get(key);
    return bytes === undefined ? undefined : decodeValues(bytes.toString('utf8'));
  }
  *rows(): IterableIterator<unknown[]> {
    for (const [, bytes] of this.file.entries()) yield decodeValues(bytes.toString('utf8'));
  }
  set(key: string, row: unknown[] | null): void {
    this.changes.set(key, row === null ? null : Buffer.from(encodeValues(row), 'utf8'));
  }
  read(positions: readonly number[], last: boolean): void {
    if (this.changes.size === 0 || (!last && this.changes.size < WRITE_BATCH)) return;
    const checkpoint: ViewCheckpoint = { node: this.node, layout: LAYOUT, positions };
    this.file.write(this.changes, checkpoint);
    this.changes = new Map();
  }
  clear(): void {
    this.changes = new Map();
    this.file.clear();
  }
}

export class PullTableView {
  private positions: number[] = [];
  private readonly decoder: SourceDecoder;
  private readonly keyCount: number;
  private store: ViewRows;

  constructor(
    readonly node: SourceNode,
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ) {
    this.decoder = new SourceDecoder(node, functions, registry);
    this.keyCount = node.schema.filter((c) => c.namespace === 'key').length;
    this.store = new MemoryRows();
  }

  /** Keeps the view in `file`, going on from the file's offsets if it was made for the same plan. */
  useFile(file: DiskKeyValue): void {
    const node = JSON.stringify(this.node);
    const checkpoint = file.checkpoint<ViewCheckpoint>();
    if (checkpoint?.node === node && checkpoint.layout === LAYOUT)
      this.positions = [...checkpoint.positions];
    else file.clear();
    this.store = new DiskRows(file, node);
  }

  /** The view's key for the key columns' values. */
  private static keyOf(values: readonly unknown[]): string {
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
      this.positions = [...starts];
      this.store.clear();
    }
    const ctx = new BatchContext('pull_query');
    for (let partition = 0; partition < starts.length; partition++) {
      let offset = this.positions[partition]!;
      while (offset < ends[partition]!) {
        const records = await log.read(topic, partition, offset, READ_BATCH);
        if (records.length === 0) break;
        for (const rec of this.decoder.decode(records, ctx)) {
          const key = this.rowKey(rec.row);
          this.store.set(key, rec.tombstone ? null : rec.row);
        }
        offset = records[records.length - 1]!.offset + 1;
        this.positions[partition] = offset;
        this.store.read(this.positions, false);
      }
    }
    this.store.read(this.positions, true);
  }

  /**
   * The view's key of a row: its key columns, and for a windowed table its window bounds (the
   * row's last two columns), since each window of a key is a row of its own.
   */
  private rowKey(row: readonly unknown[]): string {
    const key = row.slice(0, this.keyCount);
    if (this.windowed) key.push(row[row.length - 2], row[row.length - 1]);
    return PullTableView.keyOf(key);
  }

  /** A plain table's row for the key columns' values `keys`; windowed tables are scanned. */
  get(keys: readonly unknown[]): unknown[] | undefined {
    if (this.windowed) throw new Error('a windowed view is looked up by scanning its rows');
    return this.store.get(PullTableView.keyOf(keys));
  }

  get windowed(): boolean {
    return this.node.window !== undefined;
  }

  rows(): IterableIterator<unknown[]> {
    return this.store.rows();
  }
}

/**
 * The views of an engine's tables, made on first use; a different plan of the same source (or a
 * source declared again) starts afresh.
 */
export class PullTableViews {
  private readonly views = new WeakMap<DataSource, PullTableView>();
  private readonly dir: QueryStateDir | undefined;

  constructor(stateDir: string | undefined) {
    this.dir = stateDir === undefined ? undefined : new QueryStateDir(path.join(stateDir, 'pull'));
  }

  async viewOf(
    source: DataSource,
    node: SourceNode,
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ): Promise<PullTableView> {
    const seen = this.views.get(source);
    if (seen && JSON.stringify(seen.node) === JSON.stringify(node)) return seen;
    const view = new PullTableView(node, functions, registry);
    if (this.dir) {
      await this.dir.openStore(source.name, (file) => {
        view.useFile(file);
        return { file, flush: () => undefined };
      });
    }
    this.views.set(source, view);
    return view;
  }

  /** Deletes a dropped table's view file. */
  async drop(source: DataSource): Promise<void> {
    this.views.delete(source);
    await this.dir?.removeStore(source.name);
  }

  async close(): Promise<void> {
    await this.dir?.close();
  }
}
