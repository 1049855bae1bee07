/**
 * ksqlDB's windowed key formats, as Kafka Streams writes them: a time window (tumbling, hopping)
 * is the inner key's bytes then the window start as an 8-byte big-endian long
 * (TimeWindowedSerializer); a session window is the inner key's bytes, then the end, then the
 * start (SessionWindowedSerializer). A time window's end is not stored: it is start + size.
 */
import type { WindowSpec } from './test-case.js';

export type WindowKind = 'tumbling' | 'hopping' | 'session';

export function wrapWindowedKey(
  inner: Buffer | null,
  window: WindowSpec,
  kind: WindowKind,
): Buffer {
  const key = inner ?? Buffer.alloc(0);
  if (kind === 'session') {
    const suffix = Buffer.alloc(16);
    suffix.writeBigInt64BE(BigInt(window.end), 0);
    suffix.writeBigInt64BE(BigInt(window.start), 8);
    return Buffer.concat([key, suffix]);
  }
  const suffix = Buffer.alloc(8);
  suffix.writeBigInt64BE(BigInt(window.start), 0);
  return Buffer.concat([key, suffix]);
}

/** Splits a windowed key into its inner key bytes and its window. */
export function unwrapWindowedKey(
  bytes: Buffer,
  kind: WindowKind,
  sizeMs: number | undefined,
): { inner: Buffer; window: WindowSpec } {
  if (kind === 'session') {
    if (bytes.length < 16)
      throw new Error(`a session-windowed key needs at least 16 bytes, got ${bytes.length}`);
    const at = bytes.length - 16;
    const end = Number(bytes.readBigInt64BE(at));
    const start = Number(bytes.readBigInt64BE(at + 8));
    return { inner: bytes.subarray(0, at), window: { start, end, type: 'session' } };
  }
  if (bytes.length < 8)
    throw new Error(`a time-windowed key needs at least 8 bytes, got ${bytes.length}`);
  const at = bytes.length - 8;
  const start = Number(bytes.readBigInt64BE(at));
  const end = sizeMs === undefined ? Number.MAX_SAFE_INTEGER : start + sizeMs;
  return { inner: bytes.subarray(0, at), window: { start, end, type: 'time' } };
}
