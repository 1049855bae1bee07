/**
 * Consumer-group membership for scale-out: several processes subscribe to a query's source
 * topics under the query's group, and the group spreads the query's tasks among them (partition
 * p of every topic to one member, `task-assigner.ts`) or gives them all to one (`whole`). A kafkajs consumer keeps the membership (join, heartbeats, rebalances) but fetches
 * nothing: its partitions stay paused, since the query reads through `Log.read` and commits its
 * offsets in its own transactions. Before a partition is handed to the listener, its task's
 * transactional id is claimed, which fences the previous owner and settles its last transaction,
 * so the committed offsets read next are final.
 *
 * kafkajs reports only completed joins, so a revocation is known when the next assignment
 * arrives; until then the old owner may still process a partition, but the new owner's claim
 * fences it and its next commit fails (see `TransactionalProducers.isFenced`). Such a member
 * claims the task again only if the coordinator says the group assigns it to this member now
 * (`reclaim`): otherwise a member out of the group (its session expired while it was paused,
 * say) and the task's new owner would fence each other, commit after commit, until the former
 * rejoined.
 */
import type { Consumer, ConsumerGroupJoinEvent, Kafka } from 'kafkajs';
import type { GroupMembers } from './group-members.js';
import type {
  GroupSubscription,
  PartitionListener,
  SubscribeOptions,
  TopicPartition,
} from '../log.js';
import { taskAssigner } from './task-assigner.js';
import { wholeAssigner } from './whole-assigner.js';

export type { GroupSubscription, PartitionListener, SubscribeOptions };

/** The longest wait between attempts to apply an assignment that failed (a claim, a listener). */
const RETRY_MAX_MS = 2000;

export interface SubscriptionDeps {
  readonly kafka: Kafka;
  /** Claims the transactional id of a task (fencing its previous owner). */
  claim(group: string, tp: TopicPartition): Promise<void>;
  /** The group as its coordinator has it now. */
  describe(group: string): Promise<GroupMembers>;
  /** Called when the subscription ends, to forget it. */
  closed(subscription: GroupSubscription): void;
}

export async function subscribeGroup(
  deps: SubscriptionDeps,
  group: string,
  topics: readonly string[],
  listener: PartitionListener,
  options: SubscribeOptions = {},
): Promise<GroupSubscription> {
  const sessionTimeout = options.sessionTimeoutMs ?? 10_000;
  const consumer = deps.kafka.consumer({
    groupId: group,
    sessionTimeout,
    heartbeatInterval: Math.max(Math.floor(sessionTimeout / 10), 100),
    rebalanceTimeout: 30_000,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
    partitionAssigners: [
      options.assignment === 'whole'
        ? wholeAssigner(() => subscription.assignment().length > 0)
        : taskAssigner(() => [...new Set(subscription.assignment().map((tp) => tp.partition))]),
    ],
  });
  const subscription: Membership = new Membership(deps, group, consumer, listener);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, (event) => subscription.joined(event));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, pause }) => {
        if (batch.messages.length > 0) pause();
      },
    });
    await pauseOnceRunning(consumer, topics);
    await subscription.firstAssignment();
  } catch (err) {
    await consumer.disconnect().catch(() => undefined);
    throw err;
  }
  return subscription;
}

/**
 * Pauses the group's fetching (the query reads partitions itself). kafkajs's `run` resolves with
 * its consumer group in place, but a crash of the first join (a busy coordinator) drops the
 * group until kafkajs restarts it, and `pause` then throws "consumer#run must be called first":
 * wait for the restart instead of failing the statement.
 */
