import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

describe('session windows', () => {
  it('stamps results and the tombstones of merged sessions with the session end', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 1, 0);
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 2, 700);
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 3, 400);
      CREATE TABLE o WITH (kafka_topic='o') AS
        SELECT id, COUNT(*) AS n FROM s WINDOW SESSION (500 MILLISECONDS) GROUP BY id;`);
    const records = await t.engine.log.read('o', 0, 0, 100);
    const summary = records.map((r) => ({
      timestamp: r.timestamp,
      value: r.value === null ? null : JSON.parse(Buffer.from(r.value).toString()),
    }));
    expect(summary).toEqual([
      { timestamp: 0, value: { N: 1 } }, // session [0, 0]
      { timestamp: 700, value: { N: 1 } }, // session [700, 700]
      // 400 bridges both: each old session's tombstone carries that session's end…
      { timestamp: 0, value: null },
      { timestamp: 700, value: null },
      // …and the merged session [0, 700] its own.
      { timestamp: 700, value: { N: 3 } },
    ]);
  });

  it('closes a session at stream time minus grace minus gap, and no longer merges with it', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 1, 0);
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 2, 1800);
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 3, 299);
      INSERT INTO s (id, v, ROWTIME) VALUES (1, 4, 300);
      CREATE TABLE o WITH (kafka_topic='o') AS
        SELECT id, COUNT(*) AS n FROM s WINDOW SESSION (500 MILLISECONDS, GRACE PERIOD 1000 MILLISECONDS)
        GROUP BY id;`);
    const records = await t.engine.log.read('o', 0, 0, 100);
    const summary = records.map((r) => ({
      timestamp: r.timestamp,
      value: r.value === null ? null : JSON.parse(Buffer.from(r.value).toString()),
    }));
    expect(summary).toEqual([
      { timestamp: 0, value: { N: 1 } },
      { timestamp: 1800, value: { N: 1 } },
      // Close time is 1800 - 1000 - 500 = 300: the record at 299 is late; the one at 300, within
      // the gap of [0, 0], starts a session of its own, since [0, 0] has closed.
      { timestamp: 300, value: { N: 1 } },
    ]);
  });
});
