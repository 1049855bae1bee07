/**
 * The Kafka backend of the Log, on kafkajs. Reads are Fetch requests from any offset
 * (`read_committed`), appends go through one idempotent producer with `acks=all`, transactions
 * are Kafka transactions (a task's under the task's own transactional id), committed offsets
 * live in Kafka's consumer groups, and keys are partitioned with Kafka's murmur2, so records land
 * where a Java producer puts them. `subscribe` adds consumer-group membership for scale-out.
 */
import { type Admin, type Kafka as KafkaClient, Kafka, type Producer } from 'kafkajs';
import { ExecutionError } from '../../common/errors.js';
import type {
  Log,
  LogRecord,
  LogTransaction,
  ProducerRecord,
  TaskId,
  TopicInfo,
  TopicPartition,
  TopicSpec,
} from '../log.js';
import { partitionForKey, StickyPartitioner } from '../partitioner.js';
import { AppendBatcher } from './append-batcher.js';
import {
  type GroupSubscription,
  type PartitionListener,
  subscribeGroup,
  type SubscribeOptions,
} from './group-subscription.js';
import { messageOf } from './kafka-errors.js';
import { KafkaTransaction, type TransactionHost } from './kafka-transaction.js';
import {
  adminOn,
  type ClusterHandle,
  createCluster,
  KAFKAJS_LOG_LEVELS,
  producerOn,
} from './kafkajs-internals.js';
import { PartitionOffsets } from './partition-offsets.js';
import { PartitionReader } from './partition-reader.js';
import { RecordWatch } from './record-watch.js';
import { TopicAdmin } from './topic-admin.js';
import { TopicMetadata } from './topic-metadata.js';
import { commitTransaction } from './transaction-commit.js';
import { TransactionalProducers } from './transactional-producers.js';
import { VisibleEnds } from './visible-ends.js';
import { Visibility } from './visibility.js';
import { CommittedOffsets } from './committed-offsets.js';
import { describeGroupMembers } from './group-members.js';

export interface KafkaLogOptions {
  /** Bootstrap servers, `host:port`. */
  readonly brokers: readonly string[];
  /** kafkajs's client id (default `streamsql`). */
  readonly clientId?: string;
  /** Prefix of transactional ids: processes of one service share it (default `streamsql`). */
  readonly serviceId?: string;
  /** How often `waitForRecords` looks for records written by others (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** Open transactions of a process that died are aborted by the broker after this long. */
  readonly transactionTimeoutMs?: number;
  /** kafkajs's own logging, to the console (default none: failures are thrown). */
  readonly logLevel?: keyof typeof KAFKAJS_LOG_LEVELS;
}

