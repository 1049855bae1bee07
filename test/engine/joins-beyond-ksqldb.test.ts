/**
 * Joins that ksqlDB refuses and streamsql runs: more than one foreign-key join in a statement,
 * a foreign-key join after another join (foreign-key joins need no co-partitioning), and
 * self-joins; and one it refuses as ksqlDB does: a key join of sources whose partition counts
 * differ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from './helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const EARLIEST = "SET 'auto.offset.reset' = 'earliest';";

const SHOP = `${EARLIEST}
CREATE TABLE orders (id INT PRIMARY KEY, customer INT, product INT) WITH (kafka_topic='orders', partitions=1, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=2, value_format='JSON');
CREATE TABLE products (pid INT PRIMARY KEY, title STRING) WITH (kafka_topic='products', partitions=3, value_format='JSON');
`;

async function pull(sql: string): Promise<unknown[][]> {
  const [result] = await t!.engine.executeScript(sql);
  if (result?.kind !== 'table') throw new Error(`not a pull result: ${result?.kind}`);
  return result.rows as unknown[][];
}

describe('joins ksqlDB refuses', () => {
  it('runs two foreign-key joins in one statement and follows changes on every table', async () => {
    t = await openTestEngine();
    await t.run(`${SHOP}
CREATE TABLE enriched AS SELECT o.id, c.name, p.title FROM orders o
  JOIN customers c ON o.customer = c.cid
  LEFT JOIN products p ON o.product = p.pid;
INSERT INTO customers (cid, name) VALUES (7, 'ann');
INSERT INTO products (pid, title) VALUES (3, 'pen');
INSERT INTO orders (id, customer, product) VALUES (1, 7, 3);
INSERT INTO orders (id, customer, product) VALUES (2, 7, 4);
INSERT INTO orders (id, customer, product) VALUES (3, 9, 3);`);
    expect(await pull('SELECT * FROM enriched;')).toEqual([
      [1, 'ann', 'pen'],
      [2, 'ann', null],
    ]);
    await t.run(`${EARLIEST}
INSERT INTO products (pid, title) VALUES (4, 'ink');
INSERT INTO customers (cid, name) VALUES (7, 'anna');
INSERT INTO orders (id, customer, product) VALUES (1, 8, 3);`);
    expect(await pull('SELECT * FROM enriched;')).toEqual([[2, 'anna', 'ink']]);
  });

  it('runs a foreign-key join after a primary-key join, keyed by the joined key', async () => {
    t = await openTestEngine();
    await t.run(`${SHOP}
CREATE TABLE notes (nid INT PRIMARY KEY, note STRING) WITH (kafka_topic='notes', partitions=1, value_format='JSON');
CREATE TABLE o2 AS SELECT o.id, n.note, c.name FROM orders o
  LEFT JOIN notes n ON o.id = n.nid
  JOIN customers c ON o.customer = c.cid;
INSERT INTO customers (cid, name) VALUES (7, 'ann');
INSERT INTO orders (id, customer, product) VALUES (1, 7, 3);
INSERT INTO notes (nid, note) VALUES (1, 'gift');`);
    expect(t.engine.metastore.getSource('O2')!.columns.map((c) => [c.name, c.namespace])).toEqual([
      ['ID', 'key'],
      ['NOTE', 'value'],
      ['NAME', 'value'],
    ]);
    expect(await pull('SELECT * FROM o2;')).toEqual([[1, 'gift', 'ann']]);
  });

  it('joins a stream to itself under two aliases', async () => {
    t = await openTestEngine();
    const rows = await t.run(`${EARLIEST}
CREATE STREAM clicks (id INT KEY, page STRING) WITH (kafka_topic='clicks', partitions=1, value_format='JSON');
CREATE STREAM pairs AS SELECT a.id, a.page AS first, b.page AS second FROM clicks a
  JOIN clicks b WITHIN 1 MINUTE ON a.id = b.id WHERE a.page <> b.page;
INSERT INTO clicks (id, page, ROWTIME) VALUES (1, 'home', 1000);
INSERT INTO clicks (id, page, ROWTIME) VALUES (1, 'cart', 2000);
SELECT * FROM pairs EMIT CHANGES;`);
    // Each click meets the other once from each side; which side sees it first is not specified.
    expect(rows.map((r) => `${String(r.FIRST)}>${String(r.SECOND)}`).sort()).toEqual([
      'cart>home',
      'home>cart',
    ]);
    expect(rows.every((r) => r.A_ID === 1)).toBe(true);
  });

  it('refuses, as ksqlDB, a key join of sources whose partition counts differ', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE STREAM views (user_id INT KEY, page STRING) WITH (kafka_topic='views', partitions=4, value_format='JSON');
CREATE TABLE users (user_id INT PRIMARY KEY, name STRING) WITH (kafka_topic='users', partitions=1, value_format='JSON');`);
    const message =
      "Can't join `V` with `U` since the number of partitions don't match. `V` partitions = 4; `U` partitions = 1. Please repartition either one so that the number of partitions match.";
    await expect(
      t.run(
        'CREATE STREAM named AS SELECT v.user_id, page, name FROM views v JOIN users u ON v.user_id = u.user_id;',
      ),
    ).rejects.toThrow(message);
    await expect(
      t.run(
        'SELECT v.user_id, page, name FROM views v JOIN users u ON v.user_id = u.user_id EMIT CHANGES;',
      ),
    ).rejects.toThrow(message);
    expect(t.engine.metastore.getSource('NAMED')).toBeUndefined();
  });
});
