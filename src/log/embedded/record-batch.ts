/**
 * The record batch: the unit written to segment files and the journal, and checked by one CRC.
 *
 * Layout (little-endian), offsets in bytes:
 *   0  u32 length       bytes after this field; the batch is `4 + length` bytes
 *   4  u32 crc32        of bytes [8, 4 + length)
 *   8  u8  magic = 1,  9 u8 attributes = 0,  10 u16 reserved = 0
 *  12  i64 baseOffset   the offset of the first record; records have consecutive offsets
 *  20  i64 firstTimestamp
 *  28  i64 maxTimestamp
 *  36  i32 recordCount
 *  40  records, each: varlong timestampDelta (from firstTimestamp), varlong keyLength (-1: null),
 *      key, varlong valueLength (-1: null), value, varlong headerCount, and per header
 *      varlong keyLength, UTF-8 key, varlong valueLength (-1: null), value
 * Varlongs are zig-zag LEB128 as Kafka's record format uses.
 */
import { crc32 } from 'node:zlib';
import type { Header, LogRecord, ProducerRecord } from '../log.js';
import { ByteReader, MAX_VARLONG_BYTES, readInt64, writeInt64, writeVarLong } from './binary.js';

export const BATCH_HEADER_SIZE = 40;
const MAGIC = 1;
const CRC_START = 8;
const BASE_OFFSET_AT = 12;
const COUNT_AT = 36;

const NO_HEADERS: readonly Header[] = Object.freeze([]);
const MAX_BACKWARD_DELTA = 2 ** 52;

/** Encodes records into one batch; the base offset and CRC are stamped at commit time. */
export class BatchBuilder {
  private buf: Buffer;
  private pos = BATCH_HEADER_SIZE;
  private firstTimestamp = 0;
  private maxTimestamp = 0;
  count = 0;

  constructor(initialCapacity = 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(initialCapacity, BATCH_HEADER_SIZE + 64));
  }

  /** Encoded bytes so far, header included. */
  get size(): number {
    return this.pos;
  }

  /**
   * Whether `timestamp` can join this batch: its zig-zag coded distance from the first timestamp
   * must be a safe integer, so it may be at most 2^52 ms (142,000 years) earlier.
   */
  accepts(timestamp: number): boolean {
    if (this.count === 0) return true;
    const delta = timestamp - this.firstTimestamp;
    return delta > -MAX_BACKWARD_DELTA && delta <= Number.MAX_SAFE_INTEGER;
  }

  add(record: ProducerRecord): void {
    const { key, value, timestamp, headers } = record;
    if (!Number.isSafeInteger(timestamp)) {
      throw new RangeError(`record timestamp must be an integer of milliseconds, not ${timestamp}`);
    }
    if (!this.accepts(timestamp)) {
      throw new RangeError(`timestamp ${timestamp} is too far from the batch's first timestamp`);
    }
    if (this.count === 0) {
      this.firstTimestamp = timestamp;
      this.maxTimestamp = timestamp;
    } else if (timestamp > this.maxTimestamp) {
      this.maxTimestamp = timestamp;
    }
    let bound = 4 * MAX_VARLONG_BYTES + (key ? key.length : 0) + (value ? value.length : 0);
    if (headers) {
      for (const h of headers) {
        bound += 2 * MAX_VARLONG_BYTES + h.key.length * 3 + (h.value ? h.value.length : 0);
      }
    }
    this.ensure(bound);
    const buf = this.buf;
    let pos = writeVarLong(buf, timestamp - this.firstTimestamp, this.pos);
    pos = writeBytes(buf, key, pos);
    pos = writeBytes(buf, value, pos);
    if (headers && headers.length > 0) {
      pos = writeVarLong(buf, headers.length, pos);
      for (const h of headers) {
        const keyLength = Buffer.byteLength(h.key, 'utf8');
        pos = writeVarLong(buf, keyLength, pos);
        pos += buf.write(h.key, pos, keyLength, 'utf8');
        pos = writeBytes(buf, h.value, pos);
      }
    } else {
      buf[pos++] = 0;
    }
    this.pos = pos;
    this.count++;
  }

  /** The finished batch, ready for `stampBatch`. The builder must not be used afterwards. */
  finish(): Buffer {
    const buf = this.buf;
    buf.writeUInt32LE(this.pos - 4, 0);
    buf.writeUInt32LE(0, 4);
    buf[8] = MAGIC;
    buf[9] = 0;
    buf.writeUInt16LE(0, 10);
    writeInt64(buf, 0, BASE_OFFSET_AT);
    writeInt64(buf, this.firstTimestamp, 20);
    writeInt64(buf, this.maxTimestamp, 28);
    buf.writeInt32LE(this.count, COUNT_AT);
    return buf.subarray(0, this.pos);
  }

  private ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