/** Connects to a Kafka cluster; fails when no broker answers. */
export async function openKafkaLog(options: KafkaLogOptions): Promise<KafkaLog> {
  if (options.brokers.length === 0) throw new ExecutionError('Kafka needs bootstrap servers');
  const logLevel = KAFKAJS_LOG_LEVELS[options.logLevel ?? 'NOTHING'];
  const clientId = options.clientId ?? 'streamsql';
  const handle = createCluster({
    brokers: options.brokers,
    clientId,
    logLevel,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  try {
    await handle.cluster.connect();
  } catch (err) {
    await handle.cluster.disconnect().catch(() => undefined);
    throw new ExecutionError(
      `cannot connect to Kafka at ${options.brokers.join(',')}: ${messageOf(err)}`,
    );
  }
  const kafka = new Kafka({ brokers: [...options.brokers], clientId, logLevel });
  return new KafkaLog(handle, kafka, options);
}

export class KafkaLog implements Log {
  readonly backend = 'kafka' as const;
  private readonly metadata: TopicMetadata;
  private readonly topics: TopicAdmin;
  private readonly reader: PartitionReader;
  private readonly offsets: PartitionOffsets;
  private readonly ends: VisibleEnds;
  private readonly visibility = new Visibility();
  private readonly watch: RecordWatch;
  private readonly producers: TransactionalProducers;
  private readonly committed: CommittedOffsets;
  private readonly batcher: AppendBatcher;
  private readonly counts = new Map<string, number>();
  private readonly sticky = new Map<string, StickyPartitioner>();
  private readonly subscriptions = new Set<GroupSubscription>();
  private readonly host: TransactionHost;
  private readonly admin: Admin;
  private producer: Promise<Producer> | undefined;
  private closed = false;

  /** @internal Use `openKafkaLog`. */
  constructor(
    private readonly handle: ClusterHandle,
    private readonly kafka: KafkaClient,
    options: KafkaLogOptions,
  ) {
    const admin = adminOn(handle);
    this.admin = admin;
    this.metadata = new TopicMetadata(() => [handle.cluster], handle.cluster, admin);
    this.topics = new TopicAdmin(admin, this.metadata);
    this.reader = new PartitionReader(this.metadata);
    this.offsets = new PartitionOffsets(this.metadata);
    this.ends = new VisibleEnds(this.reader);
    this.watch = new RecordWatch(this.offsets, options.pollIntervalMs ?? 100);
    this.producers = new TransactionalProducers(handle, {
      prefix: options.serviceId ?? 'streamsql',
      ...(options.transactionTimeoutMs === undefined
        ? {}
        : { transactionTimeoutMs: options.transactionTimeoutMs }),
    });
    this.committed = new CommittedOffsets(admin, this.visibility);
    this.batcher = new AppendBatcher(
      () => this.idempotentProducer(),
      (topic) => this.watch.notify(topic),
    );
    this.host = {
      knownPartitionCount: (topic) => this.counts.get(topic),
      partitionCount: (topic) => this.partitionCount(topic),
      choosePartition: (topic, record, n) => this.choosePartition(topic, record, n),
      commit: (content) =>
        commitTransaction(
          {
            producers: this.producers,
            fetchOffsets: (group, topic) => this.committed.fetch(group, topic),
            committed: (ends) => {
              for (const { topic, partition, end } of ends.values()) {
                this.visibility.expect(topic, partition, end);
              }
              this.committed.expect(content.offsets);
              for (const topic of new Set([...ends.values()].map((e) => e.topic))) {
                this.watch.notify(topic);
              }
            },
          },
          content,
        ),
    };
  }

  async createTopic(name: string, spec: TopicSpec): Promise<void> {
    this.checkOpen();
    await this.topics.create(name, spec);
    this.counts.set(name, spec.partitions);
  }

  async deleteTopic(name: string): Promise<void> {
    this.checkOpen();
    await this.topics.delete(name);
    this.counts.delete(name);
    this.sticky.delete(name);
    this.visibility.forget(name);
    this.ends.forget(name);
    this.committed.forgetTopic(name);
  }

  async describeTopic(name: string): Promise<TopicInfo | undefined> {
    this.checkOpen();
    const info = await this.topics.describe(name);
    if (info) this.counts.set(name, info.partitions);
    return info;
  }

  async listTopics(): Promise<readonly TopicInfo[]> {
    this.checkOpen();
    return this.topics.list();
  }

  async endOffsets(topic: string): Promise<readonly number[]> {
    this.checkOpen();
    const lsos = await this.visibility.until(
      () => this.offsets.latest(topic),
      (seen) => seen.map((lso, p) => this.visibility.shows(topic, p, lso)).every(Boolean),
    );
    this.counts.set(topic, lsos.length);
    let starts: readonly number[] | undefined;
    return Promise.all(
      lsos.map(async (lso, p) => {
        const known = this.ends.known(topic, p, lso);
        if (known !== undefined) return known;
        starts ??= await this.offsets.earliest(topic);
        return this.ends.of(topic, p, starts[p] ?? 0, lso);
      }),
    );
  }

  async startOffsets(topic: string): Promise<readonly number[]> {
    this.checkOpen();
    return this.offsets.earliest(topic);
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]> {
    this.checkOpen();
    const result = await this.visibility.until(
      () => this.reader.read(topic, partition, offset, maxRecords),
      (seen) => this.visibility.shows(topic, partition, seen.lastStableOffset),
    );
    const { records } = result;
    if (records.length > 0 && result.nextOffset >= result.lastStableOffset) {
      this.ends.learn(
        topic,
        partition,
        result.lastStableOffset,
        records[records.length - 1]!.offset + 1,
      );
    }
    return records;
  }

  async append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]> {
    this.checkOpen();
    if (records.length === 0) return [];
    const n = await this.partitionCount(topic);
    const placed = records.map((record) => ({
      partition: this.choosePartition(topic, record, n),
      record,
    }));
    const placements = await this.batcher.append(topic, placed);
    for (const { partition, offset } of placements) {
      this.visibility.expect(topic, partition, offset + 1);
    }
    return placements;
  }

  transaction(task?: TaskId): LogTransaction {
    this.checkOpen();
    return new KafkaTransaction(this.host, task);
  }

  async committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    this.checkOpen();
    const subscribed = [...this.subscriptions].some((s) => s.group === group);
    if (!subscribed && !this.committed.settled(group, topic)) {
      const n = await this.partitionCount(topic);
      await Promise.all(
        Array.from({ length: n }, (_, partition) =>
          this.producers.claim(this.producers.taskId(group, topic, partition)),
        ),
      );
      this.committed.markSettled(group, topic);
    }
    return this.committed.get(group, topic);
  }

  waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void> {
    return this.watch.wait(topics, timeoutMs);
  }

  /**
   * Joins `group` as a member consuming `topics`: the group's partitions are spread over the
   * processes that subscribe, and `listener` hears which this process owns (see
   * `group-subscription.ts`). Optional in the Log interface; only Kafka has it.
   */
  async subscribe(
    group: string,
    topics: readonly string[],
    listener: PartitionListener,
    options: SubscribeOptions = {},
  ): Promise<GroupSubscription> {
    this.checkOpen();
    const subscription = await subscribeGroup(
      {
        kafka: this.kafka,
        claim: (g, tp: TopicPartition) =>
          this.producers.claim(this.producers.taskId(g, tp.topic, tp.partition)),
        describe: (g) => describeGroupMembers(this.admin, g),
        closed: (s) => this.subscriptions.delete(s),
      },
      group,
      topics,
      listener,
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watch.close();
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    await this.producers.close();
    await this.handle.cluster.disconnect().catch(() => undefined);
  }

  private async partitionCount(topic: string): Promise<number> {
    const n = await this.metadata.partitionCount(topic);
    this.counts.set(topic, n);
    return n;
  }

  private choosePartition(topic: string, record: ProducerRecord, n: number): number {
    if (!Number.isSafeInteger(record.timestamp)) {
      throw new RangeError(
        `record timestamp must be an integer of milliseconds, not ${record.timestamp}`,
      );
    }
    const explicit = record.partition;
    if (explicit !== undefined) {
      if (!Number.isInteger(explicit) || explicit < 0 || explicit >= n) {
        throw new ExecutionError(
          `partition ${explicit} does not exist: topic ${topic} has ${n} partitions`,
          { topic, partition: explicit },
        );
      }
      return explicit;
    }
    if (record.key !== null) return partitionForKey(record.key, n);
    let sticky = this.sticky.get(topic);
    if (!sticky) this.sticky.set(topic, (sticky = new StickyPartitioner()));
    return sticky.next(n, record.value ? record.value.length : 0);
  }

  private idempotentProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = producerOn(this.handle, { idempotent: true });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => (this.producer = undefined));
    }
    return this.producer;
  }

  private checkOpen(): void {
    if (this.closed) throw new ExecutionError('the Kafka log is closed');
  }
}
