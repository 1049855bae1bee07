/**
 * Where a topic's partitions are: the shared kafkajs cluster's metadata, kept usable when topics
 * come and go. kafkajs refreshes metadata for every topic it ever looked at and fails as a whole
 * when one of them was deleted, so missing topics are dropped from its targets here.
 */
import type { Admin } from 'kafkajs';
import { ExecutionError } from '../../common/errors.js';
import { kafkaErrorType, retrying, TransientError } from './kafka-errors.js';
import type { KafkaBroker, KafkaCluster, KafkaPartitionMetadata } from './kafkajs-internals.js';

/** How long a topic this log created may still be missing from some broker's metadata. */
const NEW_TOPIC_GRACE_MS = 30_000;

export class TopicMetadata {
  /** Topics this log created, with when: a broker may not know them for a moment. */
  private readonly created = new Map<string, number>();

  constructor(
    private readonly clusters: () => readonly KafkaCluster[],
    private readonly main: KafkaCluster,
    private readonly admin: Admin,
  ) {}

  /** The partitions of an existing topic; an ExecutionError when there is no such topic. */
  async partitions(topic: string): Promise<readonly KafkaPartitionMetadata[]> {
    return retrying(`cannot get the metadata of topic ${topic}`, { topic }, async () => {
      try {
        if (!this.main.targetTopics.has(topic)) await this.main.addMultipleTargetTopics([topic]);
        else await this.main.refreshMetadataIfNecessary();
        let partitions = this.main.findTopicPartitionMetadata(topic);
        if (partitions.length === 0) {
          await this.main.refreshMetadata();
          partitions = this.main.findTopicPartitionMetadata(topic);
        }
        if (partitions.length === 0) throw new TransientError(`no metadata for ${topic} yet`);
        return partitions;
      } catch (err) {
        await this.recover(err, topic);
        throw new TransientError(`metadata of ${topic} changed`);
      }
    });
  }

  /** The partition count of an existing topic. */
  async partitionCount(topic: string): Promise<number> {
    return (await this.partitions(topic)).length;
  }

  /** The leader of a partition, connected. */
  async leader(topic: string, partition: number): Promise<KafkaBroker> {
    const partitions = await this.partitions(topic);
    if (!partitions.some((p) => p.partitionId === partition)) {
      throw new ExecutionError(`topic ${topic} has no partition ${partition}`, {
        topic,
        partition,
      });
    }
    const byLeader = this.main.findLeaderForPartitions(topic, [partition]);
    const nodeId = Object.keys(byLeader)[0];
    if (nodeId === undefined) throw new Error(`no leader for ${topic}/${partition} yet`);
    return this.main.findBroker({ nodeId });
  }

  /** A broker by node id, connected. */
  broker(nodeId: string): Promise<KafkaBroker> {
    return this.main.findBroker({ nodeId });
  }

  /** Leader node id → partitions of `topic` it leads. */
  async leaders(topic: string, partitions: readonly number[]): Promise<Record<string, number[]>> {
    await this.partitions(topic);
    return { ...this.main.findLeaderForPartitions(topic, partitions) };
  }

  /** Fresh metadata on the next look: after a leader changed, or a topic was made again. */
  async refresh(): Promise<void> {
    await this.main.refreshMetadata().catch((err) => this.recover(err));
  }

  /**
   * Runs a kafkajs call that refreshes metadata first; when that fails because a topic it had
   * looked at is gone, drops such topics and runs the call once more.
   */
  async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (kafkaErrorType(err) !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
      await this.prune();
      return call();
    }
  }

  /** Records that this log just created `topic`, so that a broker not knowing it yet is waited for. */
  noteCreated(topic: string): void {
    this.created.set(topic, Date.now());
  }

  /** Drops a deleted topic from every cluster's targets. */
  forget(topic: string): void {
    this.created.delete(topic);
    for (const cluster of this.clusters()) cluster.targetTopics.delete(topic);
  }

  /**
   * After a metadata failure: when a topic is unknown, drops every target topic that no longer
   * exists, and says so when it is the one asked about. Other failures are thrown again.
   * ExecutionErrors (a topic that does not exist) pass through.
   */
  private async recover(err: unknown, topic?: string): Promise<void> {
    if (err instanceof ExecutionError || err instanceof TransientError) throw err;
    if (kafkaErrorType(err) !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
    const existing = await this.prune();
    if (topic !== undefined && !existing.has(topic)) {
      // On a cluster, the broker asked may not have heard of a topic created a moment ago.
      const createdAt = this.created.get(topic);
      if (createdAt !== undefined && Date.now() - createdAt < NEW_TOPIC_GRACE_MS) {
        throw new TransientError(`topic ${topic} is not known to every broker yet`);
      }
      throw new ExecutionError(`topic ${topic} does not exist`, { topic });
    }
  }

  /** Drops every topic that no longer exists from the clusters' targets; returns those that do. */
  private async prune(): Promise<Set<string>> {
    const existing = new Set(await this.admin.listTopics());
    for (const cluster of this.clusters()) {
      for (const t of [...cluster.targetTopics])
        if (!existing.has(t)) cluster.targetTopics.delete(t);
    }
    return existing;
  }
}
