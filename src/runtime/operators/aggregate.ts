/**
 * GROUP BY: keeps one accumulator per group (and window) in a changelog-backed store and emits
 * the group's new aggregate row `[keys…, results…, WINDOWSTART, WINDOWEND]` for every input
 * record that changes it (EMIT CHANGES: no record cache), or once per window when it closes
 * (EMIT FINAL). Table input retracts the old row's contribution before adding the new one.
 * Tumbling and hopping windows are here; session windows in session-windows.ts.
 */
import type { ResolvedAggregate } from '../../functions/types.js';
import type { Log } from '../../log/log.js';
import type { Rec, WindowBounds } from '../record.js';
import { ChangelogStore, type StoreChanges } from '../state/changelog-store.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { TaskContext } from '../task-context.js';
import { windowClosed, windowsFor, type WindowSpec } from '../windows.js';
import {
  describeStores,
  forEachGuarded,
  type Operator,
  type StoreDescription,
} from './operator.js';
import { mergeSessions, sessionCloseTime } from './session-windows.js';
import { inEmitRange, NO_EMIT, windowsToEmit } from './window-close-emitter.js';

export interface GroupState {
  readonly key: readonly unknown[];
  accs: unknown[];
  window?: WindowBounds;
  /** The newest timestamp of the group's records (EMIT FINAL emits with it, as Kafka Streams). */
  ts: number;
}

type Stored = GroupState | { streamTime: number };

export interface AggregateConfig {
  readonly groupKey: (row: readonly unknown[]) => unknown[];
  /** Per aggregate: its arguments from the input row. */
  readonly args: readonly ((row: readonly unknown[]) => unknown[])[];
  readonly aggregates: readonly ResolvedAggregate[];
  readonly window?: WindowSpec;
  readonly emitFinal: boolean;
  readonly changelogTopic?: string;
  /** The task partition whose store this operator keeps (its changelog partition). */
  readonly partition?: number;
}

const STREAM_TIME = '#streamTime';
/** EMIT FINAL of time windows: the window close time of the last emit (kept as `streamTime`). */
const LAST_EMIT = '#lastEmitCloseTime';

export class AggregateOperator implements Operator {
  readonly name = 'Aggregate';
  readonly store: ChangelogStore<Stored>;
  private streamTime = -1;
  private lastEmitCloseTime = NO_EMIT;
  private readonly sessions = new Map<string, Set<string>>();

  constructor(private readonly config: AggregateConfig) {
    const aggs = config.aggregates;
    this.store = new ChangelogStore<Stored>(
      'Aggregate-Materialize',
      config.changelogTopic,
      (v) => {
        if ('streamTime' in v) return { t: v.streamTime };
        const a = new Array<unknown>(v.accs.length);
        for (let i = 0; i < a.length; i++) a[i] = aggs[i]!.toState(v.accs[i]);
        const k = encodeValues(v.key);
        return v.window
          ? { k, a, ts: v.ts, w: [v.window.start, v.window.end] }
          : { k, a, ts: v.ts };
      },
      (s) => {
        const st = s as {
          t?: number;
          k?: string;
          a?: unknown[];
          ts?: number;
          w?: [number, number];
        };
        if (st.t !== undefined) return { streamTime: st.t };
        const stored = st.a!;
        const accs = new Array<unknown>(stored.length);
        for (let i = 0; i < accs.length; i++) accs[i] = aggs[i]!.fromState(stored[i]);
        const key = decodeValues(st.k!);
        const ts = st.ts ?? 0;
        return st.w
          ? { key, accs, ts, window: { start: st.w[0], end: st.w[1] } }
          : { key, accs, ts };
      },
      { partition: config.partition ?? 0 },
    );
  }

