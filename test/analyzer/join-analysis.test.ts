/** Join analysis through the engine: ON-clause checks, join kinds, key naming and refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';

let t: TestEngine;
beforeAll(async () => {
  t = await openTestEngine();
  await t.run(`
CREATE STREAM s (id INT KEY, v INT, name STRING) WITH (kafka_topic='s', partitions=1, value_format='JSON');
CREATE STREAM s2 (id INT KEY, w INT) WITH (kafka_topic='s2', partitions=1, value_format='JSON');
CREATE TABLE t (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='t', partitions=1, value_format='JSON');
CREATE TABLE u (uid INT PRIMARY KEY, tid INT) WITH (kafka_topic='u', partitions=1, value_format='JSON');
CREATE STREAM k (id INT KEY, v INT) WITH (kafka_topic='k', partitions=1, value_format='KAFKA');`);
});
afterAll(async () => {
  await t.close();
  removeDir(t.dir);
});

const refusal = (sql: string) => t.engine.executeScript(sql);

describe('join analysis', () => {
  it('qualifies names in messages and resolves ON columns in the JOIN ON clause', async () => {
    await expect(
      refusal('CREATE STREAM o AS SELECT * FROM s JOIN t ON s.nope = t.id;'),
    ).rejects.toThrow("JOIN ON column 'S.NOPE' cannot be resolved.");
    await expect(refusal('CREATE STREAM o AS SELECT * FROM s JOIN t ON v = name;')).rejects.toThrow(
      "Column 'NAME' is ambiguous. Could be S.NAME or T.NAME.",
    );
    await expect(
      refusal('CREATE STREAM o AS SELECT * FROM s JOIN t ON x.id = t.id;'),
    ).rejects.toThrow("'X' is not a valid stream/table name or alias.");
  });

  it('checks which sources each side of the criteria references', async () => {
    await expect(
      refusal('CREATE STREAM o AS SELECT * FROM s JOIN t ON s.id = s.v;'),
    ).rejects.toThrow(
      'Each side of the join must reference exactly one source and not the same source. Left side references `S` and right references `S`',
    );
    await expect(
      refusal(
        'CREATE STREAM o AS SELECT * FROM s JOIN t ON s.id = t.id JOIN s2 WITHIN 1 SECOND ON s.id = t.id;',
      ),
    ).rejects.toThrow('A join criteria is expected to reference the source (`S2`)');
  });

  it('refuses a table-table join off the right key, saying what to do instead', async () => {
    await expect(
      refusal('CREATE TABLE o AS SELECT * FROM t JOIN u ON t.id = u.tid;'),
    ).rejects.toThrow(/Got T.ID = U.TID.\nA foreign-key join looks up the right table/);
  });

  it('keys a join by its left-most selected viable column', async () => {
    await t.run(
      'CREATE STREAM o1 AS SELECT t.id AS tid, s.id AS sid, v FROM s JOIN t ON s.id = t.id;',
    );
    const cols = t.engine.metastore.getSource('O1')!.columns;
    expect(cols.map((c) => `${c.name}:${c.namespace}`)).toEqual([
      'SID:key',
      'TID:value',
      'V:value',
    ]);
  });

  it('adds the synthetic key to SELECT * and names it past clashing ROWKEY columns', async () => {
    await t.run(
      'CREATE STREAM o2 AS SELECT * FROM s FULL JOIN s2 WITHIN 1 SECOND ON s.id = s2.id;',
    );
    expect(t.engine.metastore.getSource('O2')!.columns[0]).toMatchObject({
      name: 'ROWKEY',
      namespace: 'key',
    });
  });

  it('refuses a key expression selected twice and KAFKA value formats', async () => {
    await expect(
      refusal('CREATE STREAM o AS SELECT s.id, s.id AS again, v FROM s JOIN t ON s.id = t.id;'),
    ).rejects.toThrow(
      'The projection contains a key column (`S_ID`) more than once, aliased as: AGAIN and S_ID.',
    );
    await expect(
      refusal('CREATE STREAM o AS SELECT * FROM k JOIN t ON k.id = t.id;'),
    ).rejects.toThrow(
      "Source(s) K are using the 'KAFKA' value format. This format does not yet support JOIN.",
    );
  });

  it('plans a foreign-key join keyed by the left table, refusing RIGHT OUTER', async () => {
    await t.run('CREATE TABLE o3 AS SELECT u.uid, name FROM u JOIN t ON u.tid = t.id;');
    expect(t.engine.metastore.getSource('O3')!.columns[0]).toMatchObject({
      name: 'UID',
      namespace: 'key',
    });
    await expect(
      refusal('CREATE TABLE o AS SELECT u.uid, name FROM u RIGHT JOIN t ON u.tid = t.id;'),
    ).rejects.toThrow('RIGHT OUTER JOIN on a foreign key is not supported');
  });

  it('expands SELECT * over a join under PARTITION BY to the join value schema, system columns included', async () => {
    await t.run(
      'CREATE STREAM o4 AS SELECT * FROM s JOIN s2 WITHIN 1 SECOND ON s.id = s2.id PARTITION BY s.v;',
    );
    const cols = t.engine.metastore.getSource('O4')!.columns;
    expect(cols.map((c) => `${c.name}:${c.namespace}`)).toEqual([
      'S_V:key',
      'S_NAME:value',
      'S_ROWTIME:value',
      'S_ROWPARTITION:value',
      'S_ROWOFFSET:value',
      'S_ID:value',
      'S2_W:value',
      'S2_ROWTIME:value',
      'S2_ROWPARTITION:value',
      'S2_ROWOFFSET:value',
      'S2_ID:value',
    ]);
  });

  it('puts window bounds of windowed sources after their keys in SELECT *, and lets SR-keyed time windows differ', async () => {
    await t.run(`
CREATE STREAM w1 (id INT KEY, v INT) WITH (kafka_topic='w1', partitions=1, key_format='JSON_SR', value_format='JSON', window_type='Hopping', window_size='5 SECONDS');
CREATE STREAM w2 (id INT KEY, v INT) WITH (kafka_topic='w2', partitions=1, key_format='JSON_SR', value_format='JSON', window_type='Tumbling', window_size='2 SECONDS');
CREATE STREAM o5 AS SELECT * FROM w1 JOIN w2 WITHIN 1 MINUTE ON w1.id = w2.id;`);
    const cols = t.engine.metastore.getSource('O5')!.columns;
    expect(cols.map((c) => c.name)).toEqual([
      'W1_ID',
      'W1_WINDOWSTART',
      'W1_WINDOWEND',
      'W1_V',
      'W2_ID',
      'W2_WINDOWSTART',
      'W2_WINDOWEND',
      'W2_V',
    ]);
    await t.run(`
CREATE STREAM w3 (id INT KEY, v INT) WITH (kafka_topic='w3', partitions=1, value_format='JSON', window_type='Hopping', window_size='5 SECONDS');
CREATE STREAM w4 (id INT KEY, v INT) WITH (kafka_topic='w4', partitions=1, value_format='JSON', window_type='Tumbling', window_size='2 SECONDS');`);
    await expect(
      refusal('CREATE STREAM o AS SELECT * FROM w3 JOIN w4 WITHIN 1 MINUTE ON w3.id = w4.id;'),
    ).rejects.toThrow('Implicit repartitioning of windowed sources is not supported.');
  });

  it('says an ambiguous ON column is found while preparing the statement', async () => {
    await expect(refusal('CREATE STREAM o AS SELECT * FROM s JOIN t ON v = name;')).rejects.toThrow(
      "Exception while preparing statement: Column 'NAME' is ambiguous.",
    );
  });
});
