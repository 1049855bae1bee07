/**
 * Exactly once for join state on the embedded log: a real `streamsql start` process running a
 * stream-stream join and a stream-table join is killed with SIGKILL at random moments while it
 * works through 100,000 records, restarted each time on the same data directory, and both
 * outputs are then checked against oracles computed independently from the input: every join
 * result exactly once, none missing, each enriched row with the table value as of its time.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { ProducerRecord } from '../../src/log/log.js';
import { cli, ROOT, tempDir } from './run-cli.js';
import { readTopicOf } from '../log/read-topic.js';

const CLICKS = 50_000;
const VIEWS = 50_000;
const USERS = 200;
const LEVEL_UPDATES = 5_000;
/** The join window, in ms; a user gets a click and a view about every USERS ms. */
const WITHIN_MS = 300;

interface Event {
  readonly u: string;
  readonly id: number;
  readonly ts: number;
}
interface LevelUpdate {
  readonly u: string;
  readonly level: number;
  readonly ts: number;
}

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Input {
  readonly clicks: Event[];
  readonly views: Event[];
  readonly levels: LevelUpdate[];
}

/** Clicks at timestamps ≡ 0 (mod 4), views ≡ 2, level updates odd: no ties between sources. */
function generate(): Input {
  const rand = lcg(1234);
  const user = () => `u${Math.floor(rand() * USERS)}`;
  const clicks = Array.from({ length: CLICKS }, (_, id) => ({
    u: user(),
    id,
    ts: 10_000 + 4 * id,
  }));
  const views = Array.from({ length: VIEWS }, (_, id) => ({ u: user(), id, ts: 10_002 + 4 * id }));
  const span = 4 * CLICKS;
  const levels = Array.from({ length: LEVEL_UPDATES }, (_, i) => ({
    u: user(),
    level: i,
    ts: 10_001 + 2 * Math.floor((i * span) / LEVEL_UPDATES / 2),
  }));
  return { clicks, views, levels };
}

const keyed = (u: string, value: object, ts: number): ProducerRecord => ({
  key: Buffer.from(u, 'utf8'),
  value: Buffer.from(JSON.stringify(value)),
  timestamp: ts,
});

async function prepare(dir: string, input: Input): Promise<void> {
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  const engine = await Engine.open({ log, functions: builtinRegistry() });
  await engine.executeScript(`
    SET 'auto.offset.reset' = 'earliest';
    CREATE STREAM clicks (u STRING KEY, id INT) WITH (kafka_topic='clicks', partitions=2, value_format='JSON');
    CREATE STREAM views (u STRING KEY, id INT) WITH (kafka_topic='views', partitions=2, value_format='JSON');
    CREATE TABLE users (u STRING PRIMARY KEY, level INT) WITH (kafka_topic='users', partitions=2, value_format='JSON');
    CREATE STREAM pairs AS SELECT c.u AS u, c.id AS cid, v.id AS vid
      FROM clicks c JOIN views v WITHIN ${WITHIN_MS} MILLISECONDS ON c.u = v.u;
    CREATE STREAM enriched AS SELECT c.u AS u, c.id AS cid, users.level AS level
      FROM clicks c LEFT JOIN users ON c.u = users.u;`);
  const write = async (topic: string, records: ProducerRecord[]) => {
    for (let i = 0; i < records.length; i += 5000)
      await log.append(topic, records.slice(i, i + 5000));
  };
  await write(
    'users',
    input.levels.map((l) => keyed(l.u, { LEVEL: l.level }, l.ts)),
  );
  await write(
    'clicks',
    input.clicks.map((c) => keyed(c.u, { ID: c.id }, c.ts)),
  );
  await write(
    'views',
    input.views.map((v) => keyed(v.u, { ID: v.id }, v.ts)),
  );
  await engine.close();
}

/** The bytes of the data directory's topic files: grows as the query commits its work. */
function topicBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(join(dir, 'topics'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/**
 * Starts `streamsql start` and kills it with SIGKILL once it has written `bytes` more (outputs
 * and changelogs), so the kill lands in the middle of the work however slow the start-up; or
 * after `maxMs` when it writes no more.
 */
function runAndKill(dir: string, bytes: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const before = topicBytes(dir);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'streamsql.js'), 'start', '--data-dir', dir],
      { stdio: 'ignore' },
    );
    const started = Date.now();
    const poll = setInterval(() => {
      if (topicBytes(dir) - before >= bytes || Date.now() - started > maxMs) child.kill('SIGKILL');
    }, 20);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

/** Every (click, view) of the same user within the window, as "click:view", sorted. */
function pairOracle(input: Input): string[] {
  const viewsByUser = new Map<string, Event[]>();
  for (const v of input.views) {
    const list = viewsByUser.get(v.u) ?? [];
    list.push(v);
    viewsByUser.set(v.u, list);
  }
  const out: string[] = [];
  for (const c of input.clicks)
    for (const v of viewsByUser.get(c.u) ?? [])
      if (Math.abs(c.ts - v.ts) <= WITHIN_MS) out.push(`${c.id}:${v.id}`);
  return out.sort();
}

/** Each click's user level as of the click's time (the last update before it), or null. */
function levelOracle(input: Input): Map<number, number | null> {
  const events = [
    ...input.levels.map((l) => ({ ts: l.ts, level: l })),
    ...input.clicks.map((c) => ({ ts: c.ts, click: c })),
  ].sort((a, b) => a.ts - b.ts);
  const current = new Map<string, number>();
  const out = new Map<number, number | null>();
  for (const e of events) {
    if ('level' in e) current.set(e.level.u, e.level.level);
    else out.set(e.click.id, current.get(e.click.u) ?? null);
  }
  return out;
}

describe('crash safety of joins', () => {
  it('loses and duplicates no join result when killed with SIGKILL at random points', async () => {
    const dir = tempDir();
    const input = generate();
    await prepare(dir, input);
    const rand = lcg(99);
    const expectedPairs = pairOracle(input);
    // Kills that stopped the work part way: the test is only worth something if there are some.
    let interrupted = 0;
    for (let i = 0; i < 8; i++) {
      await runAndKill(dir, 50_000 + Math.floor(rand() * 2_000_000), 20_000);
      if ((await readTopicOf(dir, 'PAIRS')).length < expectedPairs.length) interrupted++;
    }
    expect(interrupted).toBeGreaterThanOrEqual(2);
    const finish = cli(['-e', 'SHOW QUERIES;', '--data-dir', dir], '', 240_000);
    expect(finish.stderr).toBe('');
    expect(finish.code, finish.stdout).toBe(0);

    const pairs = (await readTopicOf(dir, 'PAIRS')).map((r) => {
      const value = JSON.parse(r.value!.toString('utf8')) as { CID: number; VID: number };
      return `${value.CID}:${value.VID}`;
    });
    expect(expectedPairs.length).toBeGreaterThan(CLICKS / 2);
    expect(pairs.length).toBe(expectedPairs.length);
    expect(pairs.sort()).toEqual(expectedPairs);

    const enriched = await readTopicOf(dir, 'ENRICHED');
    const levels = new Map<number, number | null>();
    for (const r of enriched) {
      const value = JSON.parse(r.value!.toString('utf8')) as {
        CID: number;
        LEVEL: number | null;
      };
      expect(levels.has(value.CID)).toBe(false);
      levels.set(value.CID, value.LEVEL);
    }
    expect(levels).toEqual(levelOracle(input));
  }, 300_000);
});
