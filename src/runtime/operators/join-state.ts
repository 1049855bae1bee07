/**
 * State shared by the join operators: rows by join key in changelog-backed stores, and how a
 * joined row `[key, …left, …right]` is assembled with NULLs for a missing side.
 */
import type { Log } from '../../log/log.js';
import type { Rec, WindowBounds } from '../record.js';
import { ChangelogStore, type StoreChanges } from '../state/changelog-store.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';

export interface StoredRow {
  readonly row: unknown[];
  readonly ts: number;
}

/** Rows by key, with a changelog. */
export class RowStore<V> {
  readonly store: ChangelogStore<V>;

  constructor(
    name: string,
    changelogTopic: string | undefined,
    encode: (v: V) => unknown,
    decode: (s: unknown) => V,
    partition = 0,
  ) {
    this.store = new ChangelogStore<V>(name, changelogTopic, encode, decode, { partition });
  }

  static rows(
    name: string,
    changelogTopic: string | undefined,
    partition = 0,
  ): RowStore<StoredRow> {
    return new RowStore<StoredRow>(
      name,
      changelogTopic,
      (v) => ({ r: encodeValues(v.row), t: v.ts }),
      (s) => {
        const x = s as { r: string; t: number };
        return { row: decodeValues(x.r), ts: x.t };
      },
      partition,
    );
  }
}

export function joinedRow(
  key: unknown,
  left: readonly unknown[] | null,
  leftWidth: number,
  right: readonly unknown[] | null,
  rightWidth: number,
): unknown[] {
  const row: unknown[] = [key];
  if (left) row.push(...left);
  else for (let i = 0; i < leftWidth; i++) row.push(null);
  if (right) row.push(...right);
  else for (let i = 0; i < rightWidth; i++) row.push(null);
  return row;
}

export function keyString(value: unknown): string {
  return encodeValues([value]);
}

/**
 * A join key as a store key; windowed sources join on their key and window together: a session
 * window's start and end, a time window's start only (all its serialized key holds, so hopping
 * and tumbling windows of different sizes that start together match, as in ksqlDB).
 */
export function joinKeyString(
  value: unknown,
  window: WindowBounds | undefined,
  startOnly = false,
): string {
  if (!window) return encodeValues([value]);
  return startOnly
    ? encodeValues([value, window.start])
    : encodeValues([value, window.start, window.end]);
}

/**
 * A foreign-key join's delete of a result: only the left table's key columns are set (the
 * left key at `leftKeyIndexes`, the first of them the result's key).
 */
export function foreignKeyTombstone(
  config: { readonly leftWidth: number; readonly rightWidth: number },
  leftKeyIndexes: readonly number[],
  leftRow: readonly unknown[],
  timestamp: number,
  old: unknown[] | null,
  rec: Rec,
): Rec {
  const keysOnly: unknown[] = new Array<unknown>(config.leftWidth).fill(null);
  for (const i of leftKeyIndexes) keysOnly[i] = leftRow[i];
  return {
    row: joinedRow(
      leftRow[leftKeyIndexes[0]!],
      keysOnly,
      config.leftWidth,
      null,
      config.rightWidth,
    ),
    timestamp,
    tombstone: true,
    old,
    origin: rec.origin,
  };
}

/** The window of a joined record, when its inputs are windowed. */
export function withWindow(rec: Rec, window: WindowBounds | undefined): Rec {
  if (window) rec.window = window;
  return rec;
}

/** Changelog records of several stores, as one operator's changelog (each store has its own topic). */
export function takeChangelogs(stores: readonly ChangelogStore<unknown>[]): StoreChanges[] {
  return stores.flatMap((s) => s.takeChanges() ?? []);
}

export async function restoreStores(
  stores: readonly ChangelogStore<unknown>[],
  log: Log,
  state?: QueryStateDir,
): Promise<void> {
  for (const s of stores) await s.restore(log, state);
}
