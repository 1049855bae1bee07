/**
 * One state store's file: an LMDB environment (a directory with data.mdb and lock.mdb) holding
 * the store's entries, string keys to byte values, and beside them a checkpoint that says up to
 * where in its changelog the entries are current. Entries and checkpoint change together in one
 * LMDB transaction, so the file is never ahead of its checkpoint. LMDB is memory-mapped: what is
 * read stays in the page cache, not on the JavaScript heap.
 *
 * A file that is missing, not an LMDB file, or that LMDB refuses to open is deleted and created
 * anew (empty, with no checkpoint): its store is then rebuilt from the changelog. (LMDB itself
 * survives a process killed at any moment: it writes copy-on-write and switches meta pages.)
 *
 * LMDB refuses keys over 1978 bytes; longer keys are stored under a hash of themselves, with the
 * full key kept in front of the value (see `longKey`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';

/** Keys up to this many UTF-8 bytes are stored as they are (LMDB's limit is 1978). */
const MAX_PLAIN_KEY_BYTES = 1024;
/** Hashed keys start with a character that no encoded store key starts with. */
const HASHED = '\u0000';
const CHECKPOINT = 'checkpoint';
/** The most a store file may grow to (virtual address space, not memory). */
const MAP_SIZE = 64 * 2 ** 30;
/** Bumped when the layout of the file changes: a file of another version is rebuilt. */
const FORMAT = 1;

export class DiskKeyValue {
  private constructor(
    readonly dir: string,
    private readonly root: RootDatabase,
    private readonly data: Database<Buffer, string>,
    private readonly meta: Database<string, string>,
  ) {}

  /**
   * Opens (or creates) the store in `dir`. A directory LMDB cannot open (corrupt, or of another
   * format) is wiped and created anew: the store is then rebuilt from its changelog.
   */
  static open(dir: string): DiskKeyValue {
    // LMDB trusts its file: one that is not an LMDB file at all can crash the process.
    if (!looksLikeLmdb(dir)) fs.rmSync(dir, { recursive: true, force: true });
    try {
      const store = DiskKeyValue.openAt(dir);
      if (store.meta.get('format') === String(FORMAT)) return store;
      store.clear();
      store.root.transactionSync(() => store.meta.putSync('format', String(FORMAT)));
      return store;
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
      const store = DiskKeyValue.openAt(dir);
      store.root.transactionSync(() => store.meta.putSync('format', String(FORMAT)));
      return store;
    }
  }

  private static openAt(dir: string): DiskKeyValue {
    fs.mkdirSync(dir, { recursive: true });
    const root = open({
      path: dir,
      maxDbs: 4,
      // Address space reserved up front: growing the map later maps the file again, and the
      // old mapping's pages linger in RSS.
      mapSize: MAP_SIZE,
    });
    const data = root.openDB<Buffer, string>('data', { encoding: 'binary' });
    const meta = root.openDB<string, string>('meta', { encoding: 'string' });
    return new DiskKeyValue(dir, root, data, meta);
  }

  get(key: string): Buffer | undefined {
    const stored = storageKey(key);
    const value = this.data.get(stored);
    if (value === undefined || stored === key) return value;
    const entry = unwrapLongKey(value);
    return entry.key === key ? entry.value : undefined;
  }

  /** Every entry, in key order (hashed long keys at the start). */
  *entries(): Generator<[string, Buffer]> {
    for (const { key, value } of this.data.getRange({})) {
      if (key.startsWith(HASHED)) {
        const entry = unwrapLongKey(value);
        yield [entry.key, entry.value];
      } else yield [key, value];
    }
  }

  /** Entries with keys in [start, end), in key order; long (hashed) keys are not in any range. */
  *range(start: string, end: string): Generator<[string, Buffer]> {
    for (const { key, value } of this.data.getRange({ start, end })) {
      if (!key.startsWith(HASHED)) yield [key, value];
    }
  }

  /** Whether keys of up to this many UTF-8 bytes are stored as they are (so in key ranges). */
  static storesPlain(bytes: number): boolean {
    return bytes <= MAX_PLAIN_KEY_BYTES;
  }

  /** How many entries the store holds. */
  get count(): number {
    return this.data.getCount();
  }

  /** The checkpoint written with the last write, or undefined if none was. */
  checkpoint<T>(): T | undefined {
    const text = this.meta.get(CHECKPOINT);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** Writes changes (null deletes) and the checkpoint they bring the store to, atomically. */
  write(changes: Iterable<readonly [string, Buffer | null]>, checkpoint: unknown): void {
    // In key order, LMDB walks its tree from one leaf to the next instead of jumping about.
    const sorted = [...changes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.root.transactionSync(() => {
      for (const [key, value] of sorted) {
        const stored = storageKey(key);
        if (value === null) this.data.removeSync(stored);
        else this.data.putSync(stored, stored === key ? value : wrapLongKey(key, value));
      }
      this.meta.putSync(CHECKPOINT, JSON.stringify(checkpoint));
    });
  }

  /** Removes every entry and the checkpoint. */
  clear(): void {
    this.root.transactionSync(() => {
      this.data.clearSync();
      this.meta.removeSync(CHECKPOINT);
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

/** LMDB's magic number, in the meta page at the start of data.mdb. */
const LMDB_MAGIC = 0xbeefc0de;

/** Whether `dir` has no data file yet, or one that starts as an LMDB file does. */
function looksLikeLmdb(dir: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(`${dir}/data.mdb`, 'r');
  } catch {
    return true;
  }
  try {
    const head = Buffer.alloc(64);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    for (let at = 0; at + 4 <= n; at += 4) if (head.readUInt32LE(at) === LMDB_MAGIC) return true;
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

function storageKey(key: string): string {
  if (key.length * 3 <= MAX_PLAIN_KEY_BYTES) return key;
  if (Buffer.byteLength(key, 'utf8') <= MAX_PLAIN_KEY_BYTES) return key;
  return HASHED + createHash('sha256').update(key, 'utf8').digest('base64');
}

/** A long key's value: the key's length (4 bytes), the key, then the value. */
function wrapLongKey(key: string, value: Buffer): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(keyBytes.length);
  return Buffer.concat([header, keyBytes, value]);
}

function unwrapLongKey(stored: Buffer): { key: string; value: Buffer } {
  const length = stored.readUInt32BE(0);
  return {
    key: stored.toString('utf8', 4, 4 + length),
    value: stored.subarray(4 + length),
  };
}
