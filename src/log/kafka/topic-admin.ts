/**
 * Topics on Kafka: created with the partitions, replicas and configs asked for (replicas default
 * to the broker's `default.replication.factor`), described with the configs set on them, listed
 * without Kafka's internal topics, deleted. Errors read as the embedded log's do.
 */
import type { Admin } from 'kafkajs';
import { ExecutionError } from '../../common/errors.js';
import type { TopicInfo, TopicSpec } from '../log.js';
import { kafkaErrorType, messageOf, sleep } from './kafka-errors.js';
import type { TopicMetadata } from './topic-metadata.js';

/** `configSource` of a config set on the topic itself. */
const DYNAMIC_TOPIC_CONFIG = 1;
/** kafkajs's `ConfigResourceTypes` (not a named export under Node's ESM loader). */
const TOPIC_RESOURCE = 2;
const BROKER_RESOURCE = 4;

export class TopicAdmin {
  private defaultReplicas: number | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly metadata: TopicMetadata,
  ) {}

  async create(name: string, spec: TopicSpec): Promise<void> {
    checkTopicName(name);
    const { partitions } = spec;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 100_000) {
      throw new ExecutionError(
        `topic ${name} needs a partition count of at least 1, not ${partitions}`,
        { topic: name },
      );
    }
    const replicationFactor = spec.replicas ?? (await this.brokerDefaultReplicas());
    const configEntries = Object.entries(spec.config ?? {}).map(([k, v]) => ({
      name: k,
      value: v,
    }));
    let created: boolean;
    for (let attempt = 1; ; attempt++) {
      try {
        created = await this.metadata.guard(() =>
          this.admin.createTopics({
            topics: [{ topic: name, numPartitions: partitions, replicationFactor, configEntries }],
            waitForLeaders: true,
            timeout: 30_000,
          }),
        );
        break;
      } catch (err) {
        // Waiting for leaders asks any broker, which may not know the new topic yet; asking
        // again finds it created (or creates it).
        if (!unknownTopic(err) || attempt >= 30) {
          throw new ExecutionError(`cannot create topic ${name}: ${adminMessage(err)}`, {
            topic: name,
          });
        }
        await sleep(100);
      }
    }
    // Even when a retry found it "already" there, the first attempt may just have made it.
    this.metadata.noteCreated(name);
    if (created) return;
    const existing = await this.describe(name);
    if (existing && existing.partitions !== partitions) {
      throw new ExecutionError(
        `topic ${name} exists with ${existing.partitions} partitions, not ${partitions}`,
        { topic: name },
      );
    }
  }

  async delete(name: string): Promise<void> {
    await this.metadata.partitions(name);
    try {
      await this.metadata.guard(() => this.admin.deleteTopics({ topics: [name], timeout: 30_000 }));
    } catch (err) {
      throw new ExecutionError(`cannot delete topic ${name}: ${adminMessage(err)}`, {
        topic: name,
      });
    }
    this.metadata.forget(name);
    for (let i = 0; i < 100; i++) {
      if (!(await this.admin.listTopics()).includes(name)) return;
      await sleep(100);
    }
  }

  async describe(name: string): Promise<TopicInfo | undefined> {
    let partitions;
    try {
      partitions = await this.metadata.partitions(name);
    } catch (err) {
      if (err instanceof ExecutionError && /does not exist/.test(err.message)) return undefined;
      throw err;
    }
    const configs = await this.configs([name]);
    return {
      name,
      partitions: partitions.length,
      replicas: partitions[0]?.replicas.length ?? 0,
      config: configs.get(name) ?? {},
    };
  }

  /** Every topic but Kafka's internal ones (`__consumer_offsets`, …), by name. */
  async list(): Promise<TopicInfo[]> {
    const names = (await this.admin.listTopics()).filter((n) => !n.startsWith('__')).sort();
    if (names.length === 0) return [];
    const { topics } = await this.metadata.guard(() =>
      this.admin.fetchTopicMetadata({ topics: names }),
    );
    const configs = await this.configs(names);
    const byName = new Map(topics.map((t) => [t.name, t]));
    return names.flatMap((name) => {
      const t = byName.get(name);
      if (!t) return [];
      const sorted = [...t.partitions].sort((a, b) => a.partitionId - b.partitionId);
      return [
        {
          name,
          partitions: sorted.length,
          replicas: sorted[0]?.replicas.length ?? 0,
          config: configs.get(name) ?? {},
        },
      ];
    });
  }

  /** The configs set on each topic (not the broker's defaults). */
  private async configs(names: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    const describe = () =>
      this.metadata.guard(() =>
        this.admin.describeConfigs({
          resources: names.map((name) => ({ type: TOPIC_RESOURCE, name })),
          includeSynonyms: false,
        }),
      );
    let response: Awaited<ReturnType<typeof describe>>;
    // A topic just created reaches every broker's metadata a little later; kafkajs asks any
    // broker, which may not know it yet (UNKNOWN_TOPIC_OR_PARTITION for a few milliseconds).
    for (let attempt = 1; ; attempt++) {
      try {
        response = await describe();
        break;
      } catch (err) {
        if (!unknownTopic(err) || attempt >= 30) throw err;
        await sleep(100);
      }
    }
    for (const resource of response.resources) {
      const config: Record<string, string> = {};
      for (const entry of resource.configEntries) {
        if (Number(entry.configSource) === DYNAMIC_TOPIC_CONFIG) {
          config[entry.configName] = entry.configValue;
        }
      }
      out.set(resource.resourceName, config);
    }
    return out;
  }

  private async brokerDefaultReplicas(): Promise<number> {
    if (this.defaultReplicas !== undefined) return this.defaultReplicas;
    const cluster = await this.admin.describeCluster();
    const broker = cluster.brokers[0];
    let replicas = 1;
    if (broker) {
      const response = await this.metadata.guard(() =>
        this.admin.describeConfigs({
          resources: [
            {
              type: BROKER_RESOURCE,
              name: String(broker.nodeId),
              configNames: ['default.replication.factor'],
            },
          ],
          includeSynonyms: false,
        }),
      );
      const value = response.resources[0]?.configEntries[0]?.configValue;
      if (value !== undefined && Number(value) > 0) replicas = Number(value);
    }
    this.defaultReplicas = Math.min(replicas, Math.max(cluster.brokers.length, 1));
    return this.defaultReplicas;
  }
}

/** Whether kafkajs's error (or one of its per-topic errors) says a topic is unknown. */
function unknownTopic(err: unknown): boolean {
  if (kafkaErrorType(err) === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
  const errors = (err as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.some(unknownTopic)) return true;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== err && unknownTopic(cause);
}

/** The messages of kafkajs's per-topic errors, which its aggregate error does not show. */
function adminMessage(err: unknown): string {
  const errors = (err as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(messageOf).join('; ');
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause !== undefined && cause !== err) return adminMessage(cause);
  return messageOf(err);
}

/** Kafka's rules for topic names, with the embedded log's message. */
export function checkTopicName(name: string): void {
  if (
    name.length === 0 ||
    name.length > 249 ||
    name === '.' ||
    name === '..' ||
    !/^[a-zA-Z0-9._-]+$/.test(name)
  ) {
    throw new ExecutionError(
      `invalid topic name '${name}': Kafka allows 1 to 249 of a-z, A-Z, 0-9, '.', '_' and '-', and not '.' or '..'`,
      { topic: name },
    );
  }
}