function writeBytes(buf: Buffer, bytes: Buffer | null, pos: number): number {
  if (bytes === null) return writeVarLong(buf, -1, pos);
  pos = writeVarLong(buf, bytes.length, pos);
  buf.set(bytes, pos);
  return pos + bytes.length;
}

/** Sets the base offset of a finished batch and seals it with its CRC. */
export function stampBatch(batch: Buffer, baseOffset: number): void {
  writeInt64(batch, baseOffset, BASE_OFFSET_AT);
  batch.writeUInt32LE(crc32(batch.subarray(CRC_START)), 4);
}

/** Total bytes of the batch starting at `pos` (its length field plus 4). */
export function batchSize(buf: Buffer, pos: number): number {
  return buf.readUInt32LE(pos) + 4;
}

export function batchBaseOffset(buf: Buffer, pos: number): number {
  return readInt64(buf, pos + BASE_OFFSET_AT);
}

export function batchRecordCount(buf: Buffer, pos: number): number {
  return buf.readInt32LE(pos + COUNT_AT);
}

/**
 * How the bytes at `pos` (with `available` bytes readable there) hold a batch: `ok`, `short` when
 * fewer bytes than the batch claims are there (a torn write), `corrupt` for a bad header or CRC.
 * Only checks the header when `checkCrc` is false.
 */
export function checkBatch(
  buf: Buffer,
  pos: number,
  available: number,
  checkCrc: boolean,
): 'ok' | 'short' | 'corrupt' {
  if (available < BATCH_HEADER_SIZE) return 'short';
  const size = batchSize(buf, pos);
  if (size < BATCH_HEADER_SIZE || buf[pos + 8] !== MAGIC || batchRecordCount(buf, pos) < 0) {
    return 'corrupt';
  }
  if (size > available) return 'short';
  if (checkCrc && crc32(buf.subarray(pos + CRC_START, pos + size)) !== buf.readUInt32LE(pos + 4)) {
    return 'corrupt';
  }
  return 'ok';
}

/**
 * Appends to `out` the records of the batch at `pos` whose offsets are at least `fromOffset`,
 * at most `max` of them. Keys, values and header values are copied out of `buf`.
 */
export function decodeBatch(
  buf: Buffer,
  pos: number,
  topic: string,
  partition: number,
  fromOffset: number,
  max: number,
  out: LogRecord[],
): void {
  const end = pos + batchSize(buf, pos);
  const baseOffset = batchBaseOffset(buf, pos);
  const firstTimestamp = readInt64(buf, pos + 20);
  const count = batchRecordCount(buf, pos);
  const stop = Math.min(count, Math.max(fromOffset - baseOffset, 0) + max);
  const reader = new ByteReader(buf, pos + BATCH_HEADER_SIZE, end);
  for (let i = 0; i < stop; i++) {
    const timestamp = firstTimestamp + reader.varLong();
    if (baseOffset + i < fromOffset) {
      skipRecordRest(reader);
      continue;
    }
    const keyLength = reader.varLong();
    const key = keyLength < 0 ? null : reader.bytes(keyLength);
    const valueLength = reader.varLong();
    const value = valueLength < 0 ? null : reader.bytes(valueLength);
    const headerCount = reader.varLong();
    let headers = NO_HEADERS;
    if (headerCount > 0) {
      const list: Header[] = [];
      for (let h = 0; h < headerCount; h++) {
        const hKey = reader.utf8(reader.varLong());
        const hLength = reader.varLong();
        list.push({ key: hKey, value: hLength < 0 ? null : reader.bytes(hLength) });
      }
      headers = list;
    }
    out.push({ topic, partition, offset: baseOffset + i, key, value, timestamp, headers });
  }
}

function skipRecordRest(reader: ByteReader): void {
  skip(reader, reader.varLong());
  skip(reader, reader.varLong());
  const headerCount = reader.varLong();
  for (let h = 0; h < headerCount; h++) {
    skip(reader, reader.varLong());
    skip(reader, reader.varLong());
  }
}

function skip(reader: ByteReader, length: number): void {
  if (length > 0) reader.pos += length;
  if (reader.pos > reader.end) throw new RangeError('record extends past its batch');
}
