/**
 * One partition of a topic: its directory of segment files, rolled at a size, and the reads of
 * committed records from them. Everything written here was committed (the journal holds it
 * first), so the end offset is what readers may see.
 */
import * as fs from 'node:fs';
import { ExecutionError, InternalError } from '../../common/errors.js';
import type { LogRecord } from '../log.js';
import { fsyncDirSync } from './fs-util.js';
import { ChunkCache, TailCache } from './read-caches.js';
import {
  BATCH_HEADER_SIZE,
  batchBaseOffset,
  batchRecordCount,
  batchSize,
  checkBatch,
  decodeBatch,
} from './record-batch.js';
import { listSegmentBases, type ScanResult, Segment } from './segment.js';

export interface PartitionLogOptions {
  /** Size at which the active segment is closed and a new one started. */
  readonly segmentBytes: number;
  /** Bytes of recently appended batches kept in memory for readers. */
  readonly tailCacheBytes: number;
  /** Whether to fsync a segment when it is rolled and directories when files come and go. */
  readonly durable: boolean;
}

/** Where the batch holding an offset is, remembered where the previous read stopped. */
interface Hint {
  readonly segment: Segment;
  readonly position: number;
  readonly verified: boolean;
}

const MAX_HINTS = 16;

export class PartitionLog {
  private readonly tail: TailCache;
  private readonly chunks = new ChunkCache();
  private readonly hints = new Map<number, Hint>();
  private openOlder: Segment | null = null;

  private constructor(
    readonly dir: string,
    private readonly segments: Segment[],
    private readonly options: PartitionLogOptions,
  ) {
    this.tail = new TailCache(options.tailCacheBytes);
  }

  /** Opens (or creates) the partition in `dir`, cutting off a torn tail of its last segment. */
  static open(dir: string, options: PartitionLogOptions): { log: PartitionLog; scan: ScanResult } {
    fs.mkdirSync(dir, { recursive: true });
    const segments = listSegmentBases(dir).map((base) => Segment.open(dir, base));
    if (segments.length === 0) {
      segments.push(Segment.create(dir, 0));
      if (options.durable) fsyncDirSync(dir);
    }
    const scan = segments.at(-1)!.scan(true);
    return { log: new PartitionLog(dir, segments, options), scan };
  }

