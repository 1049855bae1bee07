/**
 * One segment file of a partition: `<20-digit base offset>.log`, record batches back to back,
 * with a sparse in-memory index (offset → file position, one entry per ~4 KiB) rebuilt by
 * scanning the file. The scan that recovers the active segment checks every CRC and cuts off a
 * torn or corrupt tail; older segments are indexed lazily, on first read, from batch headers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fdatasync, writeAllSync } from './fs-util.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchRecordCount,
  batchSize,
  checkBatch,
} from './record-batch.js';

const INDEX_INTERVAL_BYTES = 4096;
const SCAN_CHUNK_BYTES = 8 << 20;
const FILE_PATTERN = /^(\d{20})\.log$/;

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

/** The base offsets of the segment files in `dir`, ascending. */
export function listSegmentBases(dir: string): number[] {
  const bases: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = FILE_PATTERN.exec(name);
    if (m) bases.push(Number(m[1]));
  }
  return bases.sort((a, b) => a - b);
}

/** What a recovery scan found: `truncatedBytes` were cut off the end. */
export interface ScanResult {
  readonly truncatedBytes: number;
  readonly reason?: string;
}

export class Segment {
  readonly file: string;
  private fdOrNull: number | null = null;
  size: number;
  /** The offset after the last record; known once indexed. */
  endOffset: number;
  indexed = false;
  dirty = false;
  private readonly indexOffsets: number[] = [];
  private readonly indexPositions: number[] = [];
  private lastIndexedPosition = -INDEX_INTERVAL_BYTES;

  private constructor(
    dir: string,
    readonly baseOffset: number,
    size: number,
  ) {
    this.file = path.join(dir, segmentFileName(baseOffset));
    this.size = size;
    this.endOffset = baseOffset;
  }

  /** An existing segment file, opened when first read or written. */
  static open(dir: string, baseOffset: number): Segment {
    const segment = new Segment(dir, baseOffset, 0);
    segment.size = fs.statSync(segment.file).size;
    return segment;
  }

  /** Creates an empty segment file. */
  static create(dir: string, baseOffset: number): Segment {
    const segment = new Segment(dir, baseOffset, 0);
    segment.fdOrNull = fs.openSync(segment.file, 'wx+');
    segment.indexed = true;
    return segment;
  }

  get fd(): number {
    if (this.fdOrNull === null) this.fdOrNull = fs.openSync(this.file, 'r+');
    return this.fdOrNull;
  }

  /**
   * Indexes the file from its start. With `recover`, checks CRCs and offset continuity and
   * truncates the file at the first batch that fails; without, trusts the batches and stops
   * indexing at a bad header (reading there then fails).
   */
  scan(recover: boolean): ScanResult {
    this.resetIndex();
    const fileSize = this.size;
    let buf: Buffer = Buffer.alloc(0);
    let bufPos = 0;
    let pos = 0;
    let expected = this.baseOffset;
    let reason: string | undefined;
    while (pos < fileSize) {
      const rel = pos - bufPos;
      const avail = buf.length - rel;
      const onDisk = fileSize - pos;
      if (avail < BATCH_HEADER_SIZE && avail < onDisk) {
        ({ buf, bufPos } = this.readChunk(pos, Math.min(onDisk, SCAN_CHUNK_BYTES)));
        continue;
      }
      const status = checkBatch(buf, rel, avail, recover);
      if (status === 'short') {
        const size = avail >= 4 ? batchSize(buf, rel) : BATCH_HEADER_SIZE;
        if (avail < onDisk && size <= onDisk) {
          ({ buf, bufPos } = this.readChunk(
            pos,
            Math.min(onDisk, Math.max(size, SCAN_CHUNK_BYTES)),
          ));
          continue;
        }
        reason = `a partial batch at byte ${pos}`;
        break;
      }
      if (status === 'corrupt') {
        reason = `a corrupt batch (bad header or CRC) at byte ${pos}`;
        break;
      }
      const base = batchBaseOffset(buf, rel);
      if (recover && base !== expected) {
        reason = `a batch at byte ${pos} with offset ${base} where ${expected} was expected`;
        break;
      }
      this.noteBatch(base, pos);
      expected = base + batchRecordCount(buf, rel);
      pos += batchSize(buf, rel);
    }
    this.endOffset = expected;
    this.indexed = true;
    if (pos < fileSize && recover) {
      fs.ftruncateSync(this.fd, pos);
      this.size = pos;
      this.dirty = true;
      return { truncatedBytes: fileSize - pos, reason };
    }
    return { truncatedBytes: 0 };
  }

  ensureIndexed(): void {
    if (!this.indexed) this.scan(false);
  }

  /** The file position of the indexed batch with the greatest base offset ≤ `offset`. */
  floorPosition(offset: number): number {
    const offsets = this.indexOffsets;
    let lo = 0;
    let hi = offsets.length - 1;
    if (hi < 0 || offsets[0]! > offset) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.indexPositions[lo]!;
  }

  /** Appends whole batches, consecutive in offsets from `endOffset`. */
  append(batches: readonly Buffer[]): void {
    writeAllSync(this.fd, batches, this.size);
    let pos = this.size;
    for (const batch of batches) {
      this.noteBatch(batchBaseOffset(batch, 0), pos);
      pos += batch.length;
    }
    const last = batches[batches.length - 1];
    if (last) this.endOffset = batchBaseOffset(last, 0) + batchRecordCount(last, 0);
    this.size = pos;
    this.dirty = true;
  }

  /** Reads up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = fs.readSync(this.fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got < length ? buf.subarray(0, got) : buf;
  }

  /** Cuts the file at `position`, the start of the batch at `offset` (or the end). */
  truncate(position: number, offset: number): void {
    fs.ftruncateSync(this.fd, position);
    this.size = position;
    this.endOffset = offset;
    while (this.indexPositions.length > 0 && this.indexPositions.at(-1)! >= position) {
      this.indexPositions.pop();
      this.indexOffsets.pop();
    }
    this.lastIndexedPosition = this.indexPositions.at(-1) ?? -INDEX_INTERVAL_BYTES;
    this.dirty = true;
  }

  async flush(): Promise<void> {
    if (!this.dirty || this.fdOrNull === null) return;
    this.dirty = false;
    await fdatasync(this.fdOrNull);
  }

  flushSync(): void {
    if (!this.dirty || this.fdOrNull === null) return;
    this.dirty = false;
    fs.fdatasyncSync(this.fdOrNull);
  }

  close(): void {
    if (this.fdOrNull !== null) fs.closeSync(this.fdOrNull);
    this.fdOrNull = null;
  }

  /** Closes and deletes the file. */
  remove(): void {
    this.close();
    fs.rmSync(this.file, { force: true });
  }

  private noteBatch(baseOffset: number, position: number): void {
    if (position - this.lastIndexedPosition >= INDEX_INTERVAL_BYTES) {
      this.indexOffsets.push(baseOffset);
      this.indexPositions.push(position);
      this.lastIndexedPosition = position;
    }
  }

  private resetIndex(): void {
    this.indexOffsets.length = 0;
    this.indexPositions.length = 0;
    this.lastIndexedPosition = -INDEX_INTERVAL_BYTES;
  }

  private readChunk(pos: number, length: number): { buf: Buffer; bufPos: number } {
    return { buf: this.read(pos, length), bufPos: pos };
  }
}
