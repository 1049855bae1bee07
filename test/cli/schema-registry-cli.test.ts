/**
 * The schema registry across processes, with the real binary: `streamsql start
 * --schema-registry-port 0` serves its data directory's registry; another streamsql, on another
 * data directory, uses it with `--schema-registry-url`; and a client written against Confluent's
 * format (@kafkajs/confluent-schema-registry) reads what that streamsql wrote and writes what it
 * reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import { cli, ROOT, tempDir } from './run-cli.js';

let server: ChildProcess | undefined;
afterEach(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  server = undefined;
});

/** Starts `streamsql start` with the REST API on a free port; resolves with its URL. */
function startRegistry(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'streamsql.js'),
        'start',
        '--data-dir',
        dir,
        '--schema-registry-port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const m = /schema registry REST API on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`streamsql start exited (${code}): ${err}`)));
  });
}

async function topicValues(dir: string, topic: string): Promise<Buffer[]> {
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  try {
    return (await log.read(topic, 0, 0, 100)).map((r) => r.value!);
  } finally {
    await log.close();
  }
}

describe('--schema-registry-url and --schema-registry-port', () => {
  it('shares schemas between streamsql processes and a Confluent-format client', async () => {
    const url = await startRegistry(tempDir());
    const client = new SchemaRegistry({ host: url });
    const data = tempDir();
    const script = join(data, 'script.sql');

    // streamsql writes AVRO through the external registry; the client reads it.
    writeFileSync(
      script,
      `CREATE STREAM s (id INT KEY, name STRING, n BIGINT)
         WITH (kafka_topic='s', partitions=1, value_format='AVRO');
       INSERT INTO s (id, name, n) VALUES (1, 'alice', 42);`,
    );
    const written = cli(['run', script, '--data-dir', data, '--schema-registry-url', url]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const [bytes] = await topicValues(data, 's');
    expect(await client.decode(bytes!)).toEqual({ NAME: 'alice', N: 42 });
    expect(await client.getLatestSchemaId('s-value')).toBe(bytes!.readInt32BE(1));

    // The client registers a schema and writes a record; streamsql infers the columns from the
    // external registry, and its sink is readable by the client again.
    const schema = JSON.stringify({
      type: 'record',
      name: 'Reading',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'celsius', type: 'double' },
      ],
    });
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema },
      { subject: 'readings-value' },
    );
    const log = await openEmbeddedLog(data, { fsync: 'never' });
    await log.createTopic('readings', { partitions: 1, replicas: 1 });
    await log.append('readings', [
      {
        key: null,
        value: await client.encode(id, { sensor: 'a1', celsius: 21.5 }),
        timestamp: 0,
        headers: [],
        partition: 0,
      },
    ]);
    await log.close();
    writeFileSync(
      script,
      `SET 'auto.offset.reset' = 'earliest';
       CREATE STREAM readings WITH (kafka_topic='readings', value_format='AVRO');
       CREATE STREAM fahrenheit AS SELECT sensor, celsius * 9 / 5 + 32 AS f FROM readings;`,
    );
    const read = cli(['run', script, '--data-dir', data, '--schema-registry-url', url]);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    const [out] = await topicValues(data, 'FAHRENHEIT');
    expect(await client.decode(out!)).toEqual({ SENSOR: 'a1', F: 70.7 });
  }, 120_000);
});
