/**
 * Consumer offsets on Kafka: read with OffsetFetch (kafkajs's `fetchOffsets`), and committed
 * only inside transactions (`sendOffsets`). Offsets committed by a transaction reach the group
 * when the broker writes the transaction's markers, a little after the commit returns; offsets
 * this process committed are waited for (briefly), so that it reads back what it wrote.
 */
import type { Admin } from 'kafkajs';
import { retrying } from './kafka-errors.js';
import type { TransactionContent } from './kafka-transaction.js';
import type { Visibility } from './visibility.js';

/** How long a read of offsets waits for this process's own last commit to show. */
const WAIT_LIMIT_MS = 10_000;

function pairKey(group: string, topic: string): string {
  return `${group}\0${topic}`;
}

export class CommittedOffsets {
  /** `group\0topic` → partition → offset this process committed last. */
  private readonly expected = new Map<string, Map<number, number>>();
  /** `group\0topic` pairs whose tasks' transactional ids this process has claimed. */
  private readonly settledPairs = new Set<string>();

  constructor(
    private readonly admin: Admin,
    private readonly visibility: Visibility,
  ) {}

  /** The group's committed offsets on the topic as the broker has them now. */
  async fetch(group: string, topic: string): Promise<Map<number, number>> {
    const response = await retrying(
      `cannot read the committed offsets of group ${group} on ${topic}`,
      { topic },
      () => this.admin.fetchOffsets({ groupId: group, topics: [topic] }),
    );
    const out = new Map<number, number>();
    for (const t of response) {
      if (t.topic !== topic) continue;
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        if (offset >= 0) out.set(p.partition, offset);
      }
    }
    return out;
  }

  /** The committed offsets, including those this process's last commits wrote. */
  async get(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    const key = pairKey(group, topic);
    const expected = this.expected.get(key);
    if (!expected) return this.fetch(group, topic);
    const deadline = Date.now() + WAIT_LIMIT_MS;
    const seen = await this.visibility.until(
      () => this.fetch(group, topic),
      (offsets) =>
        // At least: the partition may have moved to another process since, which went on.
        Date.now() > deadline ||
        [...expected].every(([p, offset]) => (offsets.get(p) ?? -1) >= offset),
    );
    this.expected.delete(key);
    return seen;
  }

  /** A transaction committed these offsets. */
  expect(offsets: TransactionContent['offsets']): void {
    for (const [group, topics] of offsets) {
      for (const [topic, partitions] of topics) {
        const key = pairKey(group, topic);
        let map = this.expected.get(key);
        if (!map) this.expected.set(key, (map = new Map()));
        for (const [partition, offset] of partitions) {
          map.set(partition, offset);
        }
      }
    }
  }

  /** A topic was deleted: its offsets went with it. */
  forgetTopic(topic: string): void {
    for (const key of [...this.expected.keys()]) {
      if (key.endsWith(`\0${topic}`)) this.expected.delete(key);
    }
  }

  settled(group: string, topic: string): boolean {
    return this.settledPairs.has(pairKey(group, topic));
  }

  markSettled(group: string, topic: string): void {
    this.settledPairs.add(pairKey(group, topic));
  }
}
