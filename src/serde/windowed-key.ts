/**
 * Kafka Streams' windowed key formats, which ksqlDB writes for windowed tables: a time window
 * appends its 8-byte big-endian start to the key bytes (TimeWindowedSerializer); a session
 * appends its end and then its start (SessionWindowedSerializer).
 */

export interface KeyWindow {
  readonly start: number;
  readonly end: number;
}

export function appendWindow(key: Buffer | null, window: KeyWindow, session: boolean): Buffer {
  const base = key ?? Buffer.alloc(0);
  const out = Buffer.allocUnsafe(base.length + (session ? 16 : 8));
  base.copy(out, 0);
  if (session) {
    out.writeBigInt64BE(BigInt(window.end), base.length);
    out.writeBigInt64BE(BigInt(window.start), base.length + 8);
  } else {
    out.writeBigInt64BE(BigInt(window.start), base.length);
  }
  return out;
}

/** Splits windowed key bytes; `sizeMs` gives a time window its end (it is not serialized). */
export function splitWindow(
  bytes: Buffer,
  session: boolean,
  sizeMs: number | undefined,
): { key: Buffer; window: KeyWindow } {
  const suffix = session ? 16 : 8;
  if (bytes.length < suffix) {
    throw new Error(`Windowed key too short: ${bytes.length} bytes, need at least ${suffix}`);
  }
  const key = bytes.subarray(0, bytes.length - suffix);
  if (session) {
    const end = Number(bytes.readBigInt64BE(bytes.length - 16));
    const start = Number(bytes.readBigInt64BE(bytes.length - 8));
    return { key, window: { start, end } };
  }
  const start = Number(bytes.readBigInt64BE(bytes.length - 8));
  return { key, window: { start, end: sizeMs === undefined ? start : start + sizeMs } };
}
