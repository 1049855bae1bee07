/**
 * End-to-end latency at a fixed moderate rate: a producer appends pageviews to a live topic at
 * `rate` records per second (stamped with the wall clock), the engine runs workload (a)'s query
 * continuously, and a reader of the durable sink topic takes `now − timestamp` of every output
 * record (a sink record keeps its input's timestamp). All three share one process and event
 * loop, as they must on the embedded log (one process owns a data directory).
 */
import { openEngine } from './embedded.js';
import { pageviews } from './generate.js';
import { PAGEVIEW_COLUMNS, projectFilterSql } from './workloads.js';

export interface LatencyArgs {
  readonly dataDir: string;
  readonly rate: number;
  readonly seconds: number;
  /** Outputs of records produced in the first seconds are not counted. */
  readonly warmupS: number;
}

export interface LatencyResult {
  readonly rate: number;
  readonly produced: number;
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const SOURCE = 'pv_live';
const SINK = 'PV_LIVE_OUT';
const TICK_MS = 5;

export async function latency(args: LatencyArgs): Promise<LatencyResult> {
  const { engine, log } = await openEngine(args.dataDir);
  let stopped = false;
  try {
    await engine.executeScript(`
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM PV_LIVE (${PAGEVIEW_COLUMNS})
  WITH (KAFKA_TOPIC = '${SOURCE}', PARTITIONS = 1, KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'JSON');
${projectFilterSql('PV_LIVE', SINK)}`);
    const running = engine.runUntil(() => stopped);
    const t0 = Date.now();
    const measureFrom = t0 + args.warmupS * 1000;
    const samples: number[] = [];
    const reading = readSink(
      log,
      () => stopped,
      (ts, now) => {
        if (ts >= measureFrom) samples.push(now - ts);
      },
    );
    const produced = await produce(log, args.rate, args.seconds * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stopped = true;
    await Promise.all([running, reading]);
    samples.sort((a, b) => a - b);
    const at = (q: number): number =>
      samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
    return {
      rate: args.rate,
      produced,
      samples: samples.length,
      p50: at(0.5),
      p99: at(0.99),
      max: at(1),
    };
  } finally {
    stopped = true;
    await engine.close();
  }
}

type BenchLog = Awaited<ReturnType<typeof openEngine>>['log'];

/** Appends records on a steady schedule (no drift: each tick catches up to `rate × elapsed`). */
async function produce(log: BenchLog, rate: number, durationMs: number): Promise<number> {
  const source = pageviews(Number.MAX_SAFE_INTEGER);
  const start = Date.now();
  let produced = 0;
  for (;;) {
    const now = Date.now();
    if (now - start >= durationMs) return produced;
    const due = Math.floor(((now - start) * rate) / 1000) - produced;
    if (due > 0) {
      const records = [];
      for (let i = 0; i < due; i++) records.push({ ...source.next().value!, timestamp: now });
      await log.append(SOURCE, records);
      produced += due;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
}

/** Reads every committed record of the sink as it appears. */
async function readSink(
  log: BenchLog,
  stopped: () => boolean,
  seen: (ts: number, now: number) => void,
): Promise<void> {
  let offset = 0;
  while (!stopped()) {
    const records = await log.read(SINK, 0, offset, 10_000);
    if (records.length === 0) {
      await log.waitForRecords([SINK], 50);
      continue;
    }
    const now = Date.now();
    for (const r of records) seen(r.timestamp, now);
    offset = records[records.length - 1]!.offset + 1;
  }
}
