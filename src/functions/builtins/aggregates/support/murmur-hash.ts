/**
 * The 32-bit MurmurHash 2 of stream-lib (`com.clearspring.analytics.hash.MurmurHash`), which
 * ksqlDB's COUNT_DISTINCT feeds to its HyperLogLog: the same inputs give the same hashes, so the
 * same estimates.
 */

const M = 0x5bd1e995;

const signedByte = (byte: number): number => (byte << 24) >> 24;

/** `MurmurHash.hash(byte[])`: seed -1. */
export function murmurHashBytes(data: Uint8Array, seed = -1): number {
  const length = data.length;
  let h = seed ^ length;
  const words = length >> 2;
  for (let i = 0; i < words; i++) {
    const at = i << 2;
    let k = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const left = length - (words << 2);
  if (left !== 0) {
    if (left >= 3) h ^= signedByte(data[length - 3]!) << 16;
    if (left >= 2) h ^= signedByte(data[length - 2]!) << 8;
    h ^= signedByte(data[length - 1]!);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** `MurmurHash.hashLong(long)`, with the long given as its low and high 32-bit halves. */
export function murmurHashLong(low: number, high: number): number {
  let k = Math.imul(low | 0, M);
  k ^= k >>> 24;
  let h = Math.imul(k, M);
  k = Math.imul(high | 0, M);
  k ^= k >>> 24;
  h = Math.imul(h, M);
  h ^= Math.imul(k, M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

export function murmurHashBigInt(value: bigint): number {
  return murmurHashLong(Number(BigInt.asIntN(32, value)), Number(BigInt.asIntN(32, value >> 32n)));
}

const doubleBits = new DataView(new ArrayBuffer(8));

/** `hashLong(Double.doubleToRawLongBits(value))`. */
export function murmurHashDouble(value: number): number {
  doubleBits.setFloat64(0, value);
  return murmurHashLong(doubleBits.getInt32(4), doubleBits.getInt32(0));
}

export function murmurHashString(value: string): number {
  return murmurHashBytes(Buffer.from(value, 'utf8'));
}
