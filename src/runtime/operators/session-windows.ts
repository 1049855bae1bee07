/**
 * Session windows, as Kafka Streams' KStreamSessionWindowAggregate: a record joins every session
 * of its key within the gap of its timestamp; those sessions are merged (init, then merge each
 * in window order, then add the record), removed with a tombstone each, and the merged session
 * is emitted. Sessions close at stream time minus grace minus gap: a merged session that ended
 * before that is dropped as late, and a closed session is no longer merged with (the session
 * store has let it go: its retention is gap + grace).
 * Session results are timestamped with their window's end, as Kafka Streams forwards them.
 */
import type { Rec } from '../record.js';
import { encodeValues } from '../state/key-codec.js';
import type { WindowSpec } from '../windows.js';
import type { AggregateOperator, GroupState } from './aggregate.js';

/** Kafka Streams' session close time: sessions ending before it take no more records. */
export function sessionCloseTime(spec: WindowSpec, streamTime: number): number {
  return streamTime - spec.graceMs - spec.gapMs;
}

export function mergeSessions(
  op: AggregateOperator,
  key: readonly unknown[],
  args: readonly unknown[][],
  rec: Rec,
  out: Rec[],
): void {
  const spec = op.windowSpec!;
  const groupKey = encodeValues(key);
  const index = op.sessionIndex(groupKey);
  const ts = rec.timestamp;
  const closeTime = sessionCloseTime(spec, op.currentStreamTime);
  const overlapping: { storeKey: string; state: GroupState }[] = [];
  for (const storeKey of index) {
    const state = op.store.get(storeKey) as GroupState | undefined;
    if (!state?.window || state.window.end < closeTime) continue;
    if (state.window.end >= ts - spec.gapMs && state.window.start <= ts + spec.gapMs) {
      overlapping.push({ storeKey, state });
    }
  }
  overlapping.sort((a, b) => a.state.window!.start - b.state.window!.start);
  const start = Math.min(ts, ...overlapping.map((s) => s.state.window!.start));
  const end = Math.max(ts, ...overlapping.map((s) => s.state.window!.end));
  if (end < closeTime) return;
  const aggs = op.aggregates;
  let accs = aggs.map((a) => a.init());
  for (const { state } of overlapping) {
    accs = accs.map((acc, i) =>
      aggs[i]!.merge ? aggs[i]!.merge(acc, state.accs[i]) : state.accs[i],
    );
  }
  accs = accs.map((acc, i) => aggs[i]!.add(acc, args[i]!));
  for (const { storeKey, state } of overlapping) {
    op.store.delete(storeKey);
    index.delete(storeKey);
    if (!op.emitsFinal) {
      const row = [
        ...state.key,
        ...aggs.map(() => null),
        BigInt(state.window!.start),
        BigInt(state.window!.end),
      ];
      out.push({
        row,
        timestamp: state.window!.end,
        tombstone: true,
        old: op.row(state),
        window: state.window!,
        origin: rec.origin,
      });
    }
  }
  const window = { start, end };
  // Kafka Streams stamps session results (and EMIT FINAL's) with the session's end.
  const merged: GroupState = { key, accs, window, ts: end };
  const storeKey = `${groupKey}@${start}-${end}`;
  op.store.put(storeKey, merged);
  index.add(storeKey);
  if (!op.emitsFinal)
    out.push({ row: op.row(merged), old: null, timestamp: end, window, origin: rec.origin });
}
