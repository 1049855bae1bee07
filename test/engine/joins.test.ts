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

const STREAMS = `
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM orders (id INT KEY, customer STRING, amount INT) WITH (kafka_topic='orders', partitions=1, value_format='JSON');
CREATE TABLE customers (name STRING PRIMARY KEY, city STRING) WITH (kafka_topic='customers', partitions=1, value_format='JSON');
`;

describe('joins', () => {
  it('joins a stream to a table on the table key, as of the stream record', async () => {
    t = await openTestEngine();
    // Explicit times: the join takes the sources in timestamp order, and wall-clock times of
    // successive INSERTs may be the same millisecond.
    const rows = await t.run(`${STREAMS}
INSERT INTO customers (name, city, ROWTIME) VALUES ('alice', 'Paris', 1000);
INSERT INTO orders (id, customer, amount, ROWTIME) VALUES (1, 'alice', 10, 2000);
INSERT INTO orders (id, customer, amount, ROWTIME) VALUES (2, 'bob', 5, 3000);
INSERT INTO customers (name, city, ROWTIME) VALUES ('bob', 'Oslo', 4000);
INSERT INTO orders (id, customer, amount, ROWTIME) VALUES (3, 'bob', 7, 5000);
CREATE STREAM enriched AS SELECT o.customer, o.id, o.amount, c.city FROM orders o LEFT JOIN customers c ON o.customer = c.name;
SELECT * FROM enriched EMIT CHANGES;`);
    expect(rows).toEqual([
      { CUSTOMER: 'alice', ID: 1, AMOUNT: 10, CITY: 'Paris' },
      { CUSTOMER: 'bob', ID: 2, AMOUNT: 5, CITY: null },
      { CUSTOMER: 'bob', ID: 3, AMOUNT: 7, CITY: 'Oslo' },
    ]);
  });

  it('joins two streams within a window, with ksqlDB column names for SELECT *', async () => {
    t = await openTestEngine();
    const rows = await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM l (a INT KEY, b INT) WITH (kafka_topic='l', partitions=1, value_format='JSON');
CREATE STREAM r (a INT KEY, c INT) WITH (kafka_topic='r', partitions=1, value_format='JSON');
CREATE STREAM out AS SELECT * FROM l JOIN r WITHIN 10 SECONDS ON l.a = r.a;
INSERT INTO l (a, b, ROWTIME) VALUES (1, 10, 1000);
INSERT INTO r (a, c, ROWTIME) VALUES (1, 20, 5000);
INSERT INTO r (a, c, ROWTIME) VALUES (1, 30, 60000);
SELECT * FROM out EMIT CHANGES;`);
    expect(t.engine.metastore.getSource('OUT')!.columns.map((c) => c.name)).toEqual([
      'L_A',
      'L_B',
      'R_A',
      'R_C',
    ]);
    expect(rows).toEqual([{ L_A: 1, L_B: 10, R_A: 1, R_C: 20 }]);
  });

  it('joins two tables on their keys and retracts when a side is deleted', async () => {
    t = await openTestEngine();
    await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE TABLE a (id INT PRIMARY KEY, x STRING) WITH (kafka_topic='a', partitions=1, value_format='JSON');
CREATE TABLE b (id INT PRIMARY KEY, y STRING) WITH (kafka_topic='b', partitions=1, value_format='JSON');
CREATE TABLE ab AS SELECT a.id, x, y FROM a JOIN b ON a.id = b.id;
INSERT INTO a (id, x) VALUES (1, 'one');
INSERT INTO b (id, y) VALUES (1, 'uno');`);
    const pull = await t.engine.executeScript('SELECT * FROM ab;');
    expect(pull[0]).toMatchObject({ kind: 'table', rows: [[1, 'one', 'uno']] });
  });

  it('refuses stream-table joins that are not on the table key', async () => {
    t = await openTestEngine();
    await t.run(STREAMS);
    await expect(
      t.engine.executeScript(
        'CREATE STREAM bad AS SELECT * FROM orders o JOIN customers c ON o.customer = c.city;',
      ),
    ).rejects.toThrow(/stream-table joins require to join on the table's primary key/);
  });

  it('EXPLAIN shows the repartitioned join side and the join stores with their changelog topics', async () => {
    t = await openTestEngine();
    await t.run(`
CREATE STREAM l (id INT KEY, a INT) WITH (kafka_topic='l', partitions=1, value_format='JSON');
CREATE STREAM r (id INT KEY, b INT) WITH (kafka_topic='r', partitions=1, value_format='JSON');
CREATE STREAM j AS SELECT l.id, a, b FROM l LEFT JOIN r WITHIN 10 SECONDS GRACE PERIOD 1 SECOND ON l.a = r.id;`);
    const [result] = await t.engine.executeScript('EXPLAIN CSAS_J_0;');
    const text = result?.kind === 'text' ? result.text : '';
    expect(text).toMatch(/\[ JOIN \] streamStream LEFT ON A = ID .*GRACE 1000 ms/);
    expect(text).toContain(
      '[ REPARTITION ] Join-left BY A (topic: _confluent-ksql-default_query_CSAS_J_0-Join-left-repartition',
    );
    expect(text).not.toMatch(/Join-right|REKEY/);
    for (const store of ['JOINTHIS', 'OUTEROTHER', 'outer-shared-join-store']) {
      expect(text).toContain(`_confluent-ksql-default_query_CSAS_J_0-Join-`);
      expect(text).toMatch(new RegExp(`changelog: \\S+${store}\\S*-changelog`));
    }
  });
});
