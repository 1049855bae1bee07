/**
 * The entries of a changelog-backed store kept on disk (disk-key-value.ts), with the writes the
 * disk does not have yet in memory, newest first:
 *
 *   dirty      written since the changelog was last taken (not in any transaction yet)
 *   pending    taken into a log transaction that has not committed yet, one layer per transaction
 *   committed  in the changelog (committed) but not yet written to disk
 *   disk       current up to its checkpoint: the changelog offset it reflects every record before
 *
 * Reads look through the layers in that order. A pending layer becomes committed when its log
 * transaction lands; committed layers are written to disk together with their checkpoint, in
 * one LMDB transaction, once they hold enough keys or are old enough. So the disk only ever
 * holds what the changelog holds (never ahead of it), and after a crash it is behind by at most
 * the committed layer, which restore replays from the changelog.
 */
import type { ProducerRecord } from '../../log/log.js';
import type { DiskKeyValue } from './disk-key-value.js';

/** Where in its changelog a store file is current. */
export interface ChangelogCheckpoint {
  readonly topic: string;
  readonly partition: number;
  /** Every changelog record before this offset is reflected in the file. */
  readonly offset: number;
}

interface Entry<V> {
  readonly value: V | null;
  readonly bytes: Buffer | null;
}

/** Committed layers are written to disk once they hold this many keys … */
const FLUSH_KEYS = 20_000;
/** … or are this old. */
const FLUSH_MS = 2_000;

export class DiskBackedState<V> {
  private readonly dirty = new Map<string, V | null>();
  private readonly pending: Map<string, Entry<V>>[] = [];
  private committed = new Map<string, Entry<V>>();
  private committedSince = 0;

  constructor(
    readonly file: DiskKeyValue,
    private readonly topic: string,
    private readonly partition: number,
    /** The changelog offset the disk and the committed layer together are current to. */
    private position: number,
    private readonly encode: (value: V) => Buffer,
    private readonly decode: (bytes: Buffer) => V,
  ) {}

  /** After the file was brought up to `offset` of the changelog directly (restore). */
  restoredTo(offset: number): void {
    this.position = offset;
  }

  get(key: string): V | undefined {
    const d = this.dirty.get(key);
    if (d !== undefined) return d ?? undefined;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const e = this.pending[i]!.get(key);
      if (e) return e.value ?? undefined;
    }
    const c = this.committed.get(key);
    if (c) return c.value ?? undefined;
    const bytes = this.file.get(key);
    return bytes === undefined ? undefined : this.decode(bytes);
  }

  put(key: string, value: V): void {
    this.dirty.set(key, value);
  }

  /** Deletes `key`; says whether it was there. */
  delete(key: string): boolean {
    if (this.get(key) === undefined) return false;
    this.dirty.set(key, null);
    return true;
  }

  /** The store's entries: the disk's, overlaid with the layers in memory. */
  *entries(): Generator<[string, V]> {
    const overlay = new Map<string, V | null>();
    for (const [k, e] of this.committed) overlay.set(k, e.value);
    for (const layer of this.pending) for (const [k, e] of layer) overlay.set(k, e.value);
    for (const [k, v] of this.dirty) overlay.set(k, v);
    for (const [k, bytes] of this.file.entries()) {
      if (!overlay.has(k)) yield [k, this.decode(bytes)];
    }
    for (const [k, v] of overlay) if (v !== null) yield [k, v];
  }

  /**
   * The changelog records of the dirty layer, which becomes pending; `committed` is to be called
   * once the transaction holding the records has committed (transactions commit in order).
   */
  take(now: number): { records: ProducerRecord[]; committed?: () => void } {
    if (this.dirty.size === 0) return { records: [] };
    const layer = new Map<string, Entry<V>>();
    const records: ProducerRecord[] = [];
    for (const [key, value] of this.dirty) {
      const bytes = value === null ? null : this.encode(value);
      layer.set(key, { value, bytes });
      records.push({
        key: Buffer.from(key, 'utf8'),
        value: bytes,
        timestamp: now,
        partition: this.partition,
      });
    }
    this.dirty.clear();
    this.pending.push(layer);
    return { records, committed: () => this.landed(layer, records.length) };
  }

  private landed(layer: Map<string, Entry<V>>, records: number): void {
    if (this.pending[0] !== layer) {
      throw new Error(`state store ${this.topic}: log transactions committed out of order`);
    }
    this.pending.shift();
    if (this.committed.size === 0) this.committedSince = Date.now();
    for (const [k, e] of layer) this.committed.set(k, e);
    // The store is the only writer of its changelog partition: its records got the next
    // offsets. (A log that adds markers of its own only makes this lower: replay starts earlier.)
    this.position += records;
    if (this.committed.size >= FLUSH_KEYS || Date.now() - this.committedSince >= FLUSH_MS) {
      this.flush();
    }
  }

  /** Writes the committed layer to disk, with the checkpoint it brings the disk to. */
  flush(): void {
    if (this.committed.size === 0) return;
    const layer = this.committed;
    this.committed = new Map();
    const checkpoint: ChangelogCheckpoint = {
      topic: this.topic,
      partition: this.partition,
      offset: this.position,
    };
    this.file.write(
      (function* () {
        for (const [k, e] of layer) yield [k, e.bytes] as const;
      })(),
      checkpoint,
    );
  }
}
