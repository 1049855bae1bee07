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
  const length = key === null ? 0 : key.length;
  const out = Buffer.allocUnsafe(length + (session ? 16 : 8));
  if (key !== null) key.copy(out, 0);
  if (session) {
    writeInt64BE(out, window.end, length);
    writeInt64BE(out, window.start, length + 8);
  } else {
    writeInt64BE(out, window.start, length);
  }
  return out;
}

const TWO_32 = 0x1_0000_0000;

/** A safe integer as a big-endian int64, in two 32-bit halves (no BigInt per key). */
function writeInt64BE(buf: Buffer, value: number, pos: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_32, pos + 4);
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
