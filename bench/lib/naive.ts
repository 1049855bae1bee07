/**
 * The baseline: a naive Node.js loop over the same records held in memory, doing by hand what
 * each query does — `JSON.parse` the value, the same filter, aggregation or lookup, and
 * `JSON.stringify` the output row into bytes. No log, no durability, no batching: the speed of
 * light for one core, against which the engine's throughput is a ratio.
 */
import { type BenchRecord, pageviews, prng, profiles, TUMBLE_MS, users } from './generate.js';
import { passesFilter, type WorkloadName } from './workloads.js';

export interface NaiveArgs {
  readonly records: number;
  readonly profiles: number;
  /** How many pull lookups to time against the in-memory 1M-key map. */
  readonly lookups: number;
}

export interface NaiveRun {
  readonly workload: WorkloadName;
  readonly records: number;
  readonly outputRecords: number;
  readonly seconds: number;
  /** CPU time of the process over the loop (the loop is single-threaded; GC adds a little). */
  readonly cpuSeconds: number;
  readonly recordsPerS: number;
}

interface Pageview {
  readonly user_id: string;
  readonly page_id: string;
  readonly url: string;
  readonly duration_ms: number;
  readonly status: number;
}

interface User {
  readonly name: string;
  readonly region: string;
  readonly level: number;
}

/** Runs every naive loop once, in the order of the workloads. */
export async function naive(args: NaiveArgs): Promise<NaiveRun[]> {
  const input = [...pageviews(args.records)];
  const table = users();
  const runs = [
    time('project_filter', input.length, () => projectFilter(input)),
    time('tumbling_count', input.length, () => tumblingCount(input)),
    time('stream_table_join', input.length, () => streamTableJoin(input, table)),
  ];
  input.length = 0;
  runs.push(pullLookups(args.profiles, args.lookups));
  return Promise.resolve(runs);
}

function time(workload: WorkloadName, records: number, loop: () => number): NaiveRun {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outputRecords = loop();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { workload, records, outputRecords, seconds, cpuSeconds, recordsPerS: records / seconds };
}

/** Counts the output, and keeps its bytes alive long enough that no work can be skipped. */
class Sink {
  count = 0;
  bytes = 0;
  write(key: Buffer, value: Buffer): void {
    this.count++;
    this.bytes += key.length + value.length;
  }
}

function projectFilter(input: readonly BenchRecord[]): number {
  const sink = new Sink();
  for (const r of input) {
    const v = JSON.parse(r.value.toString('utf8')) as Pageview;
    if (!passesFilter(v)) continue;
    const out = { PAGE_ID: v.page_id, URL: v.url, DURATION_MS: v.duration_ms };
    sink.write(r.key, Buffer.from(JSON.stringify(out)));
  }
  return sink.count;
}

/** COUNT(*) per user per 1-minute window, emitting every update with a time-windowed key. */
function tumblingCount(input: readonly BenchRecord[]): number {
  const sink = new Sink();
  const counts = new Map<string, number>();
  for (const r of input) {
    const v = JSON.parse(r.value.toString('utf8')) as Pageview;
    const start = r.timestamp - (r.timestamp % TUMBLE_MS);
    const group = `${v.user_id}\u0000${start}`;
    const views = (counts.get(group) ?? 0) + 1;
    counts.set(group, views);
    const key = Buffer.allocUnsafe(r.key.length + 8);
    r.key.copy(key);
    key.writeUInt32BE(Math.floor(start / 2 ** 32), r.key.length);
    key.writeUInt32BE(start >>> 0, r.key.length + 4);
    sink.write(key, Buffer.from(JSON.stringify({ VIEWS: views })));
  }
  return sink.count;
}

function streamTableJoin(input: readonly BenchRecord[], table: readonly BenchRecord[]): number {
  const sink = new Sink();
  const rows = new Map<string, User>();
  for (const r of table)
    rows.set(r.key.toString('utf8'), JSON.parse(r.value.toString('utf8')) as User);
  for (const r of input) {
    const v = JSON.parse(r.value.toString('utf8')) as Pageview;
    const u = rows.get(v.user_id);
    if (!u) continue;
    const out = {
      PAGE_ID: v.page_id,
      DURATION_MS: v.duration_ms,
      NAME: u.name,
      REGION: u.region,
      LEVEL: u.level,
    };
    sink.write(r.key, Buffer.from(JSON.stringify(out)));
  }
  return sink.count;
}

/** Lookups by key in a Map of the 1M profiles (built first, untimed), each row serialized. */
function pullLookups(count: number, lookups: number): NaiveRun {
  const rows = new Map<string, unknown>();
  for (const r of profiles(count))
    rows.set(r.key.toString('utf8'), JSON.parse(r.value.toString('utf8')));
  const rand = prng(7);
  const keys = Array.from({ length: lookups }, () => `Profile_${Math.floor(rand() * count)}`);
  return time('pull_lookup', lookups, () => {
    const sink = new Sink();
    for (const k of keys)
      sink.write(Buffer.from(k), Buffer.from(JSON.stringify(rows.get(k) ?? null)));
    return sink.count;
  });
}
