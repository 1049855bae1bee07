/**
 * Decoding of Kafka's record batches (magic 2) from a fetched record set into LogRecords, as a
 * `read_committed` Java consumer sees them: control batches (transaction markers) and batches of
 * aborted transactions are skipped, records before the fetch offset are dropped, and the offset
 * to fetch next is known even when everything fetched was skipped. Headers keep their order.
 *
 * Batch header (big-endian): baseOffset INT64, batchLength INT32, partitionLeaderEpoch INT32,
 * magic INT8, crc UINT32, attributes INT16, lastOffsetDelta INT32, baseTimestamp INT64,
 * maxTimestamp INT64, producerId INT64, producerEpoch INT16, baseSequence INT32, count INT32.
 */
import * as zlib from 'node:zlib';
import { ExecutionError } from '../../common/errors.js';
import type { Header, LogRecord } from '../log.js';
import type { AbortedTransaction } from './fetch-response.js';
import { COMPRESSION_CODECS } from './kafkajs-internals.js';

const HEADER_SIZE = 61;
const LENGTH_AT = 8;
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const BASE_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const COUNT_AT = 57;

const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;

const NO_HEADERS: readonly Header[] = Object.freeze([]);

export interface DecodedRecords {
  readonly records: LogRecord[];
  /** Where to fetch next: past the last batch read whole, or past the last record returned. */
  readonly nextOffset: number;
  /** The set ends in a batch cut off by the fetch size (fetch again, with more bytes if need be). */
  readonly truncated: boolean;
}

export interface DecodeRequest {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: number;
  readonly maxRecords: number;
  readonly abortedTransactions: readonly AbortedTransaction[];
}

/** Decodes the visible records of a record set, at most `maxRecords` of them. */
export async function decodeRecordSet(
  set: Buffer,
  request: DecodeRequest,
): Promise<DecodedRecords> {
  const { topic, partition, fetchOffset, maxRecords } = request;
  const aborted = [...request.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<bigint>();
  const records: LogRecord[] = [];
  let nextOffset = fetchOffset;
  let pos = 0;
  while (pos + HEADER_SIZE <= set.length && records.length < maxRecords) {
    const baseOffset = Number(set.readBigInt64BE(pos));
    const end = pos + 12 + set.readInt32BE(pos + LENGTH_AT);
    if (end > set.length) return { records, nextOffset, truncated: true };
    const magic = set.readInt8(pos + MAGIC_AT);
    if (magic !== 2) {
      throw new ExecutionError(
        `${topic}/${partition} holds a message set of format v${magic} at offset ${baseOffset}; only record batches (v2) are read`,
        { topic, partition, offset: baseOffset },
      );
    }
    const attributes = set.readInt16BE(pos + ATTRIBUTES_AT);
    const lastOffset = baseOffset + set.readInt32BE(pos + LAST_OFFSET_DELTA_AT);
    const batch = { set, pos, end, baseOffset, attributes };
    pos = end;
    if (lastOffset < fetchOffset) continue;
    const producerId = set.readBigInt64BE(batch.pos + PRODUCER_ID_AT);
    const control = (attributes & CONTROL) !== 0;
    if (producerId >= 0n) {
      while (aborted.length > 0 && aborted[0]!.firstOffset <= lastOffset) {
        abortedProducers.add(aborted.shift()!.producerId);
      }
      if (control) {
        if (isAbortMarker(batch)) abortedProducers.delete(producerId);
      } else if ((attributes & TRANSACTIONAL) !== 0 && abortedProducers.has(producerId)) {
        nextOffset = lastOffset + 1;
        continue;
      }
    }
    if (control) {
      nextOffset = lastOffset + 1;
      continue;
    }
    const cut = await decodeRecords(batch, request, records);
    if (cut)
      return { records, nextOffset: records[records.length - 1]!.offset + 1, truncated: false };
    nextOffset = lastOffset + 1;
  }
  return { records, nextOffset, truncated: false };
}

interface BatchView {
  readonly set: Buffer;
  readonly pos: number;
  readonly end: number;
  readonly baseOffset: number;
  readonly attributes: number;
}

/** Appends the batch's records from the fetch offset on; true when `maxRecords` cut it short. */
async function decodeRecords(
  batch: BatchView,
  request: DecodeRequest,
  out: LogRecord[],
): Promise<boolean> {
  const { set, pos, baseOffset, attributes } = batch;
  const { topic, partition, fetchOffset, maxRecords } = request;
  const count = set.readInt32BE(pos + COUNT_AT);
  const appendTime = (attributes & LOG_APPEND_TIME) !== 0;
  const baseTimestamp = Number(set.readBigInt64BE(pos + BASE_TIMESTAMP_AT));
  const maxTimestamp = Number(set.readBigInt64BE(pos + MAX_TIMESTAMP_AT));
  const body = await recordsBody(batch, topic, partition);
  const r = new VarReader(body);
  for (let i = 0; i < count; i++) {
    const length = r.varint();
    const recordEnd = r.pos + length;
    r.pos++; // attributes
    const timestampDelta = r.varint();
    const offset = baseOffset + r.varint();
    if (offset < fetchOffset) {
      r.pos = recordEnd;
      continue;
    }
    if (out.length >= maxRecords) return true;
    const key = r.bytes();
    const value = r.bytes();
    const headerCount = r.varint();
    let headers = NO_HEADERS;
    if (headerCount > 0) {
      const list: Header[] = [];
      for (let h = 0; h < headerCount; h++) {
        const headerKey = r.utf8();
        list.push({ key: headerKey, value: r.bytes() });
      }
      headers = list;
    }
    r.pos = recordEnd;
    const timestamp = appendTime ? maxTimestamp : baseTimestamp + timestampDelta;
    out.push({ topic, partition, offset, key, value, timestamp, headers });
  }
  return false;
}

/** The records of a batch, decompressed when the batch is compressed. */
async function recordsBody(batch: BatchView, topic: string, partition: number): Promise<Buffer> {
  const raw = batch.set.subarray(batch.pos + HEADER_SIZE, batch.end);
  const codec = batch.attributes & COMPRESSION_MASK;
  if (codec === 0) return raw;
  if (codec === 1) return zlib.gunzipSync(raw);
  const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer })
    .zstdDecompressSync;
  if (codec === 4 && zstd) return zstd(raw);
  const registered = COMPRESSION_CODECS[codec];
  try {
    if (registered) return await registered().decompress(raw);
  } catch (err) {
    throw new ExecutionError(
      `cannot decompress a ${CODEC_NAMES[codec] ?? `codec ${codec}`} record batch of ${topic}/${partition} at offset ${batch.baseOffset}: ${err instanceof Error ? err.message : String(err)} (register a codec in kafkajs's CompressionCodecs)`,
      { topic, partition, offset: batch.baseOffset },
    );
  }
  throw new ExecutionError(
    `unknown compression codec ${codec} in ${topic}/${partition} at offset ${batch.baseOffset}`,
    { topic, partition, offset: batch.baseOffset },
  );
}

