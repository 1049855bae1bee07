/**
 * A persistent query as a member of its consumer group, on a log that several processes share
 * (Kafka): which of the query's tasks this process owns, as the group hands them out. A query
 * that runs as tasks (`spread`: stateless ones, and stateful ones whose sub-topologies run one
 * task per partition) shares them with the other processes running it: task p is partition p of
 * every source topic (and of the query's repartition topics and changelogs), owned by one
 * process, with a transaction of its own. A query that cannot be split (`whole`: a foreign-key
 * join, sources of different partition counts) runs in one process at a time, which owns every
 * partition, and moves whole, state restored from its changelogs, when that process leaves or
 * dies. The query applies changes between steps (`takeChange`); a task whose commit failed or
 * was fenced (`lost`) restarts from its last commit, claimed again while the group still
 * assigns it here.
 */
import type { GroupSubscription, Log, TopicPartition } from '../log/log.js';

export type GroupMode = 'spread' | 'whole';

const key = (tp: TopicPartition) => `${tp.topic}\0${tp.partition}`;

export class QueryMembership {
  private readonly owned = new Map<string, TopicPartition>();
  private changed = true;
  /** Tasks whose commit failed, to claim again before they restart. */
  private readonly lostTasks = new Set<number>();
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

  /**
   * A commit of task `partition` failed or was fenced: its state and positions here are no longer
   * the task's. If the group takes the task away, the next assignment says so; until then this
   * process claims it again (`reclaim`), once the group confirms it is this process's, and
   * restarts it from its last commit.
   */
  lost(partition: number): void {
    this.lostTasks.add(this.mode === 'whole' ? 0 : partition);
    this.changed = true;
  }

  /**
   * Claims the lost tasks this process still owns again, before anything of them is read; says
   * whether it did. A claim that failed, or that the group does not confirm (it is rebalancing,
   * or gave the tasks to another member and this one has not heard yet), is tried again at the
   * next step; meanwhile the query runs none of its tasks here.
   */
  async reclaim(): Promise<boolean> {
    if (this.lostTasks.size === 0) return true;
    const tps = [...this.owned.values()].filter(
      (tp) => this.mode === 'whole' || this.lostTasks.has(tp.partition),
    );
    if (tps.length > 0 && this.subscription) {
      try {
        if (!(await this.subscription.reclaim(tps))) return false;
      } catch {
        return false;
      }
    }
    this.lostTasks.clear();
    return true;
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }
}
