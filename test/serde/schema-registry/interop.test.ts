/**
 * Interop with a client written against Confluent's format, @kafkajs/confluent-schema-registry:
 * it talks to the REST API streamsql serves over an engine's own registry, reads the records
 * streamsql writes in AVRO, PROTOBUF and JSON_SR, and writes records streamsql reads.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterEach, describe, expect, it } from 'vitest';
import { serveRegistry, type RestServer } from '../../../src/serde/schema-registry/rest-server.js';
import { openTestEngine, removeDir, type TestEngine } from '../../engine/helpers.js';

let t: TestEngine | undefined;
let rest: RestServer | undefined;
afterEach(async () => {
  await rest?.close();
  rest = undefined;
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

async function setup(): Promise<{ t: TestEngine; client: SchemaRegistry }> {
  t = await openTestEngine();
  rest = await serveRegistry(t.engine.schemaRegistry, 0);
  // Connect's annotations (`connect.index`, `connect.type`) are not JSON Schema keywords, which
  // ajv's strict mode refuses; Confluent's own deserializers accept them.
  const client = new SchemaRegistry({ host: rest.url }, { [SchemaType.JSON]: { strict: false } });
  return { t, client };
}

async function values(t: TestEngine, topic: string): Promise<Buffer[]> {
  const records = await t.engine.log.read(topic, 0, 0, 100);
  return records.map((r) => r.value!);
}

/** Writes one record with `value` to a new one-partition topic, as another client would. */
async function writeValue(t: TestEngine, topic: string, value: Buffer): Promise<void> {
  await t.engine.log.createTopic(topic, { partitions: 1, replicas: 1 });
  await t.engine.log.append(topic, [{ key: null, value, timestamp: 0, headers: [], partition: 0 }]);
}

