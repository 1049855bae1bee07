import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

async function values(topic: string): Promise<unknown[]> {
  const records = await t!.engine.log.read(topic, 0, 0, 100);
  return records.map((r) => (r.value === null ? null : JSON.parse(r.value.toString())));
}

describe('aggregate over a table', () => {
  it('emits an update within a group once, and a move between groups as a retraction and an add', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE TABLE t (id INT PRIMARY KEY, g INT, v INT) WITH (kafka_topic='t', partitions=1, value_format='JSON');
      INSERT INTO t (id, g, v) VALUES (1, 7, 10);
      INSERT INTO t (id, g, v) VALUES (1, 7, 20);
      INSERT INTO t (id, g, v) VALUES (1, 8, 30);
      CREATE TABLE o WITH (kafka_topic='o', value_format='JSON') AS
        SELECT g, SUM(v) AS s FROM t GROUP BY g;`);
    expect(await values('o')).toEqual([
      { S: 10 },
      { S: 20 }, // same group: no intermediate {S: 0}
      { S: 0 }, // group 7 loses the row…
      { S: 30 }, // …which group 8 gains
    ]);
  });
});

describe('EMIT FINAL', () => {
  it('emits each closed window once, stamped with its newest record time', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 0);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 6);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 3);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 11);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 16);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 25);
      INSERT INTO s (k, v, ROWTIME) VALUES ('a', 1, 70);
      CREATE TABLE o WITH (kafka_topic='o', value_format='JSON') AS
        SELECT k, COUNT(*) AS n FROM s
        WINDOW TUMBLING (SIZE 10 MILLISECONDS, GRACE PERIOD 5 MILLISECONDS) GROUP BY k EMIT FINAL;`);
    const records = await t.engine.log.read('o', 0, 0, 100);
    expect(records.map((r) => [r.timestamp, JSON.parse(r.value!.toString())])).toEqual([
      [6, { N: 3 }], // [0, 10) closes at 15, when 16 arrives; its newest record is at 6
      [16, { N: 2 }], // [10, 20) closes at 25
      // 70 jumps past [20, 30)'s close, but that window is older than the window store's
      // retention (size + grace back from the newest window, [70, 80)): as in Kafka Streams,
      // it is never emitted.
    ]);
  });
});
