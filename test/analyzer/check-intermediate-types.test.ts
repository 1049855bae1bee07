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

const SOURCE =
  "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='DELIMITED');";

describe('aggregate intermediate types and the value format', () => {
  it('refuses an aggregate whose state the value format cannot hold, as ksqlDB does', async () => {
    t = await openTestEngine();
    await t.run(SOURCE);
    await expect(
      t.run(
        "CREATE TABLE o WITH (value_format='JSON') AS SELECT id, AVG(v) AS a FROM s GROUP BY id;",
      ),
    ).rejects.toThrow(/has an intermediate type that the value format can not handle/);
  });

  it('accepts aggregates with primitive state in the same format', async () => {
    t = await openTestEngine();
    await t.run(SOURCE);
    await t.run('CREATE TABLE o AS SELECT id, SUM(v) AS total, COUNT(*) AS n FROM s GROUP BY id;');
  });
});
