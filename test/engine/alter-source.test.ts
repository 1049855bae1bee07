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

describe('ALTER STREAM / TABLE', () => {
  it('adds value columns, which records written before read as null', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, a INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (id, a) VALUES (1, 10);
      ALTER STREAM s ADD COLUMN b STRING, ADD c INT;
      INSERT INTO s (id, a, b, c) VALUES (2, 20, 'x', 3);`);
    const s = t.engine.metastore.getSource('S')!;
    expect(s.columns.map((c) => `${c.name}:${c.namespace}`)).toEqual([
      'ID:key',
      'A:value',
      'B:value',
      'C:value',
    ]);
    const rows = await t.run('SELECT * FROM s EMIT CHANGES LIMIT 2;');
    expect(rows).toEqual([
      { ID: 1, A: 10, B: null, C: null },
      { ID: 2, A: 20, B: 'x', C: 3 },
    ]);
  });

  it('refuses source streams, query results and existing columns', async () => {
    t = await openTestEngine();
    await t.run(`CREATE SOURCE STREAM r (id INT KEY, a INT) WITH (kafka_topic='r', partitions=1, value_format='JSON');
      CREATE STREAM s (id INT KEY, a INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      CREATE STREAM q AS SELECT * FROM s;`);
    await expect(t.run('ALTER STREAM r ADD COLUMN b INT;')).rejects.toThrow(
      "Cannot alter stream 'R': ALTER operations are not supported on source streams.",
    );
    await expect(t.run('ALTER STREAM q ADD COLUMN b INT;')).rejects.toThrow(
      'ALTER command is not supported for CREATE ... AS statements.',
    );
    await expect(t.run('ALTER STREAM s ADD COLUMN a INT;')).rejects.toThrow(
      'Cannot add column `A` to schema. A column with the same name already exists.',
    );
  });
});
