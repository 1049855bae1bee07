/**
 * A persistent query as a member of its consumer group, on a log that several processes share
 * (Kafka): which of the query's tasks this process owns, as the group hands them out. A query
 * that runs as tasks (`spread`: stateless ones, and stateful ones whose sub-topologies run one
 * task per partition) shares them with the other processes running it: task p is partition p of
 * every source topic (and of the query's repartition topics and changelogs), owned by one
 * process, with a transaction of its own. A query that cannot be split (`whole`: a foreign-key
 * join, sources of different partition counts) runs in one process at a time, which owns every
 * partition, and moves whole, state restored from its changelogs, when that process leaves or
 * dies. The query applies changes between steps (`takeChange`); a commit that another owner
 * fenced (`lost`) gives the task up until the group hands it back.
 */
import type { GroupSubscription, Log, TopicPartition } from '../log/log.js';

export type GroupMode = 'spread' | 'whole';

const key = (tp: TopicPartition) => `${tp.topic}\0${tp.partition}`;

export class QueryMembership {
  private readonly owned = new Map<string, TopicPartition>();
  private changed = true;
  private subscription: GroupSubscription | undefined;

  private constructor(
    readonly mode: GroupMode,
    /** The subscribed topics, in the query's order. */
    private readonly topics: readonly string[],
  ) {}

  static async join(
    log: Log & Required<Pick<Log, 'subscribe'>>,
    group: string,
    topics: readonly string[],
    mode: GroupMode,
  ): Promise<QueryMembership> {
    const membership = new QueryMembership(mode, [...new Set(topics)]);
    membership.subscription = await log.subscribe(
      group,
      membership.topics,
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

  /** The task numbers this process owns: partition p of each topic is task p's. */
  tasks(): ReadonlySet<number> {
    return new Set([...this.owned.values()].map((tp) => tp.partition));
  }

  /**
   * The topic whose partition names task `partition`'s transactional id: the first subscribed
   * topic that has it, the same in every process, and claimed (its previous owner fenced) when
   * the task was assigned here.
   */
  taskTopic(partition: number): string {
    const owned = this.topics.find((t) => this.owned.has(key({ topic: t, partition })));
    return owned ?? this.topics[0]!;
  }

  /** Whether this process owns anything (in `whole` mode: the whole query). */
  get active(): boolean {
    return this.owned.size > 0;
  }

  /** A commit of task `partition` was fenced: another process owns it now. */
  lost(partition: number): void {
    for (const [k, tp] of this.owned) {
      if (this.mode === 'whole' || tp.partition === partition) this.owned.delete(k);
    }
    this.changed = true;
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}
