/**
 * A Log that shows its user other names than the cluster has: every topic and consumer group
 * name goes through a `LogNaming` on the way in, and topic names come back through it on the
 * way out. `PrefixedLog` (everything under a prefix) and `ServiceLog` (the engine's internal
 * topics and groups under a service id) are namings.
 */
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

export interface LogNaming {
  /** The cluster's name of a topic the user names `name`. */
  topic(name: string): string;
  /** The user's name of a cluster topic, or undefined when the user does not see it. */
  shown(clusterName: string): string | undefined;
  /** The cluster's name of a consumer group. */
  group(name: string): string;
}

export class RenamedLog implements Log {
  readonly backend: Log['backend'];
  /** Consumer groups, renamed, when the inner log has them. */
  readonly subscribe?: Log['subscribe'];

  constructor(
    protected readonly inner: Log,
    private readonly naming: LogNaming,
  ) {
    this.backend = inner.backend;
    const subscribe = inner.subscribe?.bind(inner);
    if (subscribe) {
      this.subscribe = (group, topics, listener, options) => {
        const back = new Map(topics.map((t) => [naming.topic(t), t]));
        const shown = (tps: readonly TopicPartition[]) =>
          tps.map((tp) => ({ ...tp, topic: back.get(tp.topic) ?? tp.topic }));
        return subscribe(
          naming.group(group),
          [...back.keys()],
          {
            onAssign: (tps) => listener.onAssign(shown(tps)),
            onRevoke: (tps) => listener.onRevoke(shown(tps)),
          },
          options,
        );
      };
    }
  }

  clusterName(topic: string): string {
    return this.naming.topic(topic);
  }

  createTopic(name: string, spec: TopicSpec): Promise<void> {
    return this.inner.createTopic(this.naming.topic(name), spec);
  }

  deleteTopic(name: string): Promise<void> {
    return this.inner.deleteTopic(this.naming.topic(name));
  }

  async describeTopic(name: string): Promise<TopicInfo | undefined> {
    const info = await this.inner.describeTopic(this.naming.topic(name));
    return info && { ...info, name };
  }

  async listTopics(): Promise<readonly TopicInfo[]> {
    const shown: TopicInfo[] = [];
    for (const t of await this.inner.listTopics()) {
      const name = this.naming.shown(t.name);
      if (name !== undefined) shown.push({ ...t, name });
    }
    return shown;
  }

  endOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.endOffsets(this.naming.topic(topic));
  }

  startOffsets(topic: string): Promise<readonly number[]> {
    return this.inner.startOffsets(this.naming.topic(topic));
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<readonly LogRecord[]> {
    const records = await this.inner.read(this.naming.topic(topic), partition, offset, maxRecords);
    return records.map((r) => ({ ...r, topic }));
  }

  append(
    topic: string,
    records: readonly ProducerRecord[],
  ): Promise<readonly { partition: number; offset: number }[]> {
    return this.inner.append(this.naming.topic(topic), records);
  }

  transaction(task?: TaskId): LogTransaction {
    const tx = this.inner.transaction(
      task && {
        group: this.naming.group(task.group),
        topic: this.naming.topic(task.topic),
        partition: task.partition,
      },
    );
    return {
      append: (topic, records) => tx.append(this.naming.topic(topic), records),
      commitOffset: (group: string, tp: TopicPartition, nextOffset: number) =>
        tx.commitOffset(
          this.naming.group(group),
          { ...tp, topic: this.naming.topic(tp.topic) },
          nextOffset,
        ),
      commit: () => tx.commit(),
      abort: () => tx.abort(),
      writtenEnd: (topic, partition) => tx.writtenEnd?.(this.naming.topic(topic), partition),
    };
  }

  committedOffsets(group: string, topic: string): Promise<ReadonlyMap<number, number>> {
    return this.inner.committedOffsets(this.naming.group(group), this.naming.topic(topic));
  }

  waitForRecords(topics: readonly string[], timeoutMs: number): Promise<void> {
    return this.inner.waitForRecords(
      topics.map((t) => this.naming.topic(t)),
      timeoutMs,
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
