/**
 * Builds the base data directory every embedded workload starts from (each gets its own copy):
 * the pageviews, users and profiles topics, loaded through the Log's producer API. Optionally
 * also writes the pageviews and users as a tab-separated file for loading into Kafka.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import { TopicLoader } from './embedded.js';
import { type BenchRecord, pageviews, profiles, users } from './generate.js';
import { EMBEDDED_TOPICS } from './workloads.js';

export interface PrepareArgs {
  readonly dataDir: string;
  readonly records: number;
  readonly profiles: number;
  /** Where to write `topic \t key \t timestamp \t value` lines for Kafka, if anywhere. */
  readonly kafkaFile?: string;
}

export interface PrepareResult {
  readonly pageviews: number;
  readonly users: number;
  readonly profiles: number;
  readonly avgValueBytes: number;
  readonly seconds: number;
}

export async function prepare(args: PrepareArgs): Promise<PrepareResult> {
  const t0 = performance.now();
  // Loading is not measured: leave flushing to the OS.
  const log = await openEmbeddedLog(args.dataDir, { fsync: 'never' });
  const file = args.kafkaFile ? createWriteStream(args.kafkaFile) : undefined;
  let valueBytes = 0;
  try {
    const counts: number[] = [];
    const sources: [string, Iterable<BenchRecord>][] = [
      [EMBEDDED_TOPICS.users, users()],
      [EMBEDDED_TOPICS.pageviews, pageviews(args.records)],
      [EMBEDDED_TOPICS.profiles, profiles(args.profiles)],
    ];
    for (const [topic, records] of sources) {
      const loader = new TopicLoader(log, topic);
      await loader.create();
      for (const r of records) {
        if (topic === EMBEDDED_TOPICS.pageviews) valueBytes += r.value.length;
        if (file && topic !== EMBEDDED_TOPICS.profiles)
          await writeLine(
            file,
            `${topic}\t${r.key.toString()}\t${r.timestamp}\t${r.value.toString()}\n`,
          );
        await loader.add(r);
      }
      await loader.flush();
      counts.push(loader.count);
    }
    return {
      users: counts[0]!,
      pageviews: counts[1]!,
      profiles: counts[2]!,
      avgValueBytes: Math.round(valueBytes / Math.max(1, counts[1]!)),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await log.close();
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }
}

async function writeLine(file: WriteStream, line: string): Promise<void> {
  if (!file.write(line)) await new Promise<void>((resolve) => file.once('drain', resolve));
}
