/**
 * Stream-stream join within a time window, as Kafka Streams' KStreamKStreamJoin. Each side keeps
 * its records by join key in a window store whose retention is before + after + grace; a record
 * is visible in a store while its timestamp is above that store's highest timestamp minus the
 * retention. A left record at t matches right records in [t - before, t + after] (a right one:
 * left records in [t - after, t + before]); joined rows carry the later timestamp.
 *
 * Outer results (a record that found no partner):
 * - with a GRACE PERIOD (Kafka Streams' spurious-result fix), a record whose window is still
 *   open waits in a shared outer store and is emitted, with its own timestamp, once stream time
 *   passes t + window + grace and no partner came; one whose window had already passed when it
 *   arrived is emitted at once;
 * - without one, eagerly, as ksqlDB's joins before GRACE existed (24 hours of retention).
 */
import type { Log } from '../../log/log.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { Rec, WindowBounds } from '../record.js';
import { ChangelogStore } from '../state/changelog-store.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { TaskContext } from '../task-context.js';
import { joinedRow, joinKeyString, withWindow, takeChangelogs } from './join-state.js';
import { JoinWindowStore } from './join-window-store.js';
import {
  describeStores,
  forEachGuarded,
  type Operator,
  type Port,
  type StoreDescription,
} from './operator.js';
import type { JoinConfig } from './stream-table-join.js';

/** Kafka Streams' deprecated JoinWindows.of: 24 hours minus twice the window, as grace. */
const LEGACY_GRACE_MS = 24 * 60 * 60 * 1000;

/** The side store entry that remembers the store's highest timestamp across restarts. */
const OBSERVED_KEY = '#observed';

type Side = 'left' | 'right';

interface OuterEntry {
  readonly row: unknown[];
  readonly ts: number;
  readonly side: Side;
  readonly window?: WindowBounds;
}

export class StreamStreamJoinOperator implements Operator {
  readonly name = 'StreamStreamJoin';
  private readonly sides: Record<Side, JoinWindowStore>;
  /** Unmatched records of outer sides waiting for their window to close (grace given only). */
  private readonly outer: ChangelogStore<OuterEntry[]> | undefined;
  private readonly observed: Record<Side, number> = { left: -Infinity, right: -Infinity };
  private readonly grace: number;
  private readonly retention: number;
  /** The earliest waiting outer record per side: its window closes first. */
  private readonly outerMin: Record<Side, number> = { left: Infinity, right: Infinity };
  private lastSweep = -Infinity;

  constructor(
    private readonly config: JoinConfig,
    private readonly before: number,
    private readonly after: number,
    grace: number | undefined,
  ) {
    const prefix = config.changelogPrefix;
    this.sides = {
      left: new JoinWindowStore(
        'Join-This',
        prefix && `${prefix}-KSTREAM-JOINTHIS-0000000004-store-changelog`,
        config.partition,
      ),
      right: new JoinWindowStore(
        'Join-Other',
        prefix && `${prefix}-KSTREAM-OUTEROTHER-0000000005-store-changelog`,
        config.partition,
      ),
    };
    this.grace = grace ?? Math.max(LEGACY_GRACE_MS - 2 * before, 0);
    this.retention = before + after + this.grace;
    if (grace !== undefined && config.joinType !== 'inner') {
      this.outer = new ChangelogStore<OuterEntry[]>(
        'Join-Outer',
        prefix && `${prefix}-outer-shared-join-store-changelog`,
        (v) =>
          v.map((e) => ({
            r: encodeValues(e.row),
            t: e.ts,
            s: e.side === 'left' ? 1 : 0,
            ...(e.window ? { w: [e.window.start, e.window.end] } : {}),
          })),
        (s) =>
          (s as { r: string; t: number; s: number; w?: [number, number] }[]).map((e) => ({
            row: decodeValues(e.r),
            ts: e.t,
            side: e.s === 1 ? 'left' : 'right',
            ...(e.w ? { window: { start: e.w[0], end: e.w[1] } } : {}),
          })),
        { partition: config.partition ?? 0 },
      );
    }
  }

