/**
 * Stream-stream join within a time window, as Kafka Streams' KStreamKStreamJoin: each side's
 * records are kept by join key; a left record at t matches right records in
 * [t - before, t + after] (a right record at t: left records in [t - after, t + before]);
 * joined rows carry the later timestamp. Outer results (a record that found no partner): with a
 * GRACE PERIOD they are emitted once the window has closed, only if no partner came; without
 * one, eagerly, as ksqlDB's joins before GRACE existed.
 */
import type { Log } from '../../log/log.js';
import type { Rec } from '../record.js';
import type { ChangelogStore } from '../state/changelog-store.js';
import type { TaskContext } from '../task-context.js';
import {
  joinedRow,
  keyString,
  restoreStores,
  RowStore,
  takeChangelogs,
  type StoredRow,
} from './join-state.js';
import { forEachGuarded, type Operator, type Port } from './operator.js';
import type { JoinConfig } from './stream-table-join.js';

/** Kafka Streams' default grace for join windows without one (24 hours). */
const LEGACY_GRACE_MS = 24 * 60 * 60 * 1000;

type Buffered = StoredRow;

export class StreamStreamJoinOperator implements Operator {
  readonly name = 'StreamStreamJoin';
  private readonly sides: Record<'left' | 'right', ChangelogStore<Buffered[]>>;
  private streamTime = -1;
  private readonly eager: boolean;
  private readonly grace: number;

  constructor(
    private readonly config: JoinConfig,
    private readonly before: number,
    private readonly after: number,
    grace: number | undefined,
  ) {
    const prefix = config.changelogPrefix;
    this.sides = {
      left: RowStore.rowLists(
        'Join-This',
        prefix && `${prefix}-KSTREAM-JOINTHIS-0000000004-store-changelog`,
      ).store as ChangelogStore<Buffered[]>,
      right: RowStore.rowLists(
        'Join-Other',
        prefix && `${prefix}-KSTREAM-OUTEROTHER-0000000005-store-changelog`,
      ).store as ChangelogStore<Buffered[]>,
    };
    this.eager = grace === undefined;
    this.grace = grace ?? LEGACY_GRACE_MS;
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    const side = port === 'right' ? 'right' : 'left';
    const other = side === 'left' ? 'right' : 'left';
    const c = this.config;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.tombstone) return;
      const key = (side === 'left' ? c.leftKey : c.rightKey)(rec.row);
      if (key === null) return;
      const ts = rec.timestamp;
      const reach = side === 'left' ? this.after : this.before;
      if (ts + reach + this.grace < this.streamTime) return;
      this.streamTime = Math.max(this.streamTime, ts);
      const k = keyString(key);
      const [lo, hi] =
        side === 'left' ? [ts - this.before, ts + this.after] : [ts - this.after, ts + this.before];
      const partners = (this.sides[other].get(k) ?? [])
        .filter((p) => p.ts >= lo && p.ts <= hi)
        .sort((a, b) => a.ts - b.ts);
      for (const p of partners) {
        p.matched = true;
        const [l, r] = side === 'left' ? [rec.row, p.row] : [p.row, rec.row];
        out.push({
          row: joinedRow(key, l, c.leftWidth, r, c.rightWidth),
          timestamp: Math.max(ts, p.ts),
          origin: rec.origin,
        });
      }
      if (partners.length > 0) this.sides[other].put(k, this.sides[other].get(k)!);
      const own: Buffered = { row: rec.row, ts, matched: partners.length > 0 };
      this.sides[side].put(k, [...(this.sides[side].get(k) ?? []), own]);
      if (partners.length === 0 && this.eager && this.emitsOuter(side)) {
        out.push(this.outer(side, key, rec.row, ts, rec));
      }
      this.expire(rec, out);
    });
    return out;
  }

  private emitsOuter(side: 'left' | 'right'): boolean {
    const t = this.config.joinType;
    return t === 'full' || (t === 'left' && side === 'left') || (t === 'right' && side === 'right');
  }

  private outer(side: 'left' | 'right', key: unknown, row: unknown[], ts: number, rec: Rec): Rec {
    const c = this.config;
    const joined =
      side === 'left'
        ? joinedRow(key, row, c.leftWidth, null, c.rightWidth)
        : joinedRow(key, null, c.leftWidth, row, c.rightWidth);
    return { row: joined, timestamp: ts, origin: rec.origin };
  }

  /** Drops records whose window has closed, emitting outer results for those never matched. */
  private expire(rec: Rec, out: Rec[]): void {
    for (const side of ['left', 'right'] as const) {
      const reach = side === 'left' ? this.after : this.before;
      for (const [k, list] of [...this.sides[side].entries()]) {
        const closed = list.filter((b) => b.ts + reach + this.grace < this.streamTime);
        if (closed.length === 0) continue;
        if (!this.eager && this.emitsOuter(side)) {
          for (const b of closed) {
            if (!b.matched)
              out.push(this.outer(side, keyOf(b.row, side, this.config), b.row, b.ts, rec));
          }
        }
        const kept = list.filter((b) => !closed.includes(b));
        if (kept.length === 0) this.sides[side].delete(k);
        else this.sides[side].put(k, kept);
      }
    }
  }

  changelog() {
    return takeChangelogs([this.sides.left, this.sides.right] as ChangelogStore<unknown>[]);
  }

  restore(log: Log): Promise<void> {
    return restoreStores([this.sides.left, this.sides.right] as ChangelogStore<unknown>[], log);
  }
}

function keyOf(row: readonly unknown[], side: 'left' | 'right', c: JoinConfig): unknown {
  return (side === 'left' ? c.leftKey : c.rightKey)(row);
}
