/**
 * A Log that keeps every topic and consumer group of its user under a prefix of a shared cluster,
 * and shows them without it: several engines (test runs in CI, developers on one broker) can use
 * one Kafka cluster, each with its own command topic, sources and sinks, without meeting.
 */
import type {
  Log,
  LogRecord,
  LogTransaction,
  ProducerRecord,
  TopicInfo,
  TopicPartition,
  TopicSpec,
} from '../log.js';
import { checkTopicName } from './topic-admin.js';

export class PrefixedLog implements Log {
  readonly backend: Log['backend'];

  constructor(
    private readonly inner: Log,
    readonly prefix: string,
  ) {
    this.backend = inner.backend;
    checkTopicName(`${prefix}x`);
  }

  createTopic(name: string, spec: TopicSpec): Promise<void> {
    checkTopicName(name);
    return this.inner.createTopic(this.name(name), spec);
  }

  deleteTopic(name: string): Promise<void> {
    return this.inner.deleteTopic(this.name(name));
  }

  async describeTopic(name: string): Promise<TopicInfo | undefined> {
    const info = await this.inner.describeTopic(this.name(name));
    return info && { ...info, name };
  }

  async listTopics(): Promise<readonly TopicInfo[]> {
    return (await this.inner.listTopics())
      .filter((t) => t.name.startsWith(this.prefix))
      .map((t) => ({ ...t, name: t.name.slice(this.prefix.length) }));
  }

  endOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.endOffsets(this.name(topic));
  }

  startOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.startOffsets(this.name(topic));
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]> {
    const records = await this.inner.read(this.name(topic), partition, offset, maxRecords);
    return records.map((r) => ({ ...r, topic }));
  }

  append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]> {
    return this.inner.append(this.name(topic), records);
  }

  transaction(): LogTransaction {
    const tx = this.inner.transaction();
    return {
      append: (topic, records) => tx.append(this.name(topic), records),
      commitOffset: (group: string, tp: TopicPartition, nextOffset: number) =>
        tx.commitOffset(this.name(group), { ...tp, topic: this.name(tp.topic) }, nextOffset),
      commit: () => tx.commit(),
      abort: () => tx.abort(),
    };
  }

  committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    return this.inner.committedOffsets(this.name(group), this.name(topic));
  }

  waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void> {
    return this.inner.waitForRecords(
      topics.map((t) => this.name(t)),
      timeoutMs,
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private name(topicOrGroup: string): string {
    return `${this.prefix}${topicOrGroup}`;
  }
}
