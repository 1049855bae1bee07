/**
 * The schema registry of a log, kept where Confluent's registry keeps its own: in a compacted,
 * single-partition `_schemas` topic of the log (`_streamsql_schemas` on Kafka), with the same
 * record layout.
 * The state is rebuilt by replaying the topic on open; every change is appended to the topic and
 * then applied. Writes are serialized, so ids and versions are handed out once.
 */
import type { Log, ProducerRecord } from '../../log/log.js';
import {
  type CompatibilityLevel,
  type CompatibilityResult,
  type RegisterOptions,
  type RegisteredSchema,
  type SchemaDefinition,
  type SchemaRegistry,
  type SubjectVersion,
  type SyncSchemaLookup,
} from './registry.js';
import { SchemaStore, type StoreRecord } from './schema-store.js';

export const SCHEMAS_TOPIC = '_schemas';

/**
 * On Kafka the registry keeps its own topic, so that it never writes into the `_schemas` topic of
 * a Confluent Schema Registry serving the same cluster (use --schema-registry-url for that one).
 */
export const KAFKA_SCHEMAS_TOPIC = '_streamsql_schemas';

/** The topic a log's registry lives in. */
export function schemasTopicOf(log: Log): string {
  return log.backend === 'kafka' ? KAFKA_SCHEMAS_TOPIC : SCHEMAS_TOPIC;
}

const READ_BATCH = 1000;

export class LogSchemaRegistry implements SchemaRegistry {
  private readonly store = new SchemaStore();
  private nextOffset = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Records applied in memory by `sync.ensureRegistered`, not yet appended. */
  private unwritten: StoreRecord[] = [];

  readonly sync: SyncSchemaLookup = {
    schemaById: (id) => this.store.schemaById(id),
    subjectVersion: (subject, version) => this.store.subjectVersion(subject, version),
    ensureRegistered: (subject, schema) => {
      const plan = this.store.planRegister(subject, schema);
      if (plan.record) {
        this.store.apply(plan.record);
        this.unwritten.push(plan.record);
        void this.exclusive(() => this.flushUnwritten()).catch(() => undefined);
      }
      return plan.id;
    },
  };

  private constructor(
    private readonly log: Log,
    private readonly topic: string,
  ) {}

  /** Whether the `_schemas` topic exists; it is created with the first schema written. */
  private topicExists = false;

  /** Opens the registry of a log, replaying its `_schemas` topic when there is one. */
  static async open(log: Log): Promise<LogSchemaRegistry> {
    const registry = new LogSchemaRegistry(log, schemasTopicOf(log));
    registry.topicExists = (await log.describeTopic(registry.topic)) !== undefined;
    await registry.catchUp();
    return registry;
  }

  private async ensureTopic(): Promise<void> {
    if (this.topicExists) return;
    if (!(await this.log.describeTopic(this.topic))) {
      await this.log.createTopic(this.topic, {
        partitions: 1,
        replicas: 1,
        config: { 'cleanup.policy': 'compact' },
      });
    }
    this.topicExists = true;
  }

  async register(subject: string, schema: SchemaDefinition, options: RegisterOptions = {}) {
    return this.exclusive(async () => {
      await this.catchUp();
      const plan = this.store.planRegister(subject, schema, options.id);
      if (plan.record) await this.write([plan.record]);
      return plan.id;
    });
  }

  async lookup(subject: string, schema: SchemaDefinition): Promise<SubjectVersion | undefined> {
    await this.read();
    return this.store.lookup(subject, schema);
  }

  async schemaById(id: number): Promise<RegisteredSchema | undefined> {
    await this.read();
    return this.store.schemaById(id);
  }

  async subjectVersion(subject: string, version: number | 'latest') {
    await this.read();
    return this.store.subjectVersion(subject, version);
  }

  async subjects(includeDeleted = false): Promise<string[]> {
    await this.read();
    return this.store.subjects(includeDeleted);
  }

  async versions(subject: string, includeDeleted = false): Promise<number[]> {
    await this.read();
    return this.store.versions(subject, includeDeleted);
  }

  async subjectVersionsForId(id: number) {
    await this.read();
    return this.store.subjectVersionsForId(id);
  }

  async deleteSubject(subject: string, permanent = false): Promise<number[]> {
    return this.exclusive(async () => {
      await this.catchUp();
      const plan = this.store.planDeleteSubject(subject, permanent);
      await this.write(plan.records);
      return plan.versions;
    });
  }

  async deleteVersion(subject: string, version: number | 'latest', permanent = false) {
    return this.exclusive(async () => {
      await this.catchUp();
      const plan = this.store.planDeleteVersion(subject, version, permanent);
      await this.write(plan.records);
      return plan.version;
    });
  }

  async compatibility(subject?: string): Promise<CompatibilityLevel> {
    await this.read();
    return this.store.compatibility(subject);
  }

  async ownCompatibility(subject?: string): Promise<CompatibilityLevel | undefined> {
    await this.read();
    return this.store.ownCompatibility(subject);
  }

  async setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    await this.exclusive(() => this.write([this.store.planConfig(level, subject)]));
  }

  async testCompatibility(
    subject: string,
    schema: SchemaDefinition,
    version?: number | 'latest',
  ): Promise<CompatibilityResult> {
    await this.read();
    return this.store.testCompatibility(subject, schema, version);
  }

  /** Waits until every change made so far is durable in the log. */
  async flush(): Promise<void> {
    await this.exclusive(() => this.flushUnwritten());
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  /** Runs `task` after every earlier write. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<void> {
    await this.exclusive(() => this.catchUp());
  }

  private async flushUnwritten(): Promise<void> {
    if (this.unwritten.length === 0) return;
    const records = this.unwritten;
    this.unwritten = [];
    await this.write(records);
  }

  private async write(records: readonly StoreRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.ensureTopic();
    const now = Date.now();
    const out: ProducerRecord[] = records.map((r) => ({
      key: Buffer.from(JSON.stringify(r.key), 'utf8'),
      value: r.value === null ? null : Buffer.from(JSON.stringify(r.value), 'utf8'),
      timestamp: now,
      partition: 0,
    }));
    await this.log.append(this.topic, out);
    await this.catchUp();
  }

  /** Applies the records appended to `_schemas` since the last call. */
  private async catchUp(): Promise<void> {
    if (!this.topicExists) {
      // Another process (a REST client of `streamsql start`) may have created it since.
      this.topicExists = (await this.log.describeTopic(this.topic)) !== undefined;
      if (!this.topicExists) return;
    }
    for (;;) {
      const batch = await this.log.read(this.topic, 0, this.nextOffset, READ_BATCH);
      if (batch.length === 0) return;
      for (const r of batch) {
        this.nextOffset = r.offset + 1;
        const record = parseRecord(r.key, r.value);
        if (record) this.store.apply(record);
      }
    }
  }
}

function parseRecord(key: Buffer | null, value: Buffer | null): StoreRecord | undefined {
  if (key === null) return undefined;
  try {
    const k = JSON.parse(key.toString('utf8')) as Record<string, unknown>;
    const v =
      value === null ? null : (JSON.parse(value.toString('utf8')) as Record<string, unknown>);
    return { key: k, value: v };
  } catch {
    return undefined;
  }
}
