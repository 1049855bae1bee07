/**
 * Exactly once on the embedded log: a real `streamsql start` process is killed with SIGKILL at
 * random moments while it works through 100,000 records, restarted each time on the same data
 * directory, and every output is then checked against an oracle computed independently from the
 * input: no record lost, none emitted twice, every running count in order. The aggregate keeps
 * its store on disk (`<data-dir>/state`), written after each log commit: a kill between the two
 * leaves the file behind its changelog, which the restart replays.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import { cli, ROOT, tempDir } from './run-cli.js';
import { readTopicOf } from '../log/read-topic.js';

const RECORDS = 100_000;
const KEYS = 500;

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function prepare(dir: string): Promise<{ k: string; v: number; id: number }[]> {
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  const engine = await Engine.open({ log, functions: builtinRegistry() });
  await engine.executeScript(`
    SET 'auto.offset.reset' = 'earliest';
    CREATE STREAM input (id INT KEY, k STRING, v INT) WITH (kafka_topic='input', partitions=2, value_format='JSON');
    CREATE STREAM big AS SELECT id, k, v FROM input WHERE v >= 50;
    CREATE TABLE totals AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM input GROUP BY k;`);
  const rand = lcg(42);
  const data = Array.from({ length: RECORDS }, (_, id) => ({
    id,
    k: `k${Math.floor(rand() * KEYS)}`,
    v: Math.floor(rand() * 100),
  }));
  for (let i = 0; i < data.length; i += 5000) {
    await log.append(
      'input',
      data.slice(i, i + 5000).map((r) => {
        const key = Buffer.alloc(4);
        key.writeInt32BE(r.id);
        return {
          key,
          value: Buffer.from(JSON.stringify({ K: r.k, V: r.v })),
          timestamp: 1_000 + r.id,
        };
      }),
    );
  }
  await engine.close();
  return data;
}

/**
 * Starts `streamsql start` and kills it with SIGKILL `ms` after the aggregate's output topic
 * first grew in this run (so that the kill lands while it processes, at a random point among
 * log commits and state store writes), or after 8 s if it did not (nothing left to process).
 */
function runAndKill(dir: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const before = topicBytes(dir, 'TOTALS');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'streamsql.js'), 'start', '--data-dir', dir],
      {
        stdio: 'ignore',
      },
    );
    const kill = () => child.kill('SIGKILL');
    let timer = setTimeout(kill, 8_000);
    const watch = setInterval(() => {
      if (topicBytes(dir, 'TOTALS') === before) return;
      clearInterval(watch);
      clearTimeout(timer);
      timer = setTimeout(kill, ms);
    }, 5);
    child.on('exit', () => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The bytes of a topic's files in the embedded log's directory. */
function topicBytes(dir: string, topic: string): number {
  let bytes = 0;
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const p = join(at, entry.name);
      if (entry.isDirectory()) walk(p);
      else bytes += statSync(p).size;
    }
  };
  try {
    walk(join(dir, 'topics', topic));
  } catch {
    // A file moved away while read: counted next time.
  }
  return bytes;
}

describe('crash safety', () => {
  it('loses and duplicates nothing when killed with SIGKILL at random points', async () => {
    const dir = tempDir();
    const data = await prepare(dir);
    const rand = lcg(7);
    for (let i = 0; i < 8; i++) await runAndKill(dir, Math.floor(rand() * 800));
    const finish = cli(['-e', 'SHOW QUERIES;', '--data-dir', dir], '', 240_000);
    expect(finish.stderr).toBe('');
    expect(finish.code).toBe(0);

    // The filtered stream: each qualifying input exactly once, in input order per partition.
    const big = await readTopicOf(dir, 'BIG');
    const ids = big.map((r) => r.key!.readInt32BE(0));
    const expected = data.filter((r) => r.v >= 50).map((r) => r.id);
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(expected);

    // The table's changelog: per key, counts 1, 2, 3, … with running sums, ending at the totals.
    const totals = await readTopicOf(dir, 'TOTALS');
    const seen = new Map<string, { n: number; total: number }>();
    for (const r of totals) {
      const k = r.key!.toString('utf8');
      const value = JSON.parse(r.value!.toString('utf8')) as { N: number; TOTAL: number };
      const prev = seen.get(k) ?? { n: 0, total: 0 };
      expect(value.N).toBe(prev.n + 1);
      seen.set(k, { n: value.N, total: value.TOTAL });
    }
    const oracle = new Map<string, { n: number; total: number }>();
    for (const r of data) {
      const o = oracle.get(r.k) ?? { n: 0, total: 0 };
      oracle.set(r.k, { n: o.n + 1, total: o.total + r.v });
    }
    expect(seen).toEqual(oracle);

    // The aggregate's store was on disk, one file per task partition.
    const [query] = readdirSync(join(dir, 'state')).filter((d) => d.startsWith('CTAS_TOTALS'));
    expect(readdirSync(join(dir, 'state', query!))).toHaveLength(2);
  }, 300_000);
});
