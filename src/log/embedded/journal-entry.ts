/**
 * A journal entry: everything one commit makes visible, framed with one CRC so that recovery
 * sees either all of it or none. Its record batches are already stamped with their offsets, so
 * replaying an entry writes exactly the bytes the first apply wrote.
 *
 * Layout (little-endian):
 *   u32 payloadLength, u32 crc32(payload), then the payload:
 *   u8 version = 1, u8 0, u16 0, u32 partCount, u32 offsetCount,
 *   per part: u16 topicLength, topic (UTF-8), u32 partition, u32 batchBytes
 *   per offset: u16 groupLength, group, u16 topicLength, topic, u32 partition, i64 nextOffset
 *   the parts' batches, back to back
 */
import { crc32 } from 'node:zlib';
import { readInt64, writeInt64 } from './binary.js';

export const ENTRY_HEADER_SIZE = 8;
const VERSION = 1;

export interface JournalPart {
  readonly topic: string;
  readonly partition: number;
  /** One stamped record batch. */
  readonly batch: Buffer;
}

export interface JournalOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly nextOffset: number;
}

export interface JournalEntry {
  readonly parts: readonly JournalPart[];
  readonly offsets: readonly JournalOffset[];
}

/** The entry as buffers to write one after the other (the batches are not copied). */
export function encodeEntry(entry: JournalEntry): Buffer[] {
  let headBytes = ENTRY_HEADER_SIZE + 12;
  for (const p of entry.parts) headBytes += 10 + Buffer.byteLength(p.topic);
  for (const o of entry.offsets) {
    headBytes += 16 + Buffer.byteLength(o.group) + Buffer.byteLength(o.topic);
  }
  const head = Buffer.allocUnsafe(headBytes);
  let pos = ENTRY_HEADER_SIZE;
  head[pos++] = VERSION;
  head[pos++] = 0;
  pos = head.writeUInt16LE(0, pos);
  pos = head.writeUInt32LE(entry.parts.length, pos);
  pos = head.writeUInt32LE(entry.offsets.length, pos);
  let payload = headBytes - ENTRY_HEADER_SIZE;
  for (const p of entry.parts) {
    pos = writeString(head, p.topic, pos);
    pos = head.writeUInt32LE(p.partition, pos);
    pos = head.writeUInt32LE(p.batch.length, pos);
    payload += p.batch.length;
  }
  for (const o of entry.offsets) {
    pos = writeString(head, o.group, pos);
    pos = writeString(head, o.topic, pos);
    pos = head.writeUInt32LE(o.partition, pos);
    writeInt64(head, o.nextOffset, pos);
    pos += 8;
  }
  let crc = crc32(head.subarray(ENTRY_HEADER_SIZE));
  for (const p of entry.parts) crc = crc32(p.batch, crc);
  head.writeUInt32LE(payload, 0);
  head.writeUInt32LE(crc, 4);
  return [head, ...entry.parts.map((p) => p.batch)];
}

function writeString(buf: Buffer, s: string, pos: number): number {
  const n = buf.write(s, pos + 2, 'utf8');
  buf.writeUInt16LE(n, pos);
  return pos + 2 + n;
}

/** What the journal file holds: the entries of its valid prefix, and how long that prefix is. */
export interface DecodedJournal {
  readonly entries: JournalEntry[];
  readonly validBytes: number;
  /** Why decoding stopped before the end of the file, if it did. */
  readonly stoppedAt?: string;
}

/** Decodes entries from the start of `buf` until the end or the first torn or corrupt one. */
export function decodeEntries(buf: Buffer): DecodedJournal {
  const entries: JournalEntry[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (buf.length - pos < ENTRY_HEADER_SIZE) {
      return { entries, validBytes: pos, stoppedAt: `a partial entry header at byte ${pos}` };
    }
    const length = buf.readUInt32LE(pos);
    const end = pos + ENTRY_HEADER_SIZE + length;
    if (end > buf.length) {
      return { entries, validBytes: pos, stoppedAt: `a partial entry at byte ${pos}` };
    }
    const payload = buf.subarray(pos + ENTRY_HEADER_SIZE, end);
    const entry = crc32(payload) === buf.readUInt32LE(pos + 4) ? decodePayload(payload) : null;
    if (!entry) return { entries, validBytes: pos, stoppedAt: `a corrupt entry at byte ${pos}` };
    entries.push(entry);
    pos = end;
  }
  return { entries, validBytes: pos };
}

function decodePayload(payload: Buffer): JournalEntry | null {
  if (payload.length < 12 || payload[0] !== VERSION) return null;
  const partCount = payload.readUInt32LE(4);
  const offsetCount = payload.readUInt32LE(8);
  let pos = 12;
  const readString = (): string => {
    const n = payload.readUInt16LE(pos);
    const s = payload.toString('utf8', pos + 2, pos + 2 + n);
    pos += 2 + n;
    return s;
  };
  try {
    const heads: { topic: string; partition: number; bytes: number }[] = [];
    for (let i = 0; i < partCount; i++) {
      const topic = readString();
      const partition = payload.readUInt32LE(pos);
      const bytes = payload.readUInt32LE(pos + 4);
      pos += 8;
      heads.push({ topic, partition, bytes });
    }
    const offsets: JournalOffset[] = [];
    for (let i = 0; i < offsetCount; i++) {
      const group = readString();
      const topic = readString();
      const partition = payload.readUInt32LE(pos);
      const nextOffset = readInt64(payload, pos + 4);
      pos += 12;
      offsets.push({ group, topic, partition, nextOffset });
    }
    const parts: JournalPart[] = [];
    for (const h of heads) {
      if (pos + h.bytes > payload.length) return null;
      parts.push({
        topic: h.topic,
        partition: h.partition,
        batch: payload.subarray(pos, pos + h.bytes),
      });
      pos += h.bytes;
    }
    return pos === payload.length ? { parts, offsets } : null;
  } catch {
    return null;
  }
}
