/**
 * One side of a stream-stream join: its records by join key, ordered by timestamp, as Kafka
 * Streams' join window store keeps them. Each record is its own changelog entry (key, sequence
 * number), so a record costs one changelog write however many records its key already holds,
 * and expiring a record is one tombstone. The per-key lists are an index over the store's
 * entries, rebuilt from them on restore.
 */
import type { Log } from '../../log/log.js';
import type { ChangelogStore } from '../state/changelog-store.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import { RowStore, type StoredRow } from './join-state.js';

/** Separates the join key from the sequence number; the key's JSON text never holds it raw. */
const SEPARATOR = '\u0000';

interface Entry extends StoredRow {
  /** The record's key in the store: join key, separator, sequence number. */
  readonly id: string;
}

export class JoinWindowStore {
  readonly store: ChangelogStore<StoredRow>;
  private readonly byKey = new Map<string, Entry[]>();
  private nextSeq = 0;

  constructor(name: string, changelogTopic: string | undefined, partition = 0) {
    this.store = RowStore.rows(name, changelogTopic, partition).store;
  }

  /** Adds a record of `key`, after any record of the same key with a timestamp up to `ts`. */
  add(key: string, row: unknown[], ts: number): void {
    const entry: Entry = { row, ts, id: `${key}${SEPARATOR}${this.nextSeq++}` };
    this.store.put(entry.id, { row, ts });
    const list = this.byKey.get(key);
    if (!list) {
      this.byKey.set(key, [entry]);
      return;
    }
    list.splice(upperBound(list, ts), 0, entry);
  }

  /** The records of `key` with lo ≤ ts ≤ hi, in timestamp order (ties in arrival order). */
  range(key: string, lo: number, hi: number): readonly StoredRow[] {
    const list = this.byKey.get(key);
    if (!list) return [];
    const from = upperBound(list, lo - 1);
    const to = upperBound(list, hi);
    return from < to ? list.slice(from, to) : [];
  }

  /** Drops the records with ts ≤ horizon. */
  expire(horizon: number): void {
    for (const [key, list] of this.byKey) {
      const keep = upperBound(list, horizon);
      if (keep === 0) continue;
      for (let i = 0; i < keep; i++) this.store.delete(list[i]!.id);
      if (keep === list.length) this.byKey.delete(key);
      else list.splice(0, keep);
    }
  }

  /** A value kept beside the records under a key of its own (which holds no separator). */
  getMeta(name: string): StoredRow | undefined {
    return this.store.get(name);
  }

  putMeta(name: string, value: StoredRow): void {
    this.store.put(name, value);
  }

  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    await this.store.restore(log, state);
    this.byKey.clear();
    let maxSeq = -1;
    for (const [id, stored] of this.store.entries()) {
      const at = id.lastIndexOf(SEPARATOR);
      if (at < 0) continue;
      const seq = Number(id.slice(at + 1));
      maxSeq = Math.max(maxSeq, seq);
      const key = id.slice(0, at);
      const list = this.byKey.get(key) ?? [];
      list.push({ row: stored.row, ts: stored.ts, id });
      this.byKey.set(key, list);
    }
    const seqOf = (e: Entry) => Number(e.id.slice(e.id.lastIndexOf(SEPARATOR) + 1));
    for (const list of this.byKey.values()) list.sort((a, b) => a.ts - b.ts || seqOf(a) - seqOf(b));
    this.nextSeq = maxSeq + 1;
  }
}

/** The first index whose timestamp is above `ts` (lists are sorted by timestamp). */
function upperBound(list: readonly StoredRow[], ts: number): number {
  // Records mostly arrive in timestamp order: check the end first.
  if (list.length === 0 || list[list.length - 1]!.ts <= ts) return list.length;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.ts <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
