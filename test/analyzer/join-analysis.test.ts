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
});
