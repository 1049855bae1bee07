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

async function output(topic: string): Promise<{ key: string | null; headers: string[] }[]> {
  const records = await t!.engine.log.read(topic, 0, 0, 100);
  return records.map((r) => ({
    key: r.key === null ? null : r.key.toString(),
    headers: r.headers.map((h) => `${h.key}=${h.value?.toString() ?? 'null'}`),
  }));
}

describe('sink records', () => {
  it('carry the headers of the input record they come from', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
    await t.engine.log.append('in', [
      {
        key: Buffer.from('k'),
        value: Buffer.from('{"V":1}'),
        timestamp: 0,
        headers: [{ key: 'h', value: Buffer.from('x') }],
      },
      { key: Buffer.from('k'), value: Buffer.from('{"V":2}'), timestamp: 1 },
    ]);
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='in', value_format='JSON');
      CREATE STREAM o WITH (kafka_topic='o') AS SELECT * FROM s WHERE v > 0;`);
    expect(await output('o')).toEqual([
      { key: 'k', headers: ['h=x'] },
      { key: 'k', headers: [] },
    ]);
  });

  it('write a null key for a record read with a null key, in every key format', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
    await t.engine.log.append('in', [{ key: null, value: Buffer.from('1'), timestamp: 0 }]);
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (k1 STRING KEY, k2 STRING KEY, v INT)
        WITH (kafka_topic='in', format='DELIMITED');
      CREATE STREAM d WITH (kafka_topic='d') AS SELECT * FROM s;
      CREATE STREAM j WITH (kafka_topic='j', key_format='JSON') AS SELECT * FROM s;`);
    expect(await output('d')).toEqual([{ key: null, headers: [] }]);
    expect(await output('j')).toEqual([{ key: null, headers: [] }]);
  });

  it('write a computed key of nulls as such', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
    await t.engine.log.append('in', [{ key: null, value: Buffer.from('{}'), timestamp: 0 }]);
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (a INT, b INT, c INT) WITH (kafka_topic='in', format='JSON');
      CREATE STREAM o WITH (kafka_topic='o') AS SELECT * FROM s PARTITION BY a, b;`);
    expect(await output('o')).toEqual([{ key: '{"A":null,"B":null}', headers: [] }]);
  });

  it('key a stream by ROWTIME, with ROWTIME as the key column', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
    await t.engine.log.append('in', [
      { key: null, value: Buffer.from('{"A":1,"B":2}'), timestamp: 42 },
    ]);
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (a INT, b INT) WITH (kafka_topic='in', format='JSON');
      CREATE STREAM o WITH (kafka_topic='o') AS SELECT * FROM s PARTITION BY a, ROWTIME;`);
    expect(await output('o')).toEqual([{ key: '{"A":1,"ROWTIME":42}', headers: [] }]);
    expect(t.engine.metastore.getSource('O')!.columns.map((c) => c.name)).toEqual([
      'A',
      'ROWTIME',
      'B',
    ]);
  });
});
