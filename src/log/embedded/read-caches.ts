/**
 * What keeps sequential reads of a partition off the disk: the tail cache holds the batches most
 * recently appended (readers that follow the writer never touch the file), and the chunk cache
 * holds a few large chunks read from segment files (one read syscall per ~1 MiB, not per batch).
 */
import type { Segment } from './segment.js';
import { batchBaseOffset, batchRecordCount } from './record-batch.js';

export interface TailBatch {
  readonly baseOffset: number;
  readonly count: number;
  readonly buf: Buffer;
}

/** The most recent appended batches, up to a byte budget (the newest batch is always kept). */
export class TailCache {
  private batches: (TailBatch | undefined)[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The first offset held, or Infinity when empty. */
  get firstOffset(): number {
    return this.head < this.batches.length ? this.batches[this.head]!.baseOffset : Infinity;
  }

  add(buf: Buffer): void {
    if (this.maxBytes <= 0) return;
    this.batches.push({
      baseOffset: batchBaseOffset(buf, 0),
      count: batchRecordCount(buf, 0),
      buf,
    });
    this.bytes += buf.length;
    while (this.bytes > this.maxBytes && this.batches.length - this.head > 1) {
      this.bytes -= this.batches[this.head]!.buf.length;
      this.batches[this.head++] = undefined;
    }
    if (this.head > 1024 && this.head * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
  }

  /** The index (for `at`) of the batch holding `offset`, which must be ≥ `firstOffset`. */
  indexOf(offset: number): number {
    let lo = this.head;
    let hi = this.batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.batches[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  at(index: number): TailBatch | undefined {
    return this.batches[index];
  }

  /** Drops the batches at or after `offset`. */
  truncate(offset: number): void {
    while (this.batches.length > this.head && this.batches.at(-1)!.baseOffset >= offset) {
      this.bytes -= this.batches.pop()!.buf.length;
    }
  }

  clear(): void {
    this.batches = [];
    this.head = 0;
    this.bytes = 0;
  }
}

interface Chunk {
  readonly segment: Segment;
  readonly position: number;
  readonly buf: Buffer;
}

/** Bytes of a segment at a position: a buffer and where in it they start. */
export interface View {
  readonly buf: Buffer;
  readonly at: number;
}

const CHUNK_BYTES = 1 << 20;
const MAX_CHUNKS = 4;

/** A few chunks of segment files, most recently used last. */
export class ChunkCache {
  private chunks: Chunk[] = [];

  /** `length` bytes of `segment` at `position`; throws when the file ends before. */
  view(segment: Segment, position: number, length: number): View {
    const chunks = this.chunks;
    for (let i = chunks.length - 1; i >= 0; i--) {
      const c = chunks[i]!;
      if (
        c.segment === segment &&
        position >= c.position &&
        position + length <= c.position + c.buf.length
      ) {
        if (i !== chunks.length - 1) {
          chunks.splice(i, 1);
          chunks.push(c);
        }
        return { buf: c.buf, at: position - c.position };
      }
    }
    const want = Math.min(Math.max(length, CHUNK_BYTES), segment.size - position);
    const buf = want > 0 ? segment.read(position, want) : Buffer.alloc(0);
    if (buf.length < length) {
      throw new RangeError(`${segment.file} ends before byte ${position + length}`);
    }
    chunks.push({ segment, position, buf });
    if (chunks.length > MAX_CHUNKS) chunks.shift();
    return { buf, at: 0 };
  }

  /** Forgets chunks of `segment` (all chunks when undefined). */
  drop(segment?: Segment): void {
    this.chunks = segment ? this.chunks.filter((c) => c.segment !== segment) : [];
  }
}
