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

const STREAMS = `${EARLIEST}
CREATE STREAM l (id INT KEY, a STRING) WITH (kafka_topic='l', partitions=1, value_format='JSON');
CREATE STREAM r (id INT KEY, b STRING) WITH (kafka_topic='r', partitions=1, value_format='JSON');
`;

async function restart(): Promise<void> {
  const dir = t!.dir;
  await t!.close();
  t = await openTestEngine(dir);
}

describe('join state', () => {
  it('restores a stream-stream join window after a restart', async () => {
    t = await openTestEngine();
    await t.run(`${STREAMS}
CREATE STREAM j AS SELECT l.id, a, b FROM l JOIN r WITHIN 10 SECONDS ON l.id = r.id;
INSERT INTO l (id, a, ROWTIME) VALUES (1, 'left', 1000);`);
    await restart();
    const rows = await t.run(`${EARLIEST}
INSERT INTO r (id, b, ROWTIME) VALUES (1, 'right', 5000);
SELECT * FROM j EMIT CHANGES;`);
    expect(rows).toEqual([{ L_ID: 1, A: 'left', B: 'right' }]);
  });

  it('emits a LEFT JOIN miss with GRACE only once its window closed, across a restart', async () => {
    t = await openTestEngine();
    await t.run(`${STREAMS}
CREATE STREAM j AS SELECT l.id, a, b FROM l LEFT JOIN r WITHIN 10 SECONDS GRACE PERIOD 5 SECONDS ON l.id = r.id;
INSERT INTO l (id, a, ROWTIME) VALUES (1, 'early', 0);
INSERT INTO l (id, a, ROWTIME) VALUES (2, 'matched', 1000);
INSERT INTO r (id, b, ROWTIME) VALUES (2, 'partner', 2000);
INSERT INTO l (id, a, ROWTIME) VALUES (3, 'open', 12000);`);
    // Stream time 12000: the window of id 1 (0 + 10s + 5s grace) is still open, so no NULL row yet.
    expect(await t.run(`${EARLIEST} SELECT * FROM j EMIT CHANGES;`)).toEqual([
      { L_ID: 2, A: 'matched', B: 'partner' },
    ]);
    await restart();
    const rows = await t.run(`${EARLIEST}
INSERT INTO l (id, a, ROWTIME) VALUES (4, 'later', 16000);
SELECT * FROM j EMIT CHANGES;`);
    expect(rows).toEqual([
      { L_ID: 2, A: 'matched', B: 'partner' },
      { L_ID: 1, A: 'early', B: null },
    ]);
  });

  it('emits a LEFT JOIN miss without GRACE at once (ksqlDB before GRACE PERIOD)', async () => {
    t = await openTestEngine();
    const rows = await t.run(`${STREAMS}
CREATE STREAM j AS SELECT l.id, a, b FROM l LEFT JOIN r WITHIN 10 SECONDS ON l.id = r.id;
INSERT INTO l (id, a, ROWTIME) VALUES (1, 'x', 0);
INSERT INTO r (id, b, ROWTIME) VALUES (1, 'y', 1000);
SELECT * FROM j EMIT CHANGES;`);
    expect(rows).toEqual([
      { L_ID: 1, A: 'x', B: null },
      { L_ID: 1, A: 'x', B: 'y' },
    ]);
  });

  it('restores table-table and foreign-key join stores after a restart', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount INT) WITH (kafka_topic='orders', partitions=1, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=1, value_format='JSON');
CREATE TABLE enriched AS SELECT id, name, amount FROM orders JOIN customers ON customer = cid;
INSERT INTO customers (cid, name) VALUES (7, 'ann');
INSERT INTO orders (id, customer, amount) VALUES (1, 7, 10);`);
    await restart();
    await t.run(`${EARLIEST}
INSERT INTO customers (cid, name) VALUES (7, 'anna');
INSERT INTO orders (id, customer, amount) VALUES (2, 7, 20);`);
    const pull = await t.engine.executeScript('SELECT * FROM enriched;');
    expect(pull[0]).toMatchObject({
      kind: 'table',
      rows: [
        [1, 'anna', 10],
        [2, 'anna', 20],
      ],
    });
  });
});