  get startOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  /** The offset the next record gets; every record below it is committed. */
  get endOffset(): number {
    return this.active.endOffset;
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  /** Appends stamped batches whose offsets continue from `endOffset`, rolling as needed. */
  appendBatches(batches: readonly Buffer[]): void {
    let expected = this.endOffset;
    let group: Buffer[] = [];
    let groupBytes = 0;
    for (const batch of batches) {
      const base = batchBaseOffset(batch, 0);
      if (base !== expected) {
        throw new InternalError(`batch at offset ${base} appended to ${this.dir} at ${expected}`);
      }
      expected += batchRecordCount(batch, 0);
      const used = this.active.size + groupBytes;
      if (used > 0 && used + batch.length > this.options.segmentBytes) {
        if (group.length > 0) this.active.append(group);
        group = [];
        groupBytes = 0;
        this.roll();
      }
      group.push(batch);
      groupBytes += batch.length;
    }
    if (group.length > 0) this.active.append(group);
    for (const batch of batches) this.tail.add(batch);
  }

  /** Up to `max` records from `from` on, as far as the end offset. */
  read(topic: string, partition: number, from: number, max: number): LogRecord[] {
    const out: LogRecord[] = [];
    const end = this.endOffset;
    if (from < this.startOffset || !Number.isSafeInteger(from)) {
      throw new ExecutionError(
        `offset ${from} is out of range: ${topic}/${partition} holds offsets ${this.startOffset} to ${end}`,
        { topic, partition, offset: from },
      );
    }
    let offset = from;
    while (out.length < max && offset < end) {
      if (offset >= this.tail.firstOffset) {
        this.readTail(topic, partition, offset, max, out);
        break;
      }
      offset = this.readFromDisk(topic, partition, offset, max, out);
    }
    return out;
  }

  /** Removes every record at or after `offset`, which must start a batch. */
  truncateTo(offset: number): void {
    if (offset >= this.endOffset) return;
    if (offset < this.startOffset) {
      throw new InternalError(`cannot truncate ${this.dir} to ${offset}, before its start`);
    }
    let removed = false;
    while (this.segments.length > 1 && this.active.baseOffset >= offset) {
      const gone = this.segments.pop()!;
      if (gone === this.openOlder) this.openOlder = null;
      gone.remove();
      removed = true;
    }
    const segment = this.active;
    segment.ensureIndexed();
    const position =
      offset === segment.endOffset ? segment.size : this.findBatch(segment, offset, true);
    segment.truncate(position, offset);
    this.tail.truncate(offset);
    this.chunks.drop();
    this.hints.clear();
    if (removed && this.options.durable) fsyncDirSync(this.dir);
  }

  /** fsyncs the segments written since the last flush. */
  async flush(): Promise<void> {
    for (const segment of this.segments) {
      if (segment.dirty) await segment.flush();
    }
  }

  close(): void {
    for (const segment of this.segments) segment.close();
    this.tail.clear();
    this.chunks.drop();
    this.hints.clear();
  }

  private roll(): void {
    const previous = this.active;
    if (this.options.durable) previous.flushSync();
    this.segments.push(Segment.create(this.dir, previous.endOffset));
    if (this.options.durable) fsyncDirSync(this.dir);
    this.chunks.drop(previous);
    if (previous !== this.openOlder) previous.close();
  }

  private readTail(
    topic: string,
    partition: number,
    from: number,
    max: number,
    out: LogRecord[],
  ): void {
    let offset = from;
    for (let i = this.tail.indexOf(offset); out.length < max; i++) {
      const batch = this.tail.at(i);
      if (!batch) break;
      decodeBatch(batch.buf, 0, topic, partition, offset, max - out.length, out);
      offset = batch.baseOffset + batch.count;
    }
  }

  /** Decodes from the one batch holding `offset`; returns the offset to go on from. */
  private readFromDisk(
    topic: string,
    partition: number,
    offset: number,
    max: number,
    out: LogRecord[],
  ): number {
    const segment = this.segmentFor(offset);
    this.use(segment);
    const hint = this.hints.get(offset);
    this.hints.delete(offset);
    let position: number;
    let verified = false;
    if (hint && hint.segment === segment) {
      position = hint.position;
      verified = hint.verified;
    } else {
      segment.ensureIndexed();
      position = this.findBatch(segment, offset, false);
    }
    let view = this.chunks.view(segment, position, BATCH_HEADER_SIZE);
    const size = batchSize(view.buf, view.at);
    if (view.at + size > view.buf.length) view = this.chunks.view(segment, position, size);
    if (!verified && checkBatch(view.buf, view.at, size, true) !== 'ok') {
      throw new ExecutionError(`corrupt record batch in ${segment.file} at byte ${position}`, {
        topic,
        partition,
        offset,
      });
    }
    const batchEnd = batchBaseOffset(view.buf, view.at) + batchRecordCount(view.buf, view.at);
    const before = out.length;
    decodeBatch(view.buf, view.at, topic, partition, offset, max - before, out);
    const next = offset + (out.length - before);
    if (next < batchEnd) this.hint(next, { segment, position, verified: true });
    else if (position + size < segment.size) {
      this.hint(next, { segment, position: position + size, verified: false });
    }
    return next;
  }

  /** The position of the batch holding `offset` (starting at it, when `exact`). */
  private findBatch(segment: Segment, offset: number, exact: boolean): number {
    let position = segment.floorPosition(offset);
    while (position < segment.size) {
      const view = this.chunks.view(segment, position, BATCH_HEADER_SIZE);
      const base = batchBaseOffset(view.buf, view.at);
      if (base + batchRecordCount(view.buf, view.at) > offset) {
        if (exact && base !== offset) break;
        return position;
      }
      position += batchSize(view.buf, view.at);
    }
    if (exact) throw new InternalError(`no batch starts at offset ${offset} in ${segment.file}`);
    throw new ExecutionError(`offset ${offset} is missing from ${segment.file}, which is damaged`, {
      offset,
    });
  }

  private segmentFor(offset: number): Segment {
    const segments = this.segments;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segments[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo]!;
  }

  /** Keeps at most one segment besides the active one open. */
  private use(segment: Segment): void {
    if (segment === this.active || segment === this.openOlder) return;
    if (this.openOlder && this.openOlder !== this.active) this.openOlder.close();
    this.openOlder = segment;
  }

  private hint(offset: number, hint: Hint): void {
    this.hints.set(offset, hint);
    if (this.hints.size > MAX_HINTS) this.hints.delete(this.hints.keys().next().value!);
  }
}
