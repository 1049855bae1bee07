/**
 * Interop with a schema registry streamsql did not write: Apicurio Registry's
 * Confluent-compatible API (started by .ci/schema-registry.sh; see independent-registry.ts).
 * The real binary runs with `--schema-registry-url` pointing at it, on the embedded log; a client
 * written against Confluent's format (@kafkajs/confluent-schema-registry), also pointed at it,
 * reads what streamsql writes in AVRO, PROTOBUF and JSON_SR and writes what streamsql reads, with
 * the columns inferred from the registry. Bad bytes go to the processing log.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { cli, tempDir } from '../../cli/run-cli.js';
import { registryTarget, type RegistryTarget } from './independent-registry.js';

const target: RegistryTarget = await registryTarget();
if (target.skip) console.warn(`independent-registry.test.ts: ${target.skip}`);

/** Apicurio keeps its subjects for as long as it runs: every test's topics are new names. */
function unique(name: string): string {
  return `${name}_${randomBytes(4).toString('hex')}`;
}

interface Run {
  readonly data: string;
  readonly url: string;
  readonly client: SchemaRegistry;
}

function streamsql(run: Run, sql: string, extra: readonly string[] = []): string {
  const script = join(run.data, `script-${randomBytes(3).toString('hex')}.sql`);
  writeFileSync(script, sql);
  const r = cli([
    'run',
    script,
    '--data-dir',
    run.data,
    '--schema-registry-url',
    run.url,
    '--output',
    'json',
    ...extra,
  ]);
  // stderr carries notices and the processing log's warnings; a refused statement fails the run.
  expect(r.stderr).not.toMatch(/error:/);
  expect(r.code).toBe(0);
  return r.stdout;
}

async function records(
  data: string,
  topic: string,
): Promise<{ key: Buffer | null; value: Buffer | null }[]> {
  const log = await openEmbeddedLog(data, { fsync: 'never' });
  try {
    return (await log.read(topic, 0, 0, 100)).map((r) => ({ key: r.key, value: r.value }));
  } finally {
    await log.close();
  }
}

async function writeValues(data: string, topic: string, values: readonly Buffer[]): Promise<void> {
  const log = await openEmbeddedLog(data, { fsync: 'never' });
  try {
    await log.createTopic(topic, { partitions: 1, replicas: 1 });
    await log.append(
      topic,
      values.map((value, i) => ({ key: null, value, timestamp: i, headers: [], partition: 0 })),
    );
  } finally {
    await log.close();
  }
}

/** The id the registry gives the latest version of a subject, read over its REST API. */
async function latestId(url: string, subject: string): Promise<number> {
  const r = await fetch(`${url}/subjects/${encodeURIComponent(subject)}/versions/latest`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: number }).id;
}

const FORMATS = [
  {
    format: 'AVRO',
    type: SchemaType.AVRO,
    schema: JSON.stringify({
      type: 'record',
      name: 'Reading',
      namespace: 'com.example',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'celsius', type: 'double' },
        { name: 'tags', type: { type: 'array', items: 'string' } },
      ],
    }),
  },
  {
    format: 'PROTOBUF',
    type: SchemaType.PROTOBUF,
    schema:
      'syntax = "proto3";\npackage example;\nmessage Reading {\n  string sensor = 1;\n' +
      '  double celsius = 2;\n  repeated string tags = 3;\n}\n',
  },
  {
    format: 'JSON_SR',
    type: SchemaType.JSON,
    schema: JSON.stringify({
      type: 'object',
      properties: {
        sensor: { type: 'string' },
        celsius: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    }),
  },
] as const;

