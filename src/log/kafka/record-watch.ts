/**
 * `waitForRecords` on Kafka: this process's own writes wake waiters at once; writes by others
 * are noticed by polling the last stable offsets of the watched topics while someone waits.
 */
import type { PartitionOffsets } from './partition-offsets.js';

interface Waiter {
  readonly topics: ReadonlySet<string>;
  readonly wake: () => void;
}

export class RecordWatch {
  private readonly waiters = new Set<Waiter>();
  private readonly seen = new Map<string, readonly number[]>();
  private polling = false;
  private closed = false;

  constructor(
    private readonly offsets: PartitionOffsets,
    private readonly pollMs: number,
  ) {}

  wait(topics: readonly string[], timeoutMs: number): Promise<void> {
    if (this.closed || topics.length === 0) {
      return new Promise((resolve) => setTimeout(resolve, this.closed ? 0 : timeoutMs));
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        topics: new Set(topics),
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, timeoutMs);
      this.waiters.add(waiter);
      if (!this.polling) void this.poll();
    });
  }

  /** Records were written to `topic` (by this process). */
  notify(topic: string): void {
    for (const waiter of [...this.waiters]) if (waiter.topics.has(topic)) waiter.wake();
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0 && !this.closed) {
        const topics = new Set<string>();
        for (const waiter of this.waiters) for (const t of waiter.topics) topics.add(t);
        for (const topic of [...this.seen.keys()]) if (!topics.has(topic)) this.seen.delete(topic);
        await Promise.all([...topics].map((topic) => this.check(topic)));
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      }
    } finally {
      this.polling = false;
    }
  }

  private async check(topic: string): Promise<void> {
    let now: readonly number[];
    try {
      now = await this.offsets.latest(topic);
    } catch {
      this.notify(topic);
      return;
    }
    const before = this.seen.get(topic);
    this.seen.set(topic, now);
    if (before && now.some((offset, p) => offset > (before[p] ?? 0))) this.notify(topic);
  }
}
