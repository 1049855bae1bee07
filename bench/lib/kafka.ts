/**
 * The Kafka part of the bench, run when STREAMSQL_KAFKA names a reachable broker: the bench's
 * records are loaded once into run-scoped topics, then for each of workloads (a)–(c) streamsql
 * runs the query through its Kafka backend (`streamsql run FILE --bootstrap-servers`, timed
 * from spawn to exit) and the Kafka Streams application runs the same workload, for the ratio.
 */
import { writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { runCommand } from './child.js';
import { KafkaStreamsApp, type KafkaStreamsRun } from './kafka-streams.js';
import {
  querySql,
  sourcesSql,
  THROUGHPUT_WORKLOADS,
  type ThroughputWorkload,
} from './workloads.js';

export interface KafkaArgs {
  readonly bootstrap: string;
  readonly repoRoot: string;
  readonly workDir: string;
  /** The records as `topic TAB key TAB timestamp TAB json` lines (from prepare). */
  readonly file: string;
  readonly records: number;
  /** Output records each workload produces (known from the naive loop over the same data). */
  readonly expected: Readonly<Record<ThroughputWorkload, number>>;
}

/** One row of the Kafka table; a side that could not run has null and says why in `note`. */
export interface KafkaEntry {
  readonly name: ThroughputWorkload;
  readonly records: number;
  readonly records_per_s: number | null;
  readonly kafka_streams_records_per_s: number | null;
  readonly ratio: number | null;
  readonly note?: string;
}

export interface KafkaOutcome {
  readonly entries: KafkaEntry[];
  /** Why the whole Kafka part did not run. */
  readonly skipped?: string;
}

export async function kafkaWorkloads(args: KafkaArgs): Promise<KafkaOutcome> {
  if (!(await reachable(args.bootstrap)))
    return { entries: [], skipped: `no broker reachable at ${args.bootstrap}` };
  const runId = Date.now().toString(36);
  const prefix = `bench-${runId}-`;
  const app = new KafkaStreamsApp(
    path.join(args.repoRoot, 'bench', 'kafka-streams'),
    args.bootstrap,
    prefix,
  );
  const unusable = await app.ensureBuilt();
  if (unusable) return { entries: [], skipped: unusable };
  const loaded = await app.produce(args.file);
  process.stderr.write(
    `bench: loaded ${loaded.records} records into Kafka in ${loaded.seconds.toFixed(1)} s\n`,
  );
  const streamsql = new StreamsqlOnKafka(args, prefix, runId.toUpperCase());
  const entries: KafkaEntry[] = [];
  try {
    for (const workload of THROUGHPUT_WORKLOADS) {
      const expected = args.expected[workload];
      const notes: string[] = [];
      const ours = await streamsql.run(workload).catch((err: Error) => {
        notes.push(`streamsql: ${err.message}`);
        return null;
      });
      const theirs: KafkaStreamsRun | null = await app
        .run(workload, expected, args.records)
        .catch((err: Error) => {
          notes.push(`Kafka Streams: ${err.message}`);
          return null;
        });
      if (theirs && theirs.outputRecords !== expected) {
        notes.push(`Kafka Streams wrote ${theirs.outputRecords} records, expected ${expected}`);
      }
      process.stderr.write(
        `bench: kafka ${workload}: streamsql ${fmt(ours)}, Kafka Streams ${fmt(theirs?.recordsPerS)}\n`,
      );
      entries.push({
        name: workload,
        records: args.records,
        records_per_s: ours,
        kafka_streams_records_per_s: theirs?.recordsPerS ?? null,
        ratio: ours !== null && theirs ? ours / theirs.recordsPerS : null,
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
      });
    }
  } finally {
    await app.deleteTopics().catch((err: Error) => process.stderr.write(`bench: ${err.message}\n`));
  }
  return { entries };
}

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? 'n/a' : `${Math.round(n)} rec/s`;
}

/** streamsql's Kafka backend, through the CLI, as a user would run it. */
class StreamsqlOnKafka {
  private refused: string | undefined;
  private probed = false;

  constructor(
    private readonly args: KafkaArgs,
    private readonly prefix: string,
    private readonly suffix: string,
  ) {}

  private cli(cliArgs: readonly string[]): ReturnType<typeof runCommand> {
    const bin = path.join(this.args.repoRoot, 'bin', 'streamsql.js');
    return runCommand(
      process.execPath,
      [bin, ...cliArgs, '--bootstrap-servers', this.args.bootstrap],
      {
        cwd: this.args.repoRoot,
        timeoutMs: 900_000,
      },
    );
  }

  /** Records per second from spawn to exit of `streamsql run`, which exits once the query drained. */
  async run(workload: ThroughputWorkload): Promise<number> {
    if (!this.probed) {
      this.probed = true;
      const probe = await this.cli(['-e', 'SHOW STREAMS;']);
      if (probe.code !== 0)
        this.refused = probe.stderr.trim().split('\n')[0] ?? `exit ${probe.code}`;
    }
    if (this.refused) throw new Error(this.refused);
    const suffix = `_${this.suffix}_${workload.toUpperCase()}`;
    const topics = {
      pageviews: `${this.prefix}pageviews`,
      users: `${this.prefix}users`,
      profiles: '',
    };
    const sink = `${this.prefix}ssql-${workload}`;
    const sinkName = `OUT${suffix}`;
    const file = path.join(this.args.workDir, `kafka-${workload}.sql`);
    writeFileSync(
      file,
      sourcesSql(topics, suffix, false) + querySql(workload, sinkName, suffix, sink),
    );
    const result = await this.cli(['run', file]);
    if (result.code !== 0) throw new Error(result.stderr.trim().split('\n').slice(-2).join(' | '));
    await this.cleanUp(result.stdout, suffix, sinkName);
    return this.args.records / (result.ms / 1000);
  }

  /** Stops the query and drops what the run declared, so later runs of the command topic skip them. */
  private async cleanUp(stdout: string, suffix: string, sinkName: string): Promise<void> {
    const queryId = /Created query with ID (\S+)/.exec(stdout)?.[1];
    const kind = sinkName.includes('TUMBLING') ? 'TABLE' : 'STREAM';
    const sql = [
      queryId ? `TERMINATE ${queryId};` : '',
      `DROP ${kind} IF EXISTS ${sinkName};`,
      `DROP STREAM IF EXISTS PAGEVIEWS${suffix};`,
      `DROP TABLE IF EXISTS USERS${suffix};`,
    ].join(' ');
    const done = await this.cli(['-e', sql]);
    if (done.code !== 0)
      process.stderr.write(`bench: cleaning up on Kafka: ${done.stderr.trim()}\n`);
  }
}

/** Whether something accepts TCP connections at host:port within 3 s. */
export function reachable(bootstrap: string): Promise<boolean> {
  const first = bootstrap.split(',')[0]!;
  const colon = first.lastIndexOf(':');
  const host = colon > 0 ? first.slice(0, colon) : first;
  const port = colon > 0 ? Number(first.slice(colon + 1)) : 9092;
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