describe('schema registry interop with @kafkajs/confluent-schema-registry', () => {
  it('reads AVRO records streamsql writes, and streamsql reads the AVRO records it writes', async () => {
    const { t, client } = await setup();
    await t.run(`
      CREATE STREAM s (id INT KEY, name STRING, amount DOUBLE, tags ARRAY<STRING>)
        WITH (kafka_topic='avro_out', partitions=1, value_format='AVRO');
      INSERT INTO s (id, name, amount, tags) VALUES (1, 'alice', 2.5, ARRAY['a', 'b']);`);
    const [bytes] = await values(t, 'avro_out');
    expect(await client.decode(bytes!)).toEqual({
      NAME: 'alice',
      AMOUNT: 2.5,
      TAGS: ['a', 'b'],
    });

    const schema = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: 'com.example',
      fields: [
        { name: 'item', type: 'string' },
        { name: 'qty', type: 'int' },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
      ],
    });
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema },
      { subject: 'orders-value' },
    );
    const encoded = await client.encode(id, {
      item: 'pen',
      qty: 3,
      price: Buffer.from([0x04, 0xd2]),
    });
    await writeValue(t, 'orders', encoded);
    const rows = await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM orders WITH (kafka_topic='orders', value_format='AVRO');
      CREATE STREAM big_orders WITH (kafka_topic='big_orders', value_format='AVRO') AS
        SELECT item, qty * 2 AS double_qty, price FROM orders;
      SELECT * FROM orders EMIT CHANGES LIMIT 1;`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ITEM).toBe('pen');
    expect(rows[0]!.QTY).toBe(3);
    expect(String(rows[0]!.PRICE)).toBe('12.34');
    const [out] = await values(t, 'big_orders');
    const decoded = (await client.decode(out!)) as Record<string, unknown>;
    expect(decoded.ITEM).toBe('pen');
    expect(decoded.DOUBLE_QTY).toBe(6);
    expect(Buffer.from(decoded.PRICE as Buffer)).toEqual(Buffer.from([0x04, 0xd2]));
    // The sink's schema was registered under <topic>-value, where the client finds it.
    expect(await client.getLatestSchemaId('big_orders-value')).toBe(out!.readInt32BE(1));
  });

  it('reads PROTOBUF records streamsql writes, and streamsql reads the PROTOBUF records it writes', async () => {
    const { t, client } = await setup();
    await t.run(`
      CREATE STREAM s (id INT KEY, name STRING, qty BIGINT)
        WITH (kafka_topic='proto_out', partitions=1, value_format='PROTOBUF');
      INSERT INTO s (id, name, qty) VALUES (1, 'bob', 7);`);
    const [bytes] = await values(t, 'proto_out');
    const decoded = (await client.decode(bytes!)) as { NAME: string; QTY: unknown };
    expect(decoded.NAME).toBe('bob');
    expect(Number(decoded.QTY)).toBe(7);

    const schema =
      'syntax = "proto3";\npackage shop;\nmessage Item {\n  string item = 1;\n  int32 qty = 2;\n}\n';
    const { id } = await client.register(
      { type: SchemaType.PROTOBUF, schema },
      { subject: 'items-value' },
    );
    // This client writes no message indexes; streamsql reads such records as the first message.
    const encoded = await client.encode(id, { item: 'cup', qty: 4 });
    await writeValue(t, 'items', encoded);
    const rows = await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM items WITH (kafka_topic='items', value_format='PROTOBUF');
      CREATE STREAM items2 WITH (kafka_topic='items2', value_format='PROTOBUF') AS
        SELECT item, qty + 1 AS qty FROM items;
      SELECT * FROM items EMIT CHANGES LIMIT 1;`);
    expect(rows).toEqual([{ ITEM: 'cup', QTY: 4 }]);
    const [out] = await values(t, 'items2');
    expect(await client.decode(out!)).toMatchObject({ ITEM: 'cup', QTY: 5 });
  });

  it('reads JSON_SR records streamsql writes, and streamsql reads the JSON_SR records it writes', async () => {
    const { t, client } = await setup();
    await t.run(`
      CREATE STREAM s (id INT KEY, name STRING, ok BOOLEAN)
        WITH (kafka_topic='json_out', partitions=1, value_format='JSON_SR');
      INSERT INTO s (id, name, ok) VALUES (1, 'carol', true);`);
    const [bytes] = await values(t, 'json_out');
    expect(await client.decode(bytes!)).toEqual({ NAME: 'carol', OK: true });

    const schema = JSON.stringify({
      type: 'object',
      properties: { city: { type: 'string' }, pop: { type: 'integer' } },
    });
    const { id } = await client.register(
      { type: SchemaType.JSON, schema },
      { subject: 'cities-value' },
    );
    const encoded = await client.encode(id, { city: 'Oslo', pop: 700000 });
    await writeValue(t, 'cities', encoded);
    const rows = await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM cities WITH (kafka_topic='cities', value_format='JSON_SR');
      SELECT * FROM cities EMIT CHANGES LIMIT 1;`);
    expect(rows).toEqual([{ CITY: 'Oslo', POP: 700000n }]);
  });

  it('answers lookups, versions, compatibility and errors as Confluent does', async () => {
    const { client } = await setup();
    const v1 = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
    const v2 = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string', default: '' },
      ],
    });
    const { id: id1 } = await client.register(
      { type: SchemaType.AVRO, schema: v1 },
      { subject: 'x-value' },
    );
    const { id: id2 } = await client.register(
      { type: SchemaType.AVRO, schema: v2 },
      { subject: 'x-value' },
    );
    expect(id2).not.toBe(id1);
    expect(await client.getLatestSchemaId('x-value')).toBe(id2);
    expect(await client.getRegistryId('x-value', 1)).toBe(id1);
    expect(
      await client.getRegistryIdBySchema('x-value', { type: SchemaType.AVRO, schema: v1 }),
    ).toBe(id1);
    // Adding a required field without a default breaks BACKWARD compatibility.
    const bad = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: 'int' },
        { name: 'c', type: 'string' },
      ],
    });
    await expect(
      client.register({ type: SchemaType.AVRO, schema: bad }, { subject: 'x-value' }),
    ).rejects.toThrow(/incompatible/i);
    await expect(client.getSchema(9999)).rejects.toThrow(/not found/i);
  });
});
