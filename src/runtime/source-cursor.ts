/**
 * Where a query is in each partition of its source topic, and the next batch to process.
 * Shared by persistent queries (which commit positions) and push queries (which do not).
 */
import type { Log, LogRecord } from '../log/log.js';

export class SourceCursor {
  positions: number[] = [];
  /** The partitions this process reads, when it shares the topic with others (consumer groups). */
  owned: ReadonlySet<number> | undefined;
  /**
   * Per partition, records read but not yet processed. A join takes its sources' records in
   * timestamp order, often a few at a time; without this each step would read and decode a
   * whole batch from the log again to use a few records of it.
   */
  private readonly unread = new Map<number, readonly LogRecord[]>();

  constructor(
    private readonly log: Log,
    readonly topic: string,
    private readonly batchSize = 2000,
  ) {}

  async startAt(
    offsetReset: 'earliest' | 'latest',
    committed?: ReadonlyMap<number, number>,
  ): Promise<void> {
    const start =
      offsetReset === 'earliest'
        ? await this.log.startOffsets(this.topic)
        : await this.log.endOffsets(this.topic);
    this.positions = start.map((s, p) => committed?.get(p) ?? s);
    this.unread.clear();
  }

  /** The next batch of one partition, or [] when it has nothing new. */
  async read(partition: number): Promise<readonly LogRecord[]> {
    if (this.owned && !this.owned.has(partition)) return [];
    const position = this.positions[partition]!;
    const unread = this.unread.get(partition);
    // Only while it starts where the cursor is: a moved position reads from the log again.
    if (unread && unread[0]!.offset === position) return unread;
    this.unread.delete(partition);
    const records = await this.log.read(this.topic, partition, position, this.batchSize);
    if (records.length > 0) this.unread.set(partition, records);
    return records;
  }

  advance(partition: number, records: readonly LogRecord[]): number {
    const next = records[records.length - 1]!.offset + 1;
    this.positions[partition] = next;
    const unread = this.unread.get(partition);
    if (unread) {
      let i = 0;
      while (i < unread.length && unread[i]!.offset < next) i++;
      if (i < unread.length) this.unread.set(partition, unread.slice(i));
      else this.unread.delete(partition);
    }
    return next;
  }

  get partitions(): number {
    return this.positions.length;
  }

  async caughtUp(): Promise<boolean> {
    const ends = await this.log.endOffsets(this.topic);
    return ends.every(
      (end, p) => (this.owned && !this.owned.has(p)) || (this.positions[p] ?? 0) >= end,
    );
  }
}
