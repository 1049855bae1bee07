/**
 * Driving the engine on the embedded log from the bench: opening a data directory as the CLI
 * does (`fsync: 'batch'`), loading records into topics, and reading what a query wrote.
 */
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { Log, ProducerRecord } from '../../src/log/log.js';
import type { BenchRecord } from './generate.js';

export interface OpenEngine {
  readonly engine: Engine;
  readonly log: Log;
}

/**
 * Opens the data directory and an engine on it, replaying its command topic (and restoring
 * state), with the state stores in `<data-dir>/state` as the CLI keeps them.
 */
export async function openEngine(dataDir: string): Promise<OpenEngine> {
  const log = await openEmbeddedLog(dataDir, { fsync: 'batch' });
  const engine = await Engine.open({
    log,
    functions: builtinRegistry(),
    stateDir: join(dataDir, 'state'),
    onNotice: (m) => process.stderr.write(`engine: ${m}\n`),
  });
  return { engine, log };
}

/** Appends records to a topic (created with one partition) in batches, as a producer would. */
export class TopicLoader {
  private batch: ProducerRecord[] = [];
  count = 0;

  constructor(
    private readonly log: Log,
    readonly topic: string,
    private readonly batchSize = 5000,
  ) {}

  async create(): Promise<void> {
    await this.log.createTopic(this.topic, { partitions: 1, replicas: 1 });
  }

  /** Buffers one record; returns a promise only when a batch had to be written. */
  add(record: BenchRecord): Promise<void> | undefined {
    this.batch.push(record);
    return this.batch.length >= this.batchSize ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.log.append(this.topic, batch);
    this.count += batch.length;
  }
}

/** How many records a topic holds, over all partitions. */
export async function topicCount(log: Log, topic: string): Promise<number> {
  const [starts, ends] = await Promise.all([log.startOffsets(topic), log.endOffsets(topic)]);
  return ends.reduce((sum, end, p) => sum + end - (starts[p] ?? 0), 0);
}
