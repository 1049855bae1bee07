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

describe('ksql.functions.* settings', () => {
  it('limit COLLECT_SET as SET them before the query, and survive a restart in the plan', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      SET 'ksql.functions.collect_set.limit' = '2';
      CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (id, v) VALUES (1, 10);
      INSERT INTO s (id, v) VALUES (1, 20);
      INSERT INTO s (id, v) VALUES (1, 30);
      CREATE TABLE o AS SELECT id, COLLECT_SET(v) AS vs FROM s GROUP BY id;`);
    const dir = t.dir;
    await t.close();
    t = await openTestEngine(dir);
    await t.run(`SET 'auto.offset.reset'='earliest'; INSERT INTO s (id, v) VALUES (1, 40);`);
    const rows = await t.run('SELECT * FROM o EMIT CHANGES LIMIT 4;');
    expect(rows.map((r) => r.VS)).toEqual([[10], [10, 20], [10, 20], [10, 20]]);
  });
});
