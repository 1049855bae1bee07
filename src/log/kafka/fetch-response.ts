/**
 * Decoding of Kafka's Fetch response, versions 4 to 11 (the ones kafkajs sends; all carry the
 * last stable offset and the aborted transactions that `read_committed` needs). Record sets are
 * kept as raw bytes, for `record-batches.ts` to decode.
 *
 *   throttle_time_ms INT32, [v7+] error_code INT16, session_id INT32,
 *   [topic STRING, [partition INT32, error_code INT16, high_watermark INT64,
 *     last_stable_offset INT64, [v5+] log_start_offset INT64,
 *     [producer_id INT64, first_offset INT64] (nullable), [v11+] preferred_read_replica INT32,
 *     records BYTES (nullable)]]
 */

export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: number;
}

export interface FetchedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  /** -1 before version 5. */
  readonly logStartOffset: number;
  readonly abortedTransactions: readonly AbortedTransaction[];
  readonly records: Buffer | null;
}

export interface FetchResponse {
  readonly errorCode: number;
  readonly partitions: readonly FetchedPartition[];
}

export const MIN_FETCH_VERSION = 4;
export const MAX_FETCH_VERSION = 11;

/** Decodes a Fetch response body (after the correlation id) of the given version. */
export function decodeFetchResponse(payload: Buffer, version: number): FetchResponse {
  if (version < MIN_FETCH_VERSION || version > MAX_FETCH_VERSION) {
    throw new RangeError(`Fetch response version ${version} is not supported`);
  }
  const r = new Reader(payload);
  r.int32(); // throttle_time_ms
  let errorCode = 0;
  if (version >= 7) {
    errorCode = r.int16();
    r.int32(); // session_id
  }
  const partitions: FetchedPartition[] = [];
  const topics = r.int32();
  for (let t = 0; t < topics; t++) {
    const topic = r.string();
    const count = r.int32();
    for (let p = 0; p < count; p++) {
      const partition = r.int32();
      const partitionError = r.int16();
      const highWatermark = r.int64();
      const lastStableOffset = r.int64();
      const logStartOffset = version >= 5 ? r.int64() : -1;
      const abortedCount = r.int32();
      const abortedTransactions: AbortedTransaction[] = [];
      for (let a = 0; a < abortedCount; a++) {
        const producerId = r.bigInt64();
        abortedTransactions.push({ producerId, firstOffset: r.int64() });
      }
      if (version >= 11) r.int32(); // preferred_read_replica
      const records = r.bytes();
      partitions.push({
        topic,
        partition,
        errorCode: partitionError,
        highWatermark,
        lastStableOffset,
        logStartOffset,
        abortedTransactions,
        records,
      });
    }
  }
  return { errorCode, partitions };
}

class Reader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  int16(): number {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  bigInt64(): bigint {
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  int64(): number {
    return Number(this.bigInt64());
  }

  string(): string {
    const length = this.int16();
    if (length < 0) return '';
    const s = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return s;
  }

  bytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    const end = Math.min(this.pos + length, this.buf.length);
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }
}
