/**
 * An engine with a state directory keeps its queries' stores and its pull views in files
 * there: restarted on the same data directory, a CTAS aggregate answers pull queries from its
 * store as before and goes on counting from where it was; once terminated, its table is read
 * from its topic; TERMINATE and DROP TABLE delete the files.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import type { StatementResult } from '../../src/engine/results.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(dir: string): Promise<Engine> {
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  return Engine.open({ log, functions: builtinRegistry(), stateDir: join(dir, 'state') });
}

function rows(results: readonly StatementResult[]): (readonly unknown[])[] {
  const last = results[results.length - 1]!;
  if (last.kind !== 'table') throw new Error(`not a table: ${last.kind}`);
  return [...last.rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

function inserts(from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    out.push(`INSERT INTO input (id, k, v) VALUES (${i}, 'k${i % 5}', ${i});`);
  }
  return out.join('\n');
}

/** The expected totals of inputs 0 … n-1, computed independently of the engine. */
function totals(n: number): unknown[][] {
  const byKey = new Map<string, { n: bigint; total: number }>();
  for (let i = 0; i < n; i++) {
    const t = byKey.get(`k${i % 5}`) ?? { n: 0n, total: 0 };
    byKey.set(`k${i % 5}`, { n: t.n + 1n, total: t.total + i });
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, t]) => [k, t.n, t.total]);
}

describe('state directory', () => {
  it('brings a CTAS aggregate back from its files and goes on counting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamsql-state-'));
    dirs.push(dir);
    let engine = await open(dir);
    await engine.executeScript(`SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM input (id INT KEY, k STRING, v INT) WITH (kafka_topic='input', partitions=2, value_format='JSON');
      CREATE TABLE totals AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM input GROUP BY k;
      ${inserts(0, 40)}`);
    await engine.drain();
    const before = rows(await engine.executeScript('SELECT * FROM totals;'));
    expect(before).toEqual(totals(40));
    expect(rows(await engine.executeScript(`SELECT * FROM totals WHERE k = 'k3';`))).toEqual([
      totals(40)[3],
    ]);
    const queryId = [...engine.queries.keys()][0]!;
    await engine.close();
    const stores = readdirSync(join(dir, 'state', queryId));
    expect(stores.length).toBeGreaterThan(0);
    // Pull queries read the running CTAS's own store: no second copy of the table.
    expect(existsSync(join(dir, 'state', 'pull', 'TOTALS'))).toBe(false);

    engine = await open(dir);
    expect(rows(await engine.executeScript('SELECT * FROM totals;'))).toEqual(before);
    await engine.executeScript(inserts(40, 70));
    await engine.drain();
    expect(rows(await engine.executeScript('SELECT * FROM totals;'))).toEqual(totals(70));
    await engine.close();

    // The table's topic holds each key's running count: 1, 2, 3, … with no gap or repeat.
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    const counts = new Map<string, number[]>();
    const ends = await log.endOffsets('TOTALS');
    for (let p = 0; p < ends.length; p++) {
      for (const r of await log.read('TOTALS', p, 0, 1000)) {
        const k = r.key!.toString('utf8');
        const { N } = JSON.parse(r.value!.toString('utf8')) as { N: number };
        counts.set(k, [...(counts.get(k) ?? []), N]);
      }
    }
    await log.close();
    for (const [, ns] of counts) expect(ns).toEqual(ns.map((_n, i) => i + 1));
    expect(counts.size).toBe(5);

    engine = await open(dir);
    await engine.executeScript(`TERMINATE ${queryId};`);
    expect(existsSync(join(dir, 'state', queryId))).toBe(false);
    // With no query writing it, the table is read from its topic, through a view in a file.
    expect(rows(await engine.executeScript('SELECT * FROM totals;'))).toEqual(totals(70));
    expect(readdirSync(join(dir, 'state', 'pull'))).toEqual(['TOTALS']);
    await engine.executeScript('DROP TABLE totals;');
    expect(existsSync(join(dir, 'state', 'pull', 'TOTALS'))).toBe(false);
    await engine.close();
  });

  it('keeps a table source in files and restores it for a join after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamsql-state-'));
    dirs.push(dir);
    let engine = await open(dir);
    await engine.executeScript(`SET 'auto.offset.reset' = 'earliest';
      CREATE TABLE users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='users', partitions=1, value_format='JSON');
      CREATE STREAM clicks (uid STRING KEY, n INT) WITH (kafka_topic='clicks', partitions=1, value_format='JSON');
      CREATE TABLE by_name AS SELECT name, COUNT(*) AS users FROM users GROUP BY name;
      INSERT INTO users (id, name) VALUES ('u1', 'ann');
      INSERT INTO users (id, name) VALUES ('u2', 'bob');`);
    await engine.drain();
    await engine.close();
    engine = await open(dir);
    // u1 moves from ann to bob: the table source must still know u1's old row.
    await engine.executeScript(`INSERT INTO users (id, name) VALUES ('u1', 'bob');`);
    await engine.drain();
    expect(rows(await engine.executeScript('SELECT * FROM by_name;'))).toEqual([
      ['ann', 0n],
      ['bob', 2n],
    ]);
    expect(rows(await engine.executeScript('SELECT * FROM users;'))).toEqual([
      ['u1', 'bob'],
      ['u2', 'bob'],
    ]);
    await engine.close();
  });
});