async function pauseOnceRunning(consumer: Consumer, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      consumer.pause(topics.map((topic) => ({ topic })));
      return;
    } catch (err) {
      const notRunning = err instanceof Error && err.message.includes('consumer#run');
      if (!notRunning || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const partitionKey = (tp: TopicPartition) => `${tp.topic}\0${tp.partition}`;

class Membership implements GroupSubscription {
  private owned: TopicPartition[] = [];
  /** The latest assignment the group handed out. */
  private target: readonly TopicPartition[] = [];
  private changes: Promise<void> = Promise.resolve();
  private first: Promise<void>;
  private resolveFirst!: () => void;
  private closing = false;
  private memberId: string | undefined;
  /** Joined under a new member id: what it owned is to be revoked before the next assignment. */
  private rejoined = false;

  constructor(
    private readonly deps: SubscriptionDeps,
    readonly group: string,
    private readonly consumer: Consumer,
    private readonly listener: PartitionListener,
  ) {
    this.first = new Promise((resolve) => (this.resolveFirst = resolve));
  }

  assignment(): readonly TopicPartition[] {
    return this.owned;
  }

  firstAssignment(): Promise<void> {
    return this.first;
  }

  joined(event: ConsumerGroupJoinEvent): void {
    // A new member id: this process was out of the group (its session expired while it was
    // paused, say), so whatever it owned may have been taken over and fenced meanwhile; it gives
    // it all up and takes what it is assigned now afresh (claimed, state restored).
    const memberId = event.payload.memberId;
    if (this.memberId !== undefined && memberId !== this.memberId) this.rejoined = true;
    this.memberId = memberId;
    const next: TopicPartition[] = [];
    for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
      for (const partition of partitions) next.push({ topic, partition });
    }
    this.target = next;
    this.changes = this.changes.then(() => this.settle(next));
  }

  async reclaim(partitions: readonly TopicPartition[]): Promise<boolean> {
    const group = await this.deps.describe(this.group);
    const mine = this.memberId === undefined ? undefined : group.members.get(this.memberId);
    const assigned = new Set((mine ?? []).map(partitionKey));
    const confirmed =
      group.state === 'Stable' && partitions.every((tp) => assigned.has(partitionKey(tp)));
    if (!confirmed) return false;
    await Promise.all(partitions.map((tp) => this.deps.claim(this.group, tp)));
    return true;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.changes;
    await this.consumer.disconnect();
    await this.changes;
    if (this.owned.length > 0) await this.listener.onRevoke(this.owned);
    this.owned = [];
    this.deps.closed(this);
  }

  /**
   * Applies an assignment until it holds. kafkajs reports each assignment once, so one dropped
   * after a failed claim or listener (a timeout on a loaded broker, say) would leave this member
   * owning partitions it never runs, the group none the wiser; it is retried instead, until it
   * holds, a newer assignment supersedes it, or the subscription closes.
   */
  private async settle(next: readonly TopicPartition[]): Promise<void> {
    for (let attempt = 0; !this.closing && this.target === next; attempt++) {
      try {
        await this.apply(next);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, RETRY_MAX_MS)));
      }
    }
  }

  private async apply(next: readonly TopicPartition[]): Promise<void> {
    if (this.closing) return;
    if (this.rejoined) {
      if (this.owned.length > 0) await this.listener.onRevoke(this.owned);
      this.owned = [];
      this.rejoined = false;
    }
    const nextKeys = new Set(next.map(partitionKey));
    const ownedKeys = new Set(this.owned.map(partitionKey));
    const revoked = this.owned.filter((tp) => !nextKeys.has(partitionKey(tp)));
    const assigned = next.filter((tp) => !ownedKeys.has(partitionKey(tp)));
    // `owned` changes once the listener took the change, so that a retry hands it over again.
    if (revoked.length > 0) {
      await this.listener.onRevoke(revoked);
      this.owned = this.owned.filter((tp) => nextKeys.has(partitionKey(tp)));
    }
    if (assigned.length > 0) {
      await Promise.all(assigned.map((tp) => this.deps.claim(this.group, tp)));
      await this.listener.onAssign(assigned);
      this.owned = [...this.owned, ...assigned];
    }
    this.resolveFirst();
  }
}
