/**
 * Pull queries on a table that a running CTAS aggregation writes are answered from that query's
 * store (runtime/table-materialization.ts). Each case checks explicit rows, and that the same
 * pull queries give the same rows once the query is terminated, when the table is read from
 * its topic instead: two independent paths to one answer. Run with stores in memory and on disk.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';

const dirs: string[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let dir = '';

async function open(onDisk: boolean): Promise<Engine> {
  dir = mkdtempSync(join(tmpdir(), 'streamsql-pull-'));
  dirs.push(dir);
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  const engine = await Engine.open({
    log,
    functions: builtinRegistry(),
    ...(onDisk ? { stateDir: join(dir, 'state') } : {}),
  });
  engines.push(engine);
  return engine;
}

async function pull(engine: Engine, sql: string): Promise<(readonly unknown[])[]> {
  const [result] = await engine.executeScript(sql);
  if (result?.kind !== 'table') throw new Error(`not rows: ${JSON.stringify(result)}`);
  const text = (row: readonly unknown[]) => row.map(String).join('\u0000');
  return [...result.rows].sort((a, b) => (text(a) < text(b) ? -1 : 1));
}

/** The rows of each pull query, from the query's store and then, terminated, from the topic. */
async function bothWays(
  engine: Engine,
  queries: readonly string[],
): Promise<(readonly unknown[])[][]> {
  const fromStore: (readonly unknown[])[][] = [];
  for (const q of queries) fromStore.push(await pull(engine, q));
  // Nothing read the table's topic: on disk, that would have left a view file.
  expect(existsSync(join(dir, 'state', 'pull'))).toBe(false);
  for (const id of [...engine.queries.keys()]) await engine.executeScript(`TERMINATE ${id};`);
  for (const [i, q] of queries.entries()) {
    expect(await pull(engine, q), `${q} from the topic`).toEqual(fromStore[i]);
  }
  return fromStore;
}

const ORDERS = `SET 'auto.offset.reset' = 'earliest';
CREATE STREAM orders (id INT KEY, customer STRING, region STRING, amount INT)
  WITH (kafka_topic='orders', partitions=3, value_format='JSON');`;

function orders(rows: readonly [string, string, number, number][]): string {
  return rows
    .map(
      ([customer, region, amount, ts], i) =>
        `INSERT INTO orders (id, customer, region, amount, ROWTIME) VALUES (${i}, '${customer}', '${region}', ${amount}, ${ts});`,
    )
    .join('\n');
}

describe.each([
  ['in memory', false],
  ['on disk', true],
])('pull queries from a CTAS store (%s)', (_name, onDisk) => {
  it('look keys up, IN lists, scans, HAVING and aliases as the topic has them', async () => {
    const engine = await open(onDisk);
    await engine.executeScript(`${ORDERS}
CREATE TABLE spend AS SELECT customer AS who, COUNT(*) AS n, SUM(amount) AS total
  FROM orders GROUP BY customer HAVING SUM(amount) > 5;
${orders([
  ['ann', 'eu', 4, 1000],
  ['bob', 'us', 9, 1001],
  ['ann', 'eu', 3, 1002],
  ['cy', 'us', 1, 1003],
  ['bob', 'us', 2, 1004],
])}`);
    await engine.drain();
    const [ann, missing, inList, all, lowCy, filtered] = await bothWays(engine, [
      "SELECT * FROM spend WHERE who = 'ann';",
      "SELECT * FROM spend WHERE who = 'nobody';",
      "SELECT who, total FROM spend WHERE who IN ('bob', 'ann', 'zed');",
      'SELECT * FROM spend;',
      "SELECT * FROM spend WHERE who = 'cy';",
      "SELECT who FROM spend WHERE who = 'bob' AND n > 1;",
    ]);
    expect(ann).toEqual([['ann', 2n, 7]]);
    expect(missing).toEqual([]);
    expect(inList).toEqual([
      ['ann', 7],
      ['bob', 11],
    ]);
    expect(all).toEqual([
      ['ann', 2n, 7],
      ['bob', 2n, 11],
    ]);
    // cy's total of 1 fails the HAVING: the table has no row for it.
    expect(lowCy).toEqual([]);
    expect(filtered).toEqual([['bob']]);
  });

  it('give every window of a key of a windowed table, with its bounds', async () => {
    const engine = await open(onDisk);
    await engine.executeScript(`${ORDERS}
CREATE TABLE per_minute AS SELECT customer, COUNT(*) AS n FROM orders
  WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY customer;
${orders([
  ['ann', 'eu', 1, 0],
  ['ann', 'eu', 1, 30_000],
  ['ann', 'eu', 1, 61_000],
  ['bob', 'us', 1, 62_000],
])}`);
    await engine.drain();
    const [ann, later, bob] = await bothWays(engine, [
      "SELECT customer, WINDOWSTART, WINDOWEND, n FROM per_minute WHERE customer = 'ann';",
      "SELECT customer, n FROM per_minute WHERE customer = 'ann' AND WINDOWSTART >= 60000;",
      "SELECT * FROM per_minute WHERE customer IN ('bob');",
    ]);
    expect(ann).toEqual([
      ['ann', 0n, 60_000n, 2n],
      ['ann', 60_000n, 120_000n, 1n],
    ]);
    expect(later).toEqual([['ann', 1n]]);
    expect(bob).toEqual([['bob', 60_000n, 120_000n, 1n]]);
  });

  it('look up multi-column keys and session windows', async () => {
    const engine = await open(onDisk);
    await engine.executeScript(`${ORDERS}
CREATE TABLE by_pair WITH (key_format='JSON') AS
  SELECT customer, region, SUM(amount) AS total FROM orders GROUP BY customer, region;
CREATE TABLE sessions AS SELECT customer, COUNT(*) AS n FROM orders
  WINDOW SESSION (10 SECONDS) GROUP BY customer;
${orders([
  ['ann', 'eu', 1, 0],
  ['ann', 'us', 2, 5_000],
  ['ann', 'eu', 4, 8_000],
  ['ann', 'eu', 8, 60_000],
])}`);
    await engine.drain();
    const [pair, partial, session] = await bothWays(engine, [
      "SELECT * FROM by_pair WHERE customer = 'ann' AND region = 'eu';",
      "SELECT * FROM by_pair WHERE customer = 'ann';",
      "SELECT customer, WINDOWSTART, WINDOWEND, n FROM sessions WHERE customer = 'ann';",
    ]);
    expect(pair).toEqual([['ann', 'eu', 13]]);
    expect(partial).toEqual([
      ['ann', 'eu', 13],
      ['ann', 'us', 2],
    ]);
    expect(session).toEqual([
      ['ann', 0n, 8_000n, 3n],
      ['ann', 60_000n, 60_000n, 1n],
    ]);
  });
});

