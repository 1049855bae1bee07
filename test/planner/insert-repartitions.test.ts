/**
 * Where the planner repartitions, read from `EXPLAIN <CREATE … AS SELECT>`: where ksqlDB does
 * (GROUP BY off the key, any table GROUP BY, a stream side joined on a non-key expression, a key
 * format that is not the join's) and nowhere else (GROUP BY on the key, joins on keys and on
 * their equivalents in n-way joins, foreign-key joins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';

let t: TestEngine;
beforeAll(async () => {
  t = await openTestEngine();
  await t.run(`
CREATE STREAM s1 (id INT KEY, v INT, w STRING) WITH (kafka_topic='s1', partitions=2, value_format='JSON');
CREATE STREAM s2 (id INT KEY, v INT) WITH (kafka_topic='s2', partitions=2, value_format='JSON');
CREATE STREAM s3 (id INT KEY, v INT) WITH (kafka_topic='s3', partitions=2, value_format='JSON');
CREATE STREAM sd (id INT KEY, v INT) WITH (kafka_topic='sd', partitions=2, key_format='DELIMITED', value_format='JSON');
CREATE TABLE t1 (id INT PRIMARY KEY, name STRING, fk INT) WITH (kafka_topic='t1', partitions=2, value_format='JSON');
CREATE TABLE t2 (id INT PRIMARY KEY, label STRING) WITH (kafka_topic='t2', partitions=2, value_format='JSON');`);
});
afterAll(async () => {
  await t.close();
  removeDir(t.dir);
});

/** The repartition steps of a statement's plan: `name BY keys (key format)`. */
async function repartitions(sql: string): Promise<string[]> {
  const [result] = await t.engine.executeScript(`EXPLAIN ${sql}`);
  const text = result?.kind === 'text' ? result.text : '';
  return [
    ...text.matchAll(/\[ REPARTITION \] (\S+) BY (.+?) \(topic: .*?, key format: (\w+)/g),
  ].map((m) => `${m[1]} BY ${m[2]} (${m[3]})`);
}

describe('repartition steps', () => {
  it('GROUP BY a stream key keeps its partitioning; GROUP BY a value column repartitions', async () => {
    expect(
      await repartitions('CREATE TABLE a AS SELECT id, COUNT(*) c FROM s1 GROUP BY id;'),
    ).toEqual([]);
    expect(
      await repartitions('CREATE TABLE b AS SELECT w, COUNT(*) c FROM s1 GROUP BY w;'),
    ).toEqual(['Aggregate-GroupBy BY W (KAFKA)']);
  });

  it('GROUP BY on a table always repartitions (KTable.groupBy)', async () => {
    expect(
      await repartitions('CREATE TABLE c AS SELECT id, COUNT(*) c FROM t1 GROUP BY id;'),
    ).toEqual(['Aggregate-GroupBy BY ID (KAFKA)']);
  });

  it('several group keys a KAFKA key cannot hold are written as JSON', async () => {
    expect(
      await repartitions('CREATE TABLE d AS SELECT v, w, COUNT(*) c FROM s1 GROUP BY v, w;'),
    ).toEqual(['Aggregate-GroupBy BY V, W (JSON)']);
  });

  it('re-keys only the stream side joined on a non-key column', async () => {
    expect(
      await repartitions(
        'CREATE STREAM e AS SELECT * FROM s1 JOIN s2 WITHIN 1 SECOND ON s1.v = s2.id;',
      ),
    ).toEqual(['Join-left BY V (KAFKA)']);
    expect(
      await repartitions('CREATE STREAM f AS SELECT * FROM s1 JOIN t2 ON s1.v = t2.id;'),
    ).toEqual(['Join BY V (KAFKA)']);
    expect(
      await repartitions(
        'CREATE STREAM g AS SELECT * FROM s1 JOIN s2 WITHIN 1 SECOND ON s1.id = s2.id;',
      ),
    ).toEqual([]);
  });

  it('an n-way join needs no repartition on a key of the join below, and one elsewhere', async () => {
    expect(
      await repartitions(
        'CREATE STREAM h AS SELECT * FROM s1 JOIN s2 WITHIN 1 SECOND ON s1.id = s2.id JOIN s3 WITHIN 1 SECOND ON s2.id = s3.id;',
      ),
    ).toEqual([]);
    expect(
      await repartitions(
        'CREATE STREAM i AS SELECT * FROM s1 JOIN s2 WITHIN 1 SECOND ON s1.id = s2.id JOIN s3 WITHIN 1 SECOND ON s1.v = s3.id;',
      ),
    ).toEqual(['Join-left BY V (KAFKA)']);
  });

  it('a side whose key format is not the join’s is re-keyed into it', async () => {
    expect(
      await repartitions('CREATE STREAM j AS SELECT * FROM sd JOIN t2 ON sd.id = t2.id;'),
    ).toEqual(['RightSourceKeyed-SelectKey BY ID (DELIMITED)']);
  });

  it('a foreign-key join repartitions nothing', async () => {
    expect(
      await repartitions('CREATE TABLE k AS SELECT * FROM t1 JOIN t2 ON t1.fk = t2.id;'),
    ).toEqual([]);
  });

  it('a foreign-key join sends subscriptions instead; a Schema Registry right key is re-keyed first', async () => {
    const [result] = await t.engine.executeScript(
      'EXPLAIN CREATE TABLE l AS SELECT * FROM t1 JOIN t2 ON t1.fk = t2.id;',
    );
    expect(result?.kind === 'text' ? result.text : '').toContain(
      "FOREIGN KEY: subscriptions sent to the right table's tasks, responses to the left table's",
    );
    await t.run(`
CREATE TABLE ts (id INT PRIMARY KEY, label STRING) WITH (kafka_topic='ts', partitions=2, key_format='JSON_SR', value_format='JSON');`);
    expect(
      await repartitions('CREATE TABLE m AS SELECT * FROM t1 JOIN ts ON t1.fk = ts.id;'),
    ).toEqual(['RightSourceKeyed-SelectKey BY ID (KAFKA)']);
  });
});
