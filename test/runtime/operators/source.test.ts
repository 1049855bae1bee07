/**
 * A TIMESTAMP column that cannot be read: by default the record goes to the processing log and
 * the query goes on; with `ksql.timestamp.throw.on.invalid` the query fails, in Kafka Streams'
 * words, as ksqlDB's does.
 */
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

async function runWithBadTimestamp(settings: string): Promise<TestEngine> {
  const engine = await openTestEngine();
  await engine.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
  await engine.engine.log.append('in', [
    { key: null, value: Buffer.from('{"ID":1,"TS":"not a time"}'), timestamp: 0 },
    { key: null, value: Buffer.from('{"ID":2,"TS":"21-01-01 00:00:00Z"}'), timestamp: 0 },
  ]);
  await engine.run(`SET 'auto.offset.reset'='earliest';
    ${settings}
    CREATE STREAM s (id BIGINT, ts STRING)
      WITH (kafka_topic='in', value_format='JSON', timestamp='ts', timestamp_format='yy-MM-dd HH:mm:ssX');
    CREATE STREAM o AS SELECT id FROM s;`);
  return engine;
}

describe('source timestamp extraction', () => {
  it('sends a timestamp that does not parse to the processing log, and goes on', async () => {
    t = await runWithBadTimestamp('');
    const [query] = [...t.engine.queries.values()];
    expect(query!.state).toBe('RUNNING');
    const out = await t.engine.log.read('O', 0, 0, 10);
    expect(out.map((r) => r.value?.toString())).toEqual(['{"ID":2}']);
  });

  it('fails the query with ksql.timestamp.throw.on.invalid', async () => {
    t = await runWithBadTimestamp("SET 'ksql.timestamp.throw.on.invalid'='true';");
    const [query] = [...t.engine.queries.values()];
    expect(query!.state).toBe('ERROR');
    expect(query!.error).toContain(
      'Fatal user code error in TimestampExtractor callback for record in-0@0',
    );
    expect(await t.engine.log.read('O', 0, 0, 10)).toEqual([]);
  });
});
