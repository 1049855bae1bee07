/**
 * The Java side of the Kafka comparison: builds bench/kafka-streams (Maven) when its jar is
 * missing or older than its sources, and runs its `produce`, `run` and `delete` modes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from './child.js';
import type { ThroughputWorkload } from './workloads.js';

export interface KafkaStreamsRun {
  readonly workload: ThroughputWorkload;
  readonly records: number;
  readonly outputRecords: number;
  /** From KafkaStreams.start() until the sink topic held every expected record. */
  readonly seconds: number;
  /** From the first source record read until then. */
  readonly processingSeconds: number;
  readonly recordsPerS: number;
}

export class KafkaStreamsApp {
  readonly jar: string;

  constructor(
    private readonly projectDir: string,
    private readonly bootstrap: string,
    private readonly prefix: string,
  ) {
    this.jar = path.join(projectDir, 'target', 'streamsql-bench-kafka-streams.jar');
  }

  /** Builds the jar if needed; returns why it cannot be used, or undefined when it can. */
  async ensureBuilt(): Promise<string | undefined> {
    if (existsSync(this.jar) && statSync(this.jar).mtimeMs >= newestSource(this.projectDir))
      return undefined;
    process.stderr.write('bench: building bench/kafka-streams (mvn -q package)\n');
    try {
      const built = await runCommand('mvn', ['-q', '-B', 'package'], {
        cwd: this.projectDir,
        timeoutMs: 900_000,
      });
      if (built.code !== 0) return `mvn package failed: ${lastLines(built.stdout + built.stderr)}`;
    } catch (err) {
      return `Maven is needed to build the Kafka Streams app (${(err as Error).message})`;
    }
    return undefined;
  }

  /** Loads the harness's tab-separated records into `prefix + topic`. */
  async produce(file: string): Promise<{ records: number; seconds: number }> {
    return this.java(['produce', this.bootstrap, this.prefix, file], 600_000);
  }

  async run(
    workload: ThroughputWorkload,
    expected: number,
    input: number,
  ): Promise<KafkaStreamsRun> {
    return this.java(
      ['run', this.bootstrap, this.prefix, workload, String(expected), String(input)],
      660_000,
    );
  }

  async deleteTopics(): Promise<void> {
    await this.java(['delete', this.bootstrap, this.prefix], 120_000);
  }

  private async java<T>(args: readonly string[], timeoutMs: number): Promise<T> {
    const result = await runCommand('java', ['-Xmx1g', '-jar', this.jar, ...args], { timeoutMs });
    if (result.code !== 0)
      throw new Error(
        `kafka-streams ${args[0]} failed (exit ${result.code}): ${lastLines(result.stderr)}`,
      );
    const lines = result.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]!) as T;
  }
}

function newestSource(dir: string): number {
  let newest = statSync(path.join(dir, 'pom.xml')).mtimeMs;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(dir, 'src'));
  return newest;
}

function lastLines(text: string, n = 3): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}