const CODEC_NAMES: Readonly<Record<number, string>> = { 2: 'snappy', 3: 'lz4', 4: 'zstd' };

/** A control batch's record key is (version INT16, type INT16); type 0 is ABORT, 1 COMMIT. */
function isAbortMarker(batch: BatchView): boolean {
  const r = new VarReader(batch.set.subarray(batch.pos + HEADER_SIZE, batch.end));
  r.varint(); // length
  r.pos++; // attributes
  r.varint(); // timestamp delta
  r.varint(); // offset delta
  const key = r.bytes();
  return key !== null && key.length >= 4 && key.readInt16BE(2) === 0;
}

/** Zig-zag varints and length-prefixed fields of Kafka's record format. */
class VarReader {
  pos = 0;

  constructor(private readonly buf: Buffer) {}

  varint(): number {
    const buf = this.buf;
    let b = buf[this.pos++]!;
    let z = b & 0x7f;
    let scale = 0x80;
    while (b & 0x80) {
      if (this.pos >= buf.length) throw new RangeError('a record runs past its batch');
      b = buf[this.pos++]!;
      z += (b & 0x7f) * scale;
      scale *= 0x80;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** Length-prefixed bytes (-1: null), copied out of the batch. */
  bytes(): Buffer | null {
    const length = this.varint();
    if (length < 0) return null;
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.buf.length) throw new RangeError('a record runs past its batch');
    return Buffer.from(this.buf.subarray(start, this.pos));
  }

  utf8(): string {
    const length = this.varint();
    const start = this.pos;
    this.pos += Math.max(length, 0);
    if (this.pos > this.buf.length) throw new RangeError('a record runs past its batch');
    return this.buf.toString('utf8', start, this.pos);
  }
}
