/**
 * Confluent's wire format for schema-registry formats: a magic byte 0, the schema id as a 4-byte
 * big-endian integer, then the payload. Protobuf payloads are preceded by the message indexes that
 * locate the message type in its schema: a zig-zag varint count followed by each index, with the
 * common `[0]` (the first message) written as a single 0 byte.
 */
import { SerdeError } from '../serde.js';

export const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

/** The schema id and the payload of framed bytes; SerdeError for bytes without the frame. */
export function readFrame(bytes: Buffer): { id: number; payload: Buffer } {
  if (bytes.length < HEADER_SIZE) {
    throw new SerdeError(`Unknown magic byte!`, [
      `Record too short for the schema registry wire format: ${bytes.length} bytes`,
    ]);
  }
  if (bytes[0] !== MAGIC_BYTE) throw new SerdeError('Unknown magic byte!', ['Unknown magic byte!']);
  return { id: bytes.readInt32BE(1), payload: bytes.subarray(HEADER_SIZE) };
}

/** The 5-byte header for a schema id. */
export function frameHeader(id: number): Buffer {
  const header = Buffer.allocUnsafe(HEADER_SIZE);
  header[0] = MAGIC_BYTE;
  header.writeInt32BE(id, 1);
  return header;
}

/** Bytes framed with the schema id. */
export function writeFrame(id: number, payload: Buffer): Buffer {
  return Buffer.concat([frameHeader(id), payload]);
}

/** Encodes Protobuf message indexes as Confluent's serializer does. */
export function encodeMessageIndexes(indexes: readonly number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const out: number[] = [];
  writeZigZag(indexes.length, out);
  for (const i of indexes) writeZigZag(i, out);
  return Buffer.from(out);
}

/** Reads Protobuf message indexes; returns them and where the message bytes start. */
export function decodeMessageIndexes(payload: Buffer): { indexes: number[]; offset: number } {
  const pos = { offset: 0 };
  const count = readZigZag(payload, pos);
  if (count === 0) return { indexes: [0], offset: pos.offset };
  if (count < 0 || count > 100) {
    throw new SerdeError('Invalid message indexes', [`Invalid message index count: ${count}`]);
  }
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) indexes.push(readZigZag(payload, pos));
  return { indexes, offset: pos.offset };
}

function writeZigZag(n: number, out: number[]): void {
  let v = ((n << 1) ^ (n >> 31)) >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function readZigZag(bytes: Buffer, pos: { offset: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos.offset >= bytes.length || shift > 28) {
      throw new SerdeError('Invalid message indexes', ['Truncated varint in message indexes']);
    }
    const b = bytes[pos.offset++]!;
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  const u = result >>> 0;
  return (u >>> 1) ^ -(u & 1);
}
