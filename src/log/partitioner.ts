/**
 * Kafka's default partitioner, so that a key lands on the same partition here as with a Java
 * producer: murmur2 of the key bytes (as `org.apache.kafka.common.utils.Utils.murmur2`), made
 * positive, modulo the partition count. Records without a key stick to one partition for a
 * while and then move on round-robin, as Kafka's built-in sticky partitioner does.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2: a 32-bit signed hash of the bytes. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length4 << 2;
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition Kafka's default partitioner gives a non-null key. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions;
}

/** Bytes of key and value after which a sticky choice moves on, as Kafka's `batch.size`. */
export const STICKY_BATCH_BYTES = 16_384;

/**
 * The choice for records without a key: the same partition until about `batchBytes` of data
 * went there, then the next one. Deterministic (starts at partition 0), so tests are repeatable.
 */
export class StickyPartitioner {
  private current = 0;
  private bytes = 0;

  constructor(private readonly batchBytes = STICKY_BATCH_BYTES) {}

  /** The partition for a keyless record of `recordBytes` bytes. */
  next(numPartitions: number, recordBytes: number): number {
    if (this.bytes >= this.batchBytes) {
      this.current++;
      this.bytes = 0;
    }
    if (this.current >= numPartitions) this.current = 0;
    this.bytes += recordBytes;
    return this.current;
  }
}