describe.skipIf(target.url === undefined)('an independent schema registry (Apicurio)', () => {
  let url = '';
  beforeAll(() => {
    url = target.url!;
  });

  function newRun(): Run {
    // Connect's annotations (`connect.index`, `connect.type`) are not JSON Schema keywords,
    // which ajv's strict mode refuses; Confluent's own deserializers accept them.
    const client = new SchemaRegistry({ host: url }, { [SchemaType.JSON]: { strict: false } });
    return { data: tempDir(), url, client };
  }

  for (const { format, type, schema } of FORMATS) {
    it(`${format}: CSAS writes records the client reads, with <topic>-key and <topic>-value registered`, async () => {
      const run = newRun();
      const source = unique('src');
      const sink = unique(`out_${format.toLowerCase()}`);
      streamsql(
        run,
        // Two key columns: ksqlDB writes one key column unwrapped, and Apicurio 3.0's Confluent API
        // refuses a JSON schema of a bare integer ("Failed to discover artifact type from
        // content"; docs/schema-registry.md), so a wrapped key is what all three formats share.
        `CREATE STREAM src (id INT KEY, region STRING KEY, name STRING, amount DOUBLE, tags ARRAY<STRING>)
           WITH (kafka_topic='${source}', partitions=1, format='JSON');
         INSERT INTO src (id, region, name, amount, tags) VALUES (7, 'eu', 'alice', 2.5, ARRAY['a', 'b']);
         SET 'auto.offset.reset' = 'earliest';
         CREATE STREAM sink WITH (kafka_topic='${sink}', format='${format}') AS
           SELECT id, region, name, amount * 2 AS doubled, tags FROM src;`,
      );
      const [rec] = await records(run.data, sink);
      // Every record names, in Confluent's frame, the id the independent registry gave the
      // schema streamsql registered under the topic's subject.
      expect(rec!.value!.readUInt8(0)).toBe(0);
      expect(rec!.value!.readInt32BE(1)).toBe(await latestId(url, `${sink}-value`));
      expect(rec!.key!.readUInt8(0)).toBe(0);
      expect(rec!.key!.readInt32BE(1)).toBe(await latestId(url, `${sink}-key`));
      const value = (await run.client.decode(rec!.value!)) as Record<string, unknown>;
      expect({ ...value, TAGS: [...(value.TAGS as string[])] }).toEqual({
        NAME: 'alice',
        DOUBLED: 5,
        TAGS: ['a', 'b'],
      });
      expect({ ...((await run.client.decode(rec!.key!)) as object) }).toEqual({
        ID: 7,
        REGION: 'eu',
      });
    }, 120_000);

    it(`${format}: streamsql infers columns from the client's schema and reads its records`, async () => {
      const run = newRun();
      const topic = unique(`readings_${format.toLowerCase()}`);
      const sink = unique('fahrenheit');
      const { id } = await run.client.register({ type, schema }, { subject: `${topic}-value` });
      await writeValues(run.data, topic, [
        await run.client.encode(id, { sensor: 'a1', celsius: 21.5, tags: ['x'] }),
        await run.client.encode(id, { sensor: 'b2', celsius: -40, tags: ['y', 'z'] }),
      ]);
      const out = streamsql(
        run,
        `SET 'auto.offset.reset' = 'earliest';
         CREATE STREAM readings WITH (kafka_topic='${topic}', value_format='${format}');
         DESCRIBE readings;
         CREATE STREAM f WITH (kafka_topic='${sink}', value_format='${format}') AS
           SELECT sensor, celsius * 9 / 5 + 32 AS fahrenheit, ARRAY_LENGTH(tags) AS n FROM readings;`,
      );
      expect(out).toMatch(/SENSOR/);
      expect(out).toMatch(/CELSIUS/);
      const decoded = await Promise.all(
        (await records(run.data, sink)).map(async (r) => run.client.decode(r.value!)),
      );
      expect(decoded).toEqual([
        { SENSOR: 'a1', FAHRENHEIT: 70.7, N: 1 },
        { SENSOR: 'b2', FAHRENHEIT: -40, N: 2 },
      ]);
    }, 120_000);
  }

  it('sends a wrong magic byte, an id the registry does not know and a record that does not fit its schema to the processing log', async () => {
    const run = newRun();
    const topic = unique('bad');
    const { id } = await run.client.register(
      { type: SchemaType.AVRO, schema: FORMATS[0].schema },
      { subject: `${topic}-value` },
    );
    const good = await run.client.encode(id, { sensor: 'ok', celsius: 1, tags: [] });
    const unknownId = Buffer.from(good);
    unknownId.writeInt32BE(0x7fff_fff0, 1);
    const wrongMagic = Buffer.from(good);
    wrongMagic.writeUInt8(1, 0);
    const truncated = good.subarray(0, 8);
    await writeValues(run.data, topic, [wrongMagic, unknownId, truncated, good]);
    const out = streamsql(
      run,
      `SET 'auto.offset.reset' = 'earliest';
       CREATE STREAM bad WITH (kafka_topic='${topic}', value_format='AVRO');
       SELECT sensor FROM bad EMIT CHANGES LIMIT 1;
       SELECT message->deserializationerror->\`OFFSET\` AS off,
              message->deserializationerror->errorMessage AS msg
         FROM KSQL_PROCESSING_LOG EMIT CHANGES LIMIT 3;`,
    );
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({ SENSOR: 'ok' });
    const logged = lines.filter((l) => 'OFF' in l);
    expect(logged.map((l) => l.OFF)).toEqual([0, 1, 2]);
    expect(String(logged[0]!.MSG)).toContain('Unknown magic byte');
    expect(String(logged[1]!.MSG)).toContain(`${0x7fff_fff0}`);
    expect(String(logged[2]!.MSG)).not.toBe('');
  }, 120_000);

  it('sends a JSON_SR record whose value does not fit its column to the processing log', async () => {
    const run = newRun();
    const topic = unique('bad_json');
    const { id } = await run.client.register(
      { type: SchemaType.JSON, schema: FORMATS[2].schema },
      { subject: `${topic}-value` },
    );
    // The client validates what it encodes, so the mismatched record is framed by hand: the
    // id Apicurio gave, then JSON text that the schema does not allow.
    const header = Buffer.from([0, 0, 0, 0, 0]);
    header.writeInt32BE(id, 1);
    await writeValues(run.data, topic, [
      Buffer.concat([header, Buffer.from('{"sensor":"s","celsius":"hot","tags":[]}')]),
      await run.client.encode(id, { sensor: 'ok', celsius: 1, tags: [] }),
    ]);
    const out = streamsql(
      run,
      `SET 'auto.offset.reset' = 'earliest';
       CREATE STREAM bad WITH (kafka_topic='${topic}', value_format='JSON_SR');
       SELECT sensor FROM bad EMIT CHANGES LIMIT 1;
       SELECT message->deserializationerror->errorMessage AS msg
         FROM KSQL_PROCESSING_LOG EMIT CHANGES LIMIT 1;`,
    );
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({ SENSOR: 'ok' });
    expect(String(lines.find((l) => 'MSG' in l)?.MSG)).toContain(
      "Can't coerce string to type. targetType: DOUBLE, path: $.CELSIUS",
    );
  }, 120_000);
});
