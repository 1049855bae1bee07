/**
 * What the Log contract tests run against: a way to open a Log of one backend, and names for
 * topics and groups that no other test (or earlier run, on a shared Kafka cluster) uses.
 */
import type { Log, LogRecord, ProducerRecord } from '../../../src/log/log.js';

export interface LogSubject {
  /** Shown in test names: `embedded`, `kafka`. */
  readonly name: string;
  /** Opens a Log on the backend; the tests close it. */
  open(): Promise<Log>;
  /** A topic or group name unique to this test run. */
  unique(base: string): string;
}

/** A counter and a run id, so that names never repeat on a broker that outlives the run. */
export function uniqueNames(): (base: string) => string {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  let n = 0;
  return (base) => `${base}-${run}-${n++}`;
}

/** A record of text; its timestamp defaults to now (a broker's retention may drop old ones). */
export function record(
  key: string | null,
  value: string | null,
  timestamp = Date.now(),
  partition?: number,
): ProducerRecord {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    timestamp,
    ...(partition === undefined ? {} : { partition }),
  };
}

export const text = (b: Buffer | null): string | null => (b === null ? null : b.toString());

/** Every record of a partition from `from`, read `step` at a time, as a query's cursor does. */
export async function readAll(
  log: Log,
  topic: string,
  partition: number,
  step = 1000,
  from = 0,
): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  let offset = from;
  for (;;) {
    const batch = await log.read(topic, partition, offset, step);
    if (batch.length === 0) return out;
    for (const r of batch) out.push(r);
    offset = batch[batch.length - 1]!.offset + 1;
  }
}

/** Every record of every partition, with the position a reader ends at in each. */
export async function drain(
  log: Log,
  topic: string,
): Promise<{ records: LogRecord[]; positions: number[] }> {
  const starts = await log.startOffsets(topic);
  const records: LogRecord[] = [];
  const positions: number[] = [];
  for (let p = 0; p < starts.length; p++) {
    const got = await readAll(log, topic, p, 500, starts[p]!);
    records.push(...got);
    positions.push(got.length > 0 ? got[got.length - 1]!.offset + 1 : starts[p]!);
  }
  return { records, positions };
}
