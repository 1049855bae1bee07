/**
 * The Log: topics of partitions of records, the one durable thing everything else is built on.
 * Two backends implement it: the embedded log (segment files in a data directory) and Kafka.
 * It knows nothing of SQL: keys and values are bytes.
 */
import { ExecutionError } from '../common/errors.js';

/** A commit refused because another process took the task over (Kafka's producer fencing). */
export class FencedError extends ExecutionError {}

export interface Header {
  readonly key: string;
  readonly value: Buffer | null;
}

/** A record to write. `partition` absent: chosen from the key by Kafka's default partitioner. */
export interface ProducerRecord {
  readonly key: Buffer | null;
  /** null is a tombstone. */
  readonly value: Buffer | null;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly headers?: readonly Header[];
  readonly partition?: number;
}

/** A record as stored, with where it is. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers: readonly Header[];
}

export interface TopicSpec {
  readonly partitions: number;
  /** Replication factor; the embedded log records it and keeps one copy. */
  readonly replicas?: number;
  /** Topic configs, as Kafka's (`cleanup.policy`, `retention.ms`, …). */
  readonly config?: Readonly<Record<string, string>>;
}

export interface TopicInfo {
  readonly name: string;
  readonly partitions: number;
  readonly replicas: number;
  readonly config: Readonly<Record<string, string>>;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * The task a transaction belongs to: a query's group reading one partition. On Kafka a task's
 * transactions run under the task's own transactional id, so that whichever process takes the
 * task over next fences this one.
 */
export interface TaskId extends TopicPartition {
  readonly group: string;
}

/** What a member of a consumer group is told as partitions move between processes. */
export interface PartitionListener {
  /**
   * Partitions this process now owns. Their previous owner is fenced and its last transaction
   * settled: read the committed offsets, restore state, start processing. Awaited.
   */
  onAssign(partitions: readonly TopicPartition[]): Promise<void>;
  /** Partitions this process no longer owns: stop processing them and drop their state. */
  onRevoke(partitions: readonly TopicPartition[]): Promise<void>;
}

export interface GroupSubscription {
  readonly group: string;
  /** The partitions this process owns now. */
  assignment(): readonly TopicPartition[];
  /**
   * Claims the tasks of these partitions again (fencing whoever holds them now), after a commit
   * for them failed: what is read of them next (committed offsets, changelogs) is final. Only if
   * the group, as its coordinator has it now, assigns them to this member; says whether it did
   * (if not, this member may be out of the group, and the next assignment says what it owns).
   */
  reclaim(partitions: readonly TopicPartition[]): Promise<boolean>;
  /** Leaves the group (its partitions go to the other members) after revoking them here. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** How long a silent member keeps its partitions (default 10 s). */
  readonly sessionTimeoutMs?: number;
  /**
   * `spread` (default): the partitions are shared among the members by task, partition p of every
   * topic to the same member (so co-partitioned inputs meet), each member keeping what it owns
   * where the balance allows. `whole`: one member owns every partition (a query that cannot be
   * split into tasks), preferably the one that owns them.
   */
  readonly assignment?: 'spread' | 'whole';
}

/**
 * Writes that become visible together or not at all: output records on any topics, and the
 * consumer offsets of the input they came from. This is what makes a task exactly-once.
 */
export interface LogTransaction {
  /** Buffers records for `topic`; partitions are chosen now, so the caller may read them back. */
  append(topic: string, records: readonly ProducerRecord[]): void;
  /** Buffers the committed offset (the next offset to read) for a consumer group. */
  commitOffset(group: string, tp: TopicPartition, nextOffset: number): void;
  /** Makes everything buffered durable and visible, atomically. */
  commit(): Promise<void>;
  /** Drops everything buffered. */
  abort(): void;
  /**
   * After `commit`: the offset past the last record it wrote to a partition, where the log knows
   * it (Kafka: from the produce responses; the transaction's marker is at that offset). Where it
   * is absent or undefined, the records got the next offsets after those already there.
   */
  writtenEnd?(topic: string, partition: number): number | undefined;
}

export interface Log {
  readonly backend: 'embedded' | 'kafka';
  /**
   * The name the cluster knows a topic by, when it differs from the engine's (a Kafka log under
   * a service id renames internal topics); absent: the same name. For what users are shown.
   */
  clusterName?(topic: string): string;
  /** Creates a topic; a no-op when it exists with the same partition count; an error when it differs. */
  createTopic(name: string, spec: TopicSpec): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  describeTopic(name: string): Promise<TopicInfo | undefined>;
  listTopics(): Promise<readonly TopicInfo[]>;
  /** Per partition, the offset the next record will get. */
  endOffsets(topic: string): Promise<readonly number[]>;
  /** Per partition, the first offset still stored. */
  startOffsets(topic: string): Promise<readonly number[]>;
  /** Up to `maxRecords` committed records of one partition from `offset` on; [] at the end. */
  read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]>;
  /** Appends records outside any transaction (a producer), durable when the promise resolves. */
  append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]>;
  /** A transaction; `task` names the task it commits for (see TaskId). */
  transaction(task?: TaskId): LogTransaction;
  /** The committed offsets of a consumer group on a topic (partition → next offset to read). */
  committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>>;
  /**
   * Resolves when any of the topics gets records appended after this call, or after `timeoutMs`.
   * How idle tasks sleep instead of polling: check with `read`, then wait.
   */
  waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void>;
  /**
   * Joins consumer group `group` on `topics`, so that processes sharing a cluster share the
   * group's partitions: `listener` hears which this process owns. Only backends that several
   * processes can share have it (Kafka).
   */
  subscribe?(
    group: string,
    topics: readonly string[],
    listener: PartitionListener,
    options?: SubscribeOptions,
  ): Promise<GroupSubscription>;
  close(): Promise<void>;
}