describe('pull query rules', () => {
  it('refuse ROWPARTITION and ROWOFFSET as ksqlDB does', async () => {
    const engine = await open(false);
    await engine.executeScript(`${ORDERS}
CREATE TABLE spend AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;`);
    await expect(
      engine.executeScript("SELECT customer, ROWOFFSET FROM spend WHERE customer = 'a';"),
    ).rejects.toThrow("Pull queries don't support ROWPARTITION or ROWOFFSET in SELECT clauses.");
    await expect(
      engine.executeScript('SELECT * FROM spend WHERE ROWPARTITION = 0;'),
    ).rejects.toThrow("Pull queries don't support ROWPARTITION or ROWOFFSET in WHERE clauses.");
  });

  it('need ksql.query.pull.table.scan.enabled for anything but key lookups', async () => {
    const engine = await open(false);
    await engine.executeScript(`${ORDERS}
CREATE TABLE spend AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;
${orders([['ann', 'eu', 4, 1000]])}
SET 'ksql.query.pull.table.scan.enabled' = 'false';`);
    await engine.drain();
    await expect(engine.executeScript('SELECT * FROM spend WHERE total > 1;')).rejects.toThrow(
      'Query requires table scan to be enabled. Table scans can be enabled by setting ' +
        'ksql.query.pull.table.scan.enabled=true',
    );
    expect(await pull(engine, "SELECT * FROM spend WHERE customer IN ('ann');")).toEqual([
      ['ann', 4],
    ]);
  });

  it('read an EMIT FINAL table from its topic: closed windows only', async () => {
    const engine = await open(true);
    await engine.executeScript(`${ORDERS}
CREATE TABLE final_counts AS SELECT customer, COUNT(*) AS n FROM orders
  WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 0 SECONDS) GROUP BY customer EMIT FINAL;
INSERT INTO orders (id, customer, region, amount, ROWTIME) VALUES (1, 'ann', 'eu', 1, 1000);
INSERT INTO orders (id, customer, region, amount, ROWTIME) VALUES (1, 'ann', 'eu', 1, 12000);`);
    await engine.drain();
    // The store also holds the open window [10 s, 20 s); the topic has only the closed one.
    expect(
      await pull(engine, "SELECT WINDOWSTART, n FROM final_counts WHERE customer = 'ann';"),
    ).toEqual([[0n, 1n]]);
    expect(existsSync(join(dir, 'state', 'pull', 'FINAL_COUNTS'))).toBe(true);
  });
});
