/**
 * Key columns inferred from the registry: a record key schema is one STRUCT column, ROWKEY, in
 * the formats whose keys ksqlDB reads unwrapped (AVRO, JSON_SR), whatever its number of fields;
 * a PROTOBUF key message gives a column per field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sqlTypeText } from '../../../src/serde/type-text.js';
import { openTestEngine, removeDir, type TestEngine } from '../../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

async function inferredKeys(
  schemaType: 'AVRO' | 'PROTOBUF',
  schema: string,
  format: string,
): Promise<string[]> {
  t = await openTestEngine();
  await t.engine.schemaRegistry.register('in-key', { schemaType, schema, references: [] });
  await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
  await t.run(
    `CREATE STREAM s (v INT) WITH (kafka_topic='in', key_format='${format}', value_format='JSON');`,
  );
  const source = t.engine.metastore.getSource('S')!;
  return source.columns
    .filter((c) => c.namespace === 'key')
    .map((c) => `${c.name} ${sqlTypeText(c.type)}`);
}

describe('key columns inferred from the registry', () => {
  it('are one ROWKEY STRUCT for an AVRO record of several fields', async () => {
    const record = {
      type: 'record',
      name: 'Key',
      fields: [
        { name: 'K', type: ['null', 'int'] },
        { name: 'K2', type: ['null', 'int'] },
      ],
    };
    expect(await inferredKeys('AVRO', JSON.stringify(record), 'AVRO')).toEqual([
      'ROWKEY STRUCT<`K` INTEGER, `K2` INTEGER>',
    ]);
  });

  it('are a column per field of a PROTOBUF key message', async () => {
    const proto = 'syntax = "proto3"; message Key { int32 K = 1; int32 K2 = 2; }';
    expect(await inferredKeys('PROTOBUF', proto, 'PROTOBUF')).toEqual(['K INTEGER', 'K2 INTEGER']);
  });
});
