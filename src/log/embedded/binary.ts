/**
 * Little-endian integer and zig-zag varint coding shared by the record batch and journal formats.
 * 64-bit fields hold JavaScript safe integers (offsets, timestamps) as a signed high word and an
 * unsigned low word, which avoids BigInt on the hot path.
 */

const TWO_32 = 0x1_0000_0000;

export function writeInt64(buf: Buffer, value: number, pos: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeUInt32LE(value - high * TWO_32, pos);
  buf.writeInt32LE(high, pos + 4);
}

export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32LE(pos + 4) * TWO_32 + buf.readUInt32LE(pos);
}

/** Writes `value` (a safe integer, possibly negative) as a zig-zag varint; returns the new position. */
export function writeVarLong(buf: Buffer, value: number, pos: number): number {
  let z = value >= 0 ? value * 2 : -value * 2 - 1;
  if (z <= 0xffffffff) {
    while (z > 0x7f) {
      buf[pos++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
  } else {
    while (z > 0x7f) {
      buf[pos++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
  }
  buf[pos++] = z;
  return pos;
}

/** The most bytes `writeVarLong` takes for a safe integer. */
export const MAX_VARLONG_BYTES = 8;

/** A position in a buffer, advanced as values are read. Throws RangeError past `end`. */
export class ByteReader {
  constructor(
    public buf: Buffer,
    public pos: number,
    public end: number,
  ) {}

  varLong(): number {
    let b = this.byte();
    let z = b & 0x7f;
    let scale = 0x80;
    while (b & 0x80) {
      b = this.byte();
      z += (b & 0x7f) * scale;
      scale *= 0x80;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** Copies `length` bytes out into a buffer of their own. */
  bytes(length: number): Buffer {
    const start = this.pos;
    const stop = start + length;
    if (stop > this.end || length < 0) throw new RangeError('record extends past its batch');
    this.pos = stop;
    const out = Buffer.allocUnsafe(length);
    const buf = this.buf;
    // A loop beats a native call for short keys; `copy` needs no view of the source.
    if (length <= 48) for (let i = 0; i < length; i++) out[i] = buf[start + i]!;
    else buf.copy(out, 0, start, stop);
    return out;
  }

  utf8(length: number): string {
    const start = this.pos;
    const stop = start + length;
    if (stop > this.end || length < 0) throw new RangeError('record extends past its batch');
    this.pos = stop;
    return this.buf.toString('utf8', start, stop);
  }

  private byte(): number {
    if (this.pos >= this.end) throw new RangeError('record extends past its batch');
    return this.buf[this.pos++]!;
  }
}