  /** Rebuilds the store from its changelog, then picks up stream time and indexes the sessions. */
  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    await this.store.restore(log, state);
    const st = this.store.get(STREAM_TIME);
    if (st && 'streamTime' in st) this.streamTime = st.streamTime;
    const emitted = this.store.get(LAST_EMIT);
    if (emitted && 'streamTime' in emitted) this.lastEmitCloseTime = emitted.streamTime;
    if (this.config.window?.kind !== 'session') return;
    for (const [k, v] of this.store.entries()) {
      if ('streamTime' in v || !v.window) continue;
      this.sessionIndex(encodeValues(v.key)).add(k);
    }
  }

  /** Store keys of the sessions of one group key. */
  sessionIndex(groupKey: string): Set<string> {
    let set = this.sessions.get(groupKey);
    if (!set) {
      set = new Set();
      this.sessions.set(groupKey, set);
    }
    return set;
  }

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const startTime = this.streamTime;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.timestamp > this.streamTime) this.streamTime = rec.timestamp;
      if (rec.old && !rec.tombstone && this.sameGroup(rec.old, rec.row)) {
        this.replaceInGroup(rec, rec.old, out, ctx);
      } else {
        if (rec.old) this.apply(rec, rec.old, 'undo', out, ctx);
        if (!rec.tombstone) this.apply(rec, rec.row, 'add', out, ctx);
      }
      if (this.config.emitFinal) this.emitFinal(rec, out);
    });
    // Stream time is stored once per batch, not per record: only the last value is read back.
    if (this.streamTime !== startTime) this.store.put(STREAM_TIME, { streamTime: this.streamTime });
    return out;
  }

  /** Whether a table change keeps its row in the same group (and window: none for tables). */
  private sameGroup(old: readonly unknown[], row: readonly unknown[]): boolean {
    if (this.config.window) return false;
    const a = this.config.groupKey(old);
    const b = this.config.groupKey(row);
    if (a.includes(null) || b.includes(null)) return false;
    return encodeValues(a) === encodeValues(b);
  }

  /**
   * A table row updated within its group: Kafka Streams sends the old and new row as one change
   * when the group key is unchanged, so the group's aggregate is emitted once, from its value
   * before the update to its value after, with no intermediate row.
   */
  private replaceInGroup(rec: Rec, old: readonly unknown[], out: Rec[], ctx: TaskContext): void {
    const at = out.length;
    this.apply(rec, old, 'undo', out, ctx);
    const undone = out.splice(at);
    this.apply(rec, rec.row, 'add', out, ctx);
    if (undone.length === 1 && out.length === at + 1) out[at]!.old = undone[0]!.old ?? null;
  }

  stores(): StoreDescription[] {
    return describeStores([this.store as ChangelogStore<unknown>]);
  }

  changelog(): StoreChanges[] {
    const changes = this.store.takeChanges();
    return changes ? [changes] : [];
  }

  private apply(
    rec: Rec,
    row: readonly unknown[],
    op: 'add' | 'undo',
    out: Rec[],
    ctx: TaskContext,
  ): void {
    const key = this.config.groupKey(row);
    for (let i = 0; i < key.length; i++) {
      if (key[i] !== null) continue;
      ctx.processingError(
        rec.origin,
        new Error(
          'Group-by column resolved to null. The source row will be excluded from the table.',
        ),
        { kind: 'processing', operator: this.name },
      );
      return;
    }
    const argFns = this.config.args;
    const args = new Array<unknown[]>(argFns.length);
    for (let i = 0; i < argFns.length; i++) args[i] = argFns[i]!(row);
    const window = this.config.window;
    if (!window) {
      this.update(encodeValues(key), key, undefined, args, op, rec, out);
      return;
    }
    if (window.kind === 'session') {
      mergeSessions(this, key, args, rec, out);
      return;
    }
    const encodedKey = encodeValues(key);
    if (window.kind === 'tumbling') {
      // One window per record: no list of windows to allocate.
      const start = rec.timestamp - (rec.timestamp % window.sizeMs);
      const end = start + window.sizeMs;
      if (end + window.graceMs <= this.streamTime) return;
      this.update(`${encodedKey}@${start}`, key, { start, end }, args, op, rec, out);
      return;
    }
    for (const w of windowsFor(window, rec.timestamp)) {
      if (windowClosed(window, w, this.streamTime)) continue;
      this.update(`${encodedKey}@${w.start}`, key, w, args, op, rec, out);
    }
  }

  private update(
    storeKey: string,
    key: readonly unknown[],
    window: WindowBounds | undefined,
    args: readonly unknown[][],
    op: 'add' | 'undo',
    rec: Rec,
    out: Rec[],
  ): void {
    const aggs = this.config.aggregates;
    const existing = this.store.get(storeKey) as GroupState | undefined;
    const oldRow = existing ? this.row(existing) : null;
    const next = new Array<unknown>(aggs.length);
    for (let i = 0; i < aggs.length; i++) {
      const agg = aggs[i]!;
      const acc = existing ? existing.accs[i] : agg.init();
      if (op === 'add') next[i] = agg.add(acc, args[i]!);
      else next[i] = agg.undo ? agg.undo(acc, args[i]!) : acc;
    }
    const ts = existing ? Math.max(existing.ts, rec.timestamp) : rec.timestamp;
    const state: GroupState = window ? { key, accs: next, ts, window } : { key, accs: next, ts };
    this.store.put(storeKey, state);
    if (!this.config.emitFinal) {
      const result: Rec = {
        row: this.row(state),
        old: oldRow,
        timestamp: rec.timestamp,
        origin: rec.origin,
      };
      if (window) result.window = window;
      out.push(result);
    }
  }

  /** The aggregate row of a group. */
  row(state: GroupState): unknown[] {
    const aggs = this.config.aggregates;
    const key = state.key;
    const windowed = this.config.window !== undefined;
    const row = new Array<unknown>(key.length + aggs.length + (windowed ? 2 : 0));
    let at = 0;
    for (let i = 0; i < key.length; i++) row[at++] = key[i];
    for (let i = 0; i < aggs.length; i++) row[at++] = aggs[i]!.result(state.accs[i]);
    if (windowed) {
      row[at++] = BigInt(state.window!.start);
      row[at++] = BigInt(state.window!.end);
    }
    return row;
  }

  /** EMIT FINAL, after each record: the windows that closed. */
  private emitFinal(rec: Rec, out: Rec[]): void {
    const spec = this.config.window;
    if (!spec) return;
    if (spec.kind === 'session') {
      this.emitClosedSessions(rec, out);
      return;
    }
    const range = windowsToEmit(spec, this.streamTime, this.lastEmitCloseTime);
    if (!range) return;
    const closing: { storeKey: string; state: GroupState }[] = [];
    for (const [k, v] of this.store.entries()) {
      if ('streamTime' in v || !v.window) continue;
      if (inEmitRange(range, v.window)) closing.push({ storeKey: k, state: v });
    }
    // The window store is read in window start order, then key order.
    closing.sort(
      (a, b) =>
        a.state.window!.start - b.state.window!.start ||
        (a.storeKey < b.storeKey ? -1 : a.storeKey > b.storeKey ? 1 : 0),
    );
    this.pushFinal(
      closing.map((c) => c.state),
      rec,
      out,
    );
    this.rememberEmit(range.closeTime);
  }

  /**
   * EMIT FINAL of session windows, as Kafka Streams: when the close time moved on, the sessions
   * ending in [last close time, close time).
   */
  private emitClosedSessions(rec: Rec, out: Rec[]): void {
    const closeTime = sessionCloseTime(this.config.window!, this.streamTime);
    const last = this.lastEmitCloseTime;
    if (last !== NO_EMIT && last >= closeTime) return;
    if (closeTime - 1 < Math.max(0, last)) return;
    const closing: GroupState[] = [];
    for (const [, v] of this.store.entries()) {
      if ('streamTime' in v || !v.window) continue;
      if (v.window.end >= Math.max(0, last) && v.window.end < closeTime) closing.push(v);
    }
    closing.sort((a, b) => a.window!.end - b.window!.end || a.window!.start - b.window!.start);
    this.pushFinal(closing, rec, out);
    this.rememberEmit(closeTime);
  }

  private rememberEmit(closeTime: number): void {
    this.lastEmitCloseTime = closeTime;
    this.store.put(LAST_EMIT, { streamTime: closeTime });
  }

  private pushFinal(closing: readonly GroupState[], rec: Rec, out: Rec[]): void {
    for (const state of closing) {
      out.push({
        row: this.row(state),
        old: null,
        timestamp: state.ts,
        window: state.window!,
        origin: rec.origin,
      });
    }
  }

  /** Session windows keep their state here too; see session-windows.ts. */
  get windowSpec(): WindowSpec | undefined {
    return this.config.window;
  }

  get currentStreamTime(): number {
    return this.streamTime;
  }

  get aggregates(): readonly ResolvedAggregate[] {
    return this.config.aggregates;
  }

  get emitsFinal(): boolean {
    return this.config.emitFinal;
  }
}
