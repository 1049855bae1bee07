/**
 * Time windows as Kafka Streams assigns them: a tumbling window per record, the hopping windows
 * containing it (oldest first), and when a window has closed (its end plus grace has passed
 * stream time). Session windows merge instead, in operators/aggregate.ts.
 */
import type { WindowBounds } from './record.js';

/** Kafka Streams' default grace when none is given (24 hours, as ksqlDB before GRACE became required). */
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * The grace of a window declared without GRACE PERIOD. EMIT FINAL: zero, as ksqlDB's
 * RewrittenAnalysis rewrites it, so that a final result comes out at the window's end. EMIT
 * CHANGES: Kafka Streams' default for `TimeWindows.of` / `SessionWindows.with`, 24 hours less the
 * window's size (or gap), never below zero.
 */
export function defaultGraceMs(emitFinal: boolean, sizeOrGapMs: number): number {
  return emitFinal ? 0 : Math.max(DEFAULT_GRACE_MS - sizeOrGapMs, 0);
}

export interface WindowSpec {
  readonly kind: 'tumbling' | 'hopping' | 'session';
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly gapMs: number;
  readonly graceMs: number;
  readonly retentionMs: number;
}

export function windowsFor(spec: WindowSpec, ts: number): WindowBounds[] {
  if (spec.kind === 'tumbling') {
    const start = ts - (ts % spec.sizeMs);
    return [{ start, end: start + spec.sizeMs }];
  }
  const out: WindowBounds[] = [];
  const first = Math.max(0, ts - spec.sizeMs + spec.advanceMs);
  for (let start = first - (first % spec.advanceMs); start <= ts; start += spec.advanceMs) {
    if (ts < start + spec.sizeMs) out.push({ start, end: start + spec.sizeMs });
  }
  return out;
}

/** Whether a window no longer accepts records at this stream time. */
export function windowClosed(spec: WindowSpec, window: WindowBounds, streamTime: number): boolean {
  return window.end + spec.graceMs <= streamTime;
}