  private get streamTime(): number {
    return Math.max(this.observed.left, this.observed.right);
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    const side: Side = port === 'right' ? 'right' : 'left';
    const other: Side = side === 'left' ? 'right' : 'left';
    const c = this.config;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.tombstone) return;
      const key = (side === 'left' ? c.leftKey : c.rightKey)(rec.row);
      if (key === null) return;
      const ts = rec.timestamp;
      const previous = this.streamTime;
      this.observe(side, ts);
      if (ts >= previous) this.emitClosed(out, rec);
      const k = joinKeyString(key, rec.window, this.config.windowStartOnly);
      if (ts > this.observed[side] - this.retention) this.sides[side].add(k, rec.row, ts);
      const [lo, hi] =
        side === 'left' ? [ts - this.before, ts + this.after] : [ts - this.after, ts + this.before];
      // Records at or below the other side's retention horizon are gone, as if expired.
      const horizon = this.observed[other] - this.retention;
      const partners = this.sides[other].range(k, Math.max(lo, Math.floor(horizon) + 1), hi);
      for (const p of partners) {
        const [l, r] = side === 'left' ? [rec.row, p.row] : [p.row, rec.row];
        out.push(
          withWindow(
            {
              row: joinedRow(key, l, c.leftWidth, r, c.rightWidth),
              timestamp: Math.max(ts, p.ts),
              origin: rec.origin,
            },
            rec.window,
          ),
        );
        this.removeOuter(k, other, p.ts);
      }
      if (partners.length > 0 || !this.emitsOuter(side)) return;
      if (!this.outer || hi < this.streamTime) {
        out.push(this.outerRow(side, key, rec.row, ts, rec, rec.window));
      } else {
        this.addOuter(k, { row: rec.row, ts, side, ...(rec.window ? { window: rec.window } : {}) });
      }
    });
    this.sweep();
    return out;
  }

  private observe(side: Side, ts: number): void {
    if (ts <= this.observed[side]) return;
    this.observed[side] = ts;
    this.sides[side].putMeta(OBSERVED_KEY, { row: [], ts });
  }

  private emitsOuter(side: Side): boolean {
    const t = this.config.joinType;
    return t === 'full' || t === side;
  }

  private outerRow(
    side: Side,
    key: unknown,
    row: unknown[],
    ts: number,
    rec: Rec,
    window: WindowBounds | undefined,
  ): Rec {
    const c = this.config;
    const joined =
      side === 'left'
        ? joinedRow(key, row, c.leftWidth, null, c.rightWidth)
        : joinedRow(key, null, c.leftWidth, row, c.rightWidth);
    return withWindow({ row: joined, timestamp: ts, origin: rec.origin }, window);
  }

  private addOuter(k: string, entry: OuterEntry): void {
    const list = (this.outer!.get(k) ?? []).filter(
      (e) => e.ts !== entry.ts || e.side !== entry.side,
    );
    this.outer!.put(k, [...list, entry]);
    this.outerMin[entry.side] = Math.min(this.outerMin[entry.side], entry.ts);
  }

  private removeOuter(k: string, side: Side, ts: number): void {
    const list = this.outer?.get(k);
    if (!list) return;
    const kept = list.filter((e) => e.ts !== ts || e.side !== side);
    if (kept.length === list.length) return;
    if (kept.length === 0) this.outer!.delete(k);
    else this.outer!.put(k, kept);
  }

  /**
   * Emits the waiting outer records whose window and grace have passed, in the order of Kafka
   * Streams' outer store: by timestamp, right side before left, then key.
   */
  private emitClosed(out: Rec[], rec: Rec): void {
    if (!this.outer) return;
    const now = this.streamTime;
    if (
      this.outerMin.left + this.after + this.grace >= now &&
      this.outerMin.right + this.before + this.grace >= now
    ) {
      return;
    }
    const closed: { k: string; e: OuterEntry }[] = [];
    const min: Record<Side, number> = { left: Infinity, right: Infinity };
    for (const [k, list] of [...this.outer.entries()]) {
      const kept: OuterEntry[] = [];
      for (const e of list) {
        const lookBack = e.side === 'left' ? this.after : this.before;
        if (e.ts + lookBack + this.grace < now) closed.push({ k, e });
        else {
          kept.push(e);
          min[e.side] = Math.min(min[e.side], e.ts);
        }
      }
      if (kept.length === list.length) continue;
      if (kept.length === 0) this.outer.delete(k);
      else this.outer.put(k, kept);
    }
    this.outerMin.left = min.left;
    this.outerMin.right = min.right;
    closed.sort(
      (a, b) =>
        a.e.ts - b.e.ts ||
        (a.e.side === b.e.side ? 0 : a.e.side === 'right' ? -1 : 1) ||
        (a.k < b.k ? -1 : a.k > b.k ? 1 : 0),
    );
    for (const { e } of closed) {
      const key = (e.side === 'left' ? this.config.leftKey : this.config.rightKey)(e.row);
      out.push(this.outerRow(e.side, key, e.row, e.ts, rec, e.window));
    }
  }

  /** Drops records past retention, at most once per half retention of stream time. */
  private sweep(): void {
    const now = this.streamTime;
    if (now - this.lastSweep < this.retention / 2) return;
    this.lastSweep = now;
    for (const side of ['left', 'right'] as const)
      this.sides[side].expire(this.observed[side] - this.retention);
  }

  private allStores(): ChangelogStore<unknown>[] {
    return [
      this.sides.left.store,
      this.sides.right.store,
      ...(this.outer ? [this.outer] : []),
    ] as ChangelogStore<unknown>[];
  }

  stores(): StoreDescription[] {
    return describeStores(this.allStores());
  }

  changelog() {
    return takeChangelogs(this.allStores());
  }

  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    for (const side of ['left', 'right'] as const) {
      await this.sides[side].restore(log, state);
      this.observed[side] = this.sides[side].getMeta(OBSERVED_KEY)?.ts ?? -Infinity;
    }
    await this.outer?.restore(log, state);
    for (const [, list] of this.outer?.entries() ?? []) {
      for (const e of list) this.outerMin[e.side] = Math.min(this.outerMin[e.side], e.ts);
    }
  }
}
