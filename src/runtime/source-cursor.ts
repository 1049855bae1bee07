/**
 * Where a query is in each partition of its source topic, and the next batch to process.
 * Shared by persistent queries (which commit positions) and push queries (which do not).
 */
import type { Log, LogRecord } from '../log/log.js';

export class SourceCursor {
  positions: number[] = [];
  /** The partitions this process reads, when it shares the topic with others (consumer groups). */
  owned: ReadonlySet<number> | undefined;

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
  }

  /** The next batch of one partition, or [] when it has nothing new. */
  async read(partition: number): Promise<readonly LogRecord[]> {
    if (this.owned && !this.owned.has(partition)) return [];
    return this.log.read(this.topic, partition, this.positions[partition]!, this.batchSize);
  }

  advance(partition: number, records: readonly LogRecord[]): number {
    const next = records[records.length - 1]!.offset + 1;
    this.positions[partition] = next;
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
