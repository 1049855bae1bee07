/**
 * The entries of a store kept on disk (disk-key-value.ts), with the writes the disk does not have
 * yet in memory, newest first:
 *
 *   dirty      written since the last `take` (not in any log transaction yet)
 *   pending    taken into a log transaction that has not committed yet, one layer per transaction
 *   committed  committed to the log but not yet written to disk
 *   disk       current up to its checkpoint (where in the log it reflects everything before)
 *
 * Reads look through the layers in that order. A pending layer becomes committed when its log
 * transaction lands; committed layers are written to disk together with the checkpoint they
 * bring it to, in one LMDB transaction, once they hold enough keys or are old enough. So the
 * disk only ever holds what the log holds (never ahead of it), and after a crash it is behind by
 * at most the committed layers, which restore replays from the log.
 *
 * Below the layers, a bounded cache holds the decoded values of keys recently read from the
 * file, so that hot keys skip LMDB and the decoding. It follows the file: a flush replaces the
 * cached values of the keys it writes (with the values it encoded) and drops those it deletes; a
 * replay or a clear drops what it writes. Keys that are only written (new windows, a table being
 * built) are not cached: the cache holds what is read again. Values read from the store, like
 * those of an in-memory store, are shared: callers must not mutate them.
 */
import { DiskKeyValue } from './disk-key-value.js';
import { ValueCache } from './value-cache.js';

interface Entry<V> {
  readonly value: V | null;
  readonly bytes: Buffer | null;
}

/** Changes taken for one log transaction. */
export type Layer<V> = ReadonlyMap<string, Entry<V>>;

/**
 * Committed layers are written to disk once they hold this many keys (LMDB copies each page a
 * transaction changes into memory until it commits: larger transactions leave the process with
 * more anonymous memory) …
 */
const FLUSH_KEYS = 5_000;
/** … or are this old. */
const FLUSH_MS = 250;
/**
 * Values cached per store (two generations of half as many): enough for the hot rows of a join's
 * table, few enough to keep the heap small whatever the store's size (a few MB of rows).
 */
export const CACHE_ENTRIES = 32_768;

export class DiskBackedState<V> {
  private dirty = new Map<string, V | null>();
  private readonly pending: Layer<V>[] = [];
  private committed = new Map<string, Entry<V>>();
  private committedSince = 0;
  /** Where the disk is once the committed layer is on it. */
  private checkpoint: unknown;
  /** Decoded values of keys in the file, for keys the layers do not hold. */
  private readonly cache: ValueCache<V>;

  constructor(
    readonly file: DiskKeyValue,
    private readonly encode: (value: V) => Buffer,
    private readonly decode: (bytes: Buffer) => V,
    cacheEntries = CACHE_ENTRIES,
  ) {
    this.cache = new ValueCache<V>(cacheEntries);
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
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const bytes = this.file.get(key);
    if (bytes === undefined) return undefined;
    const value = this.decode(bytes);
    this.cache.set(key, value);
    return value;
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
    yield* this.overlaid(this.file.entries(), () => true);
  }

  /**
   * The entries whose keys start with `prefix` and are at most `maxSuffixBytes` longer: the
   * disk's key range, overlaid with the layers in memory. A scan when such keys could be long
   * enough to be stored under their hash (which is in no range).
   */
  *withPrefix(prefix: string, maxSuffixBytes: number): Generator<[string, V]> {
    if (!DiskKeyValue.storesPlain(Buffer.byteLength(prefix, 'utf8') + maxSuffixBytes)) {
      for (const e of this.entries()) if (e[0].startsWith(prefix)) yield e;
      return;
    }
    yield* this.overlaid(this.file.range(prefix, prefix + '\uffff'), (k) => k.startsWith(prefix));
  }

  /**
   * Entries of the file (those `fileEntries` gives) overlaid with the layers in memory whose
   * keys pass `wanted`: newer values replace the file's, deletes hide them.
   */
  private *overlaid(
    fileEntries: Iterable<[string, Buffer]>,
    wanted: (key: string) => boolean,
  ): Generator<[string, V]> {
    const overlay = new Map<string, V | null>();
    const keep = (k: string, v: V | null) => {
      if (wanted(k)) overlay.set(k, v);
    };
    for (const [k, e] of this.committed) keep(k, e.value);
    for (const layer of this.pending) for (const [k, e] of layer) keep(k, e.value);
    for (const [k, v] of this.dirty) keep(k, v);
    for (const [k, bytes] of fileEntries) {
      if (!overlay.has(k)) yield [k, this.decode(bytes)];
    }
    for (const [k, v] of overlay) if (v !== null) yield [k, v];
  }

  /** Whether anything was written since the last `take`. */
  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }

  /**
   * The dirty layer, encoded, which becomes pending: `landed` is to be called with it once the
   * transaction holding it has committed (transactions commit in the order they were taken).
   */
  take(): Layer<V> {
    const layer = new Map<string, Entry<V>>();
    for (const [key, value] of this.dirty) {
      layer.set(key, { value, bytes: value === null ? null : this.encode(value) });
    }
    this.dirty = new Map();
    this.pending.push(layer);
    return layer;
  }

  /** A taken layer's transaction committed; once on disk, the disk is current to `checkpoint`. */
  landed(layer: Layer<V>, checkpoint: unknown): void {
    if (this.pending[0] !== layer) throw new Error('log transactions committed out of order');
    this.pending.shift();
    if (this.committed.size === 0) this.committedSince = Date.now();
    for (const [k, e] of layer) this.committed.set(k, e);
    this.checkpoint = checkpoint;
    if (this.committed.size >= FLUSH_KEYS || Date.now() - this.committedSince >= FLUSH_MS) {
      this.flush();
    }
  }

  /** Writes the dirty layer straight to disk: what it holds was replayed from the log. */
  writeReplayed(checkpoint: unknown): void {
    this.requireNoLayers();
    const dirty = this.dirty;
    this.dirty = new Map();
    const encode = this.encode;
    this.file.write(
      (function* () {
        for (const [k, v] of dirty) yield [k, v === null ? null : encode(v)] as const;
      })(),
      checkpoint,
    );
    // A replay writes many keys that may never be read: they leave the cache rather than fill it.
    for (const k of dirty.keys()) this.cache.delete(k);
  }

  /**
   * Writes changelog records (values encoded as the store encodes them, null deletes) straight
   * to disk, with the checkpoint they bring it to: a replay that need not decode them.
   */
  writeEncoded(changes: readonly (readonly [string, Buffer | null])[], checkpoint: unknown): void {
    this.requireNoLayers();
    this.file.write(changes, checkpoint);
    for (const [k] of changes) this.cache.delete(k);
  }

  /** Empties the file (to be rebuilt from the log), and the cache with it. */
  clear(): void {
    this.requireNoLayers();
    this.dirty = new Map();
    this.cache.clear();
    this.file.clear();
  }

  /** Writes the committed layer to disk, with the checkpoint it brings the disk to. */
  flush(): void {
    if (this.committed.size === 0) return;
    const layer = this.committed;
    this.committed = new Map();
    this.file.write(
      (function* () {
        for (const [k, e] of layer) yield [k, e.bytes] as const;
      })(),
      this.checkpoint,
    );
    // `e.value` is what its bytes, now in the file, decode to.
    for (const [k, e] of layer) {
      if (e.value === null) this.cache.delete(k);
      else this.cache.update(k, e.value);
    }
  }

  private requireNoLayers(): void {
    if (this.pending.length > 0 || this.committed.size > 0) {
      throw new Error('a store replays its log before it takes changes');
    }
  }
}
