/**
 * The schema-registry formats in the engine: schema inference for CREATE without columns, sink
 * schemas registered under `<topic>-value`, bad bytes sent to the processing log while the
 * query goes on, and inferred sources coming back after a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptError } from '../../src/engine/engine.js';
import { avroType } from '../../src/serde/avro/avro-types.js';
import { writeFrame } from '../../src/serde/schema-registry/wire-format.js';
import { openTestEngine, removeDir, type TestEngine } from './helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const ORDER = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'item', type: 'string' },
    { name: 'qty', type: 'int' },
  ],
};

async function withOrders(t: TestEngine): Promise<number> {
  const id = await t.engine.schemaRegistry.register('orders-value', {
    schemaType: 'AVRO',
    schema: JSON.stringify(ORDER),
    references: [],
  });
  await t.engine.log.createTopic('orders', { partitions: 1, replicas: 1 });
  await t.engine.log.append('orders', [
    {
      key: null,
      value: writeFrame(id, avroType(ORDER).toBuffer({ item: 'pen', qty: 2 })),
      timestamp: 1,
    },
  ]);
  return id;
}

describe('schema-registry formats in the engine', () => {
  it('infers columns from the registry and registers the sink schema', async () => {
    t = await openTestEngine();
    await withOrders(t);
    await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM orders WITH (kafka_topic='orders', value_format='AVRO');
      CREATE STREAM doubled AS SELECT item, qty * 2 AS qty2 FROM orders;`);
    const source = t.engine.metastore.getSource('ORDERS')!;
    expect(source.columns.map((c) => `${c.name} ${c.type.base}`)).toEqual([
      'ITEM STRING',
      'QTY INTEGER',
    ]);
    const sink = await t.engine.schemaRegistry.subjectVersion('DOUBLED-value', 'latest');
    expect(JSON.parse(sink!.schema).fields.map((f: { name: string }) => f.name)).toEqual([
      'ITEM',
      'QTY2',
    ]);
    const rows = await t.run('SELECT * FROM doubled EMIT CHANGES;');
    expect(rows).toEqual([{ ITEM: 'pen', QTY2: 4 }]);
  });

  it('refuses a CREATE without columns when the subject has no schema', async () => {
    t = await openTestEngine();
    await t.engine.log.createTopic('nothing', { partitions: 1, replicas: 1 });
    const err = await t
      .run(`CREATE STREAM s WITH (kafka_topic='nothing', value_format='PROTOBUF');`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptError);
    expect((err as Error).message).toContain(
      "Schema for message values on topic 'nothing' does not exist in the Schema Registry.",
    );
  });

  it('sends bad bytes to the processing log and goes on', async () => {
    t = await openTestEngine();
    const id = await withOrders(t);
    await t.engine.log.append('orders', [
      { key: null, value: Buffer.from([1, 2, 3, 4, 5, 6]), timestamp: 2 },
      { key: null, value: writeFrame(999, Buffer.from([2])), timestamp: 3 },
      { key: null, value: writeFrame(id, Buffer.from([0xff])), timestamp: 4 },
      {
        key: null,
        value: writeFrame(id, avroType(ORDER).toBuffer({ item: 'cup', qty: 5 })),
        timestamp: 5,
      },
    ]);
    const rows = await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM orders WITH (kafka_topic='orders', value_format='AVRO');
      CREATE STREAM copy AS SELECT * FROM orders;
      SELECT * FROM copy EMIT CHANGES;`);
    expect(rows).toEqual([
      { ITEM: 'pen', QTY: 2 },
      { ITEM: 'cup', QTY: 5 },
    ]);
    const logged = await t.run(
      'SELECT message->deserializationerror->`OFFSET` AS off, message->deserializationerror->errorMessage AS msg FROM KSQL_PROCESSING_LOG EMIT CHANGES;',
    );
    expect(logged.map((r) => r.OFF)).toEqual([1n, 2n, 3n]);
    expect(String(logged[0]!.MSG)).toContain('Unknown magic byte');
    expect(String(logged[1]!.MSG)).toContain('schema for id 999');
  });

  it('brings inferred sources and their queries back after a restart', async () => {
    t = await openTestEngine();
    await withOrders(t);
    await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM orders WITH (kafka_topic='orders', value_format='AVRO');
      CREATE STREAM copy AS SELECT * FROM orders;`);
    const dir = t.dir;
    await t.close();
    t = await openTestEngine(dir);
    expect(t.engine.metastore.getSource('ORDERS')!.columns.map((c) => c.name)).toEqual([
      'ITEM',
      'QTY',
    ]);
    const rows = await t.run(
      "SET 'auto.offset.reset' = 'earliest'; SELECT * FROM copy EMIT CHANGES;",
    );
    expect(rows).toEqual([{ ITEM: 'pen', QTY: 2 }]);
  });
});
