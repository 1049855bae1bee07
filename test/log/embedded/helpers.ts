/** Shared pieces of the embedded log's tests: scratch directories and whole-partition reads. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import type { Log, LogRecord, ProducerRecord } from '../../../src/log/log.js';

const made: string[] = [];

/** A fresh directory, removed after the test. */
export function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-log-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function record(
  key: string | null,
  value: string | null,
  timestamp = 0,
  partition?: number,
): ProducerRecord {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    timestamp,
    ...(partition === undefined ? {} : { partition }),
  };
}

/** Every record of a partition from `from`, read `step` at a time. */
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

export const text = (b: Buffer | null): string | null => (b === null ? null : b.toString());

/** The segment files of a partition, oldest first. */
export function segmentFiles(dataDir: string, topic: string, partition: number): string[] {
  const dir = path.join(dataDir, 'topics', topic, String(partition));
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => path.join(dir, f));
}
