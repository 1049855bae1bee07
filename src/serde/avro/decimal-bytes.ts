/**
 * DECIMAL values as the bytes Avro's `decimal` logical type and Confluent's Protobuf
 * `confluent.type.Decimal` hold: the unscaled value as a big-endian two's-complement integer in the
 * fewest bytes (Java's BigInteger.toByteArray), the scale kept in the schema.
 */
import { Decimal } from '../../common/decimal.js';

/** The unscaled bytes of a Decimal at `scale` (the value is rounded to it first). */
export function decimalToBytes(value: Decimal, scale: number): Buffer {
  const text = value.toFixed(scale).replace('.', '');
  return bigIntToBytes(BigInt(text));
}

/** The Decimal of unscaled bytes at `scale`. */
export function bytesToDecimal(bytes: Uint8Array, scale: number): Decimal {
  const unscaled = bytesToBigInt(bytes);
  return new Decimal(unscaled.toString()).div(new Decimal(10).pow(scale));
}

export function bigIntToBytes(n: bigint): Buffer {
  const out: number[] = [];
  let v = n;
  for (;;) {
    const byte = Number(v & 0xffn);
    out.unshift(byte);
    v >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Buffer.from(out);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  if ((bytes[0]! & 0x80) !== 0) n -= 1n << BigInt(bytes.length * 8);
  return n;
}
