/**
 * EMIT FINAL for tumbling and hopping windows, as Kafka Streams' KStreamWindowAggregate does it
 * with the on-window-close emit strategy: after every record, if the window close time (stream
 * time minus grace) has moved past the one of the last emit, the windows whose start lies in
 * (last close − size, close − size] are fetched from the window store and forwarded once.
 *
 * Two details of Kafka Streams shape which windows come out, and are kept here on purpose:
 * - the range fetch skips the store when the first and last instants of the range fall into the
 *   same windows, and then does not move the last emit close time on;
 * - the window store only returns windows younger than its retention (size + grace) counted back
 *   from the newest window start it holds, so a jump in stream time closes old windows without
 *   emitting them.
 */
import type { WindowBounds } from '../record.js';
import type { WindowSpec } from '../windows.js';

/** No emit yet (Kafka's ConsumerRecord.NO_TIMESTAMP). */
export const NO_EMIT = -1;

/** The start times of the windows that contain `ts`, as Kafka Streams' TimeWindows.windowsFor. */
function windowStartsFor(spec: WindowSpec, ts: number): number[] {
  const starts: number[] = [];
  if (ts < 0) return starts;
  const advance = spec.kind === 'tumbling' ? spec.sizeMs : spec.advanceMs;
  let start = Math.max(0, ts - spec.sizeMs + advance);
  start -= start % advance;
  for (; start <= ts; start += advance) if (ts < start + spec.sizeMs) starts.push(start);
  return starts;
}

function sameStarts(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The window start range to emit at one record, or null when nothing is to be emitted. */
export interface EmitRange {
  /** Inclusive bounds on window start. */
  readonly from: number;
  readonly to: number;
  /** The close time to remember as the last emit's. */
  readonly closeTime: number;
}

/**
 * Which windows to emit now, given stream time and the close time of the last emit; null when
 * none (and then the last emit close time stays as it is).
 */
export function windowsToEmit(
  spec: WindowSpec,
  streamTime: number,
  lastEmitCloseTime: number,
): EmitRange | null {
  const closeTime = streamTime - spec.graceMs;
  if (lastEmitCloseTime !== NO_EMIT && lastEmitCloseTime >= closeTime) return null;
  const upper = closeTime - spec.sizeMs;
  if (upper < 0) return null;
  const lowerExclusive = lastEmitCloseTime === NO_EMIT ? -1 : lastEmitCloseTime - spec.sizeMs;
  if (
    lastEmitCloseTime !== NO_EMIT &&
    sameStarts(windowStartsFor(spec, upper), windowStartsFor(spec, lowerExclusive))
  ) {
    return null;
  }
  // The window store's retention, from the newest window start it holds (that of stream time).
  const starts = windowStartsFor(spec, streamTime);
  const newestStart = starts.length > 0 ? starts[starts.length - 1]! : 0;
  const retained = newestStart - (spec.sizeMs + spec.graceMs);
  return { from: Math.max(lowerExclusive + 1, retained), to: upper, closeTime };
}

/** Whether a window's start falls in the range. */
export function inEmitRange(range: EmitRange, window: WindowBounds): boolean {
  return window.start >= range.from && window.start <= range.to;
}
