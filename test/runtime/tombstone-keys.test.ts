/**
 * A stream record without a value keeps a key computed from key columns only: PARTITION BY an
 * expression of value columns or of ROWTIME gives it a null key (ksqlDB evaluates such an
 * expression on the missing value), while one of the key columns is still evaluated.
 */
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

async function keysOf(topic: string): Promise<(string | null)[]> {
  const records = await t!.engine.log.read(topic, 0, 0, 100);
  return records.map((r) => (r.key === null ? null : r.key.toString()));
}

describe('keys of stream records without a value', () => {
  it('are null for expressions of value or pseudo columns, computed for key-only ones', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
    await t.engine.log.append('in', [
      { key: Buffer.from('5'), value: null, timestamp: 7 },
      { key: Buffer.from('6'), value: Buffer.from('{"NAME":null}'), timestamp: 8 },
    ]);
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, name STRING) WITH (kafka_topic='in', format='JSON');
      CREATE STREAM by_value AS SELECT * FROM s PARTITION BY (name IS NULL);
      CREATE STREAM by_rowtime AS SELECT * FROM s PARTITION BY id, ROWTIME;
      CREATE STREAM by_key AS SELECT * FROM s PARTITION BY id + 1;`);
    expect(await keysOf('BY_VALUE')).toEqual([null, 'true']);
    expect(await keysOf('BY_ROWTIME')).toEqual(['{"ID":5,"ROWTIME":null}', '{"ID":6,"ROWTIME":8}']);
    expect(await keysOf('BY_KEY')).toEqual(['6', '7']);
  });
});
