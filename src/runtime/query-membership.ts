/**
 * A persistent query as a member of its consumer group, on a log that several processes share
 * (Kafka): which of the query's source partitions this process owns, as the group coordinator
 * hands them out. A stateless query (`spread`) shares its partitions with the other processes
 * running it, each partition a task of its own; a query with state across partitions (`whole`)
 * runs in one process at a time, which owns every partition, and moves whole, state restored
 * from its changelogs, when that process leaves or dies. The query applies changes between
 * steps (`takeChange`); a commit that another owner fenced (`lost`) gives the partition up
 * until the group hands it back.
 */
import type { GroupSubscription, Log, TopicPartition } from '../log/log.js';

export type GroupMode = 'spread' | 'whole';

const key = (tp: TopicPartition) => `${tp.topic}\0${tp.partition}`;

export class QueryMembership {
  private readonly owned = new Map<string, TopicPartition>();
  private changed = true;
  private subscription: GroupSubscription | undefined;

  private constructor(readonly mode: GroupMode) {}

  static async join(
    log: Log & Required<Pick<Log, 'subscribe'>>,
    group: string,
    topics: readonly string[],
    mode: GroupMode,
  ): Promise<QueryMembership> {
    const membership = new QueryMembership(mode);
    membership.subscription = await log.subscribe(
      group,
      [...new Set(topics)],
      {
        onAssign: async (tps) => {
          for (const tp of tps) membership.owned.set(key(tp), tp);
          membership.changed = true;
        },
        onRevoke: async (tps) => {
          for (const tp of tps) membership.owned.delete(key(tp));
          membership.changed = true;
        },
      },
      { assignment: mode },
    );
    return membership;
  }

  /** Whether the partitions owned changed since the last call. */
  takeChange(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  /** The partitions of `topic` this process owns. */
  partitions(topic: string): ReadonlySet<number> {
    const out = new Set<number>();
    for (const tp of this.owned.values()) if (tp.topic === topic) out.add(tp.partition);
    return out;
  }

  /** Whether this process owns anything (in `whole` mode: the whole query). */
  get active(): boolean {
    return this.owned.size > 0;
  }

  /** A commit for this partition was fenced: another process owns it now. */
  lost(tp: TopicPartition): void {
    if (this.mode === 'whole') this.owned.clear();
    else this.owned.delete(key(tp));
    this.changed = true;
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}
