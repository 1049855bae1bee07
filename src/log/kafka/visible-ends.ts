/**
 * The end of a partition as a reader sees it. Kafka's last stable offset counts transaction
 * markers and aborted records, which no reader gets; a reader that has read everything stands
 * just past the last visible record, and `endOffsets` must say so, or a query that drained its
 * input would never look caught up. The visible end is found by reading back from the last stable
 * offset (a few records, usually one marker) and is remembered until that offset moves.
 */
import { partitionKey } from './messages.js';
import type { PartitionReader } from './partition-reader.js';

const FIRST_WINDOW = 16;

interface Known {
  readonly lso: number;
  readonly end: number;
}

export class VisibleEnds {
  private readonly learned = new Map<string, Known>();

  constructor(private readonly reader: PartitionReader) {}

  /** A read found the visible records to end at `end` while the last stable offset was `lso`. */
  learn(topic: string, partition: number, lso: number, end: number): void {
    this.learned.set(partitionKey(topic, partition), { lso, end });
  }

  /** The visible end already known for this last stable offset, if it is. */
  known(topic: string, partition: number, lso: number): number | undefined {
    const known = this.learned.get(partitionKey(topic, partition));
    return known && known.lso === lso ? known.end : undefined;
  }

  /** The offset past the last visible record below `lso` (`start` when there is none). */
  async of(topic: string, partition: number, start: number, lso: number): Promise<number> {
    if (lso <= start) return lso;
    const key = partitionKey(topic, partition);
    const known = this.learned.get(key);
    if (known && known.lso === lso) return known.end;
    let window = FIRST_WINDOW;
    let end = start;
    for (;;) {
      const from = Math.max(start, lso - window);
      const last = await this.lastVisible(topic, partition, from, lso);
      if (last !== undefined) {
        end = last + 1;
        break;
      }
      if (from === start) break;
      window *= 16;
    }
    this.learned.set(key, { lso, end });
    return end;
  }

  forget(topic: string): void {
    const prefix = partitionKey(topic, 0).slice(0, -1);
    for (const key of [...this.learned.keys()])
      if (key.startsWith(prefix)) this.learned.delete(key);
  }

  private async lastVisible(
    topic: string,
    partition: number,
    from: number,
    lso: number,
  ): Promise<number | undefined> {
    let last: number | undefined;
    let offset = from;
    while (offset < lso) {
      const result = await this.reader.read(topic, partition, offset, 5000);
      const records = result.records;
      if (records.length === 0) break;
      last = records[records.length - 1]!.offset;
      if (last >= lso - 1) break;
      offset = result.nextOffset;
    }
    return last !== undefined && last < lso ? last : undefined;
  }
}
