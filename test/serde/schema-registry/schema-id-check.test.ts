/**
 * CREATE … AS SELECT with VALUE_SCHEMA_ID: the schema's fields beyond the query's columns must be
 * optional. One the query cannot fill refuses the statement (ksqlDB's query would fail on its
 * first row); optional ones (a null union, a default, not in JSON_SR's `required`) are accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requiredFields } from '../../../src/serde/schema-registry/required-fields.js';
import { openTestEngine, removeDir, type TestEngine } from '../../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const avro = (fields: readonly object[]) =>
  JSON.stringify({ type: 'record', name: 'V', fields: [{ name: 'c1', type: 'int' }, ...fields] });

async function createWithSchema(schema: string): Promise<unknown> {
  t = await openTestEngine();
  const id = await t.engine.schemaRegistry.register('other-value', {
    schemaType: 'AVRO',
    schema,
    references: [],
  });
  await t.engine.log.createTopic('in', { partitions: 1, replicas: 1 });
  return t
    .run(
      `CREATE STREAM s (\`id\` INT KEY, \`c1\` INT) WITH (kafka_topic='in', value_format='AVRO');
       CREATE STREAM o WITH (value_schema_id=${id}) AS SELECT * FROM s;`,
    )
    .then(
      () => undefined,
      (e: unknown) => e,
    );
}

describe('schema ids of CREATE … AS SELECT', () => {
  it('refuse a schema with a required field the query does not write', async () => {
    const err = await createWithSchema(avro([{ name: 'c2', type: 'double' }]));
    expect(String(err)).toContain('requires fields that the query does not write: [`c2`]');
    expect(t!.engine.metastore.getSource('O')).toBeUndefined();
  });

  it('accept extra fields that are nullable or have a default', async () => {
    const err = await createWithSchema(
      avro([
        { name: 'c2', type: ['null', 'double'] },
        { name: 'c3', type: 'int', default: 0 },
      ]),
    );
    expect(err).toBeUndefined();
    expect(t!.engine.metastore.getSource('O')).toBeDefined();
  });
});

describe('requiredFields', () => {
  it('lists AVRO fields without null or default, and JSON_SR required properties', () => {
    const schema = avro([
      { name: 'c2', type: ['null', 'int'] },
      { name: 'c3', type: 'string', default: '' },
    ]);
    expect(requiredFields({ schemaType: 'AVRO', schema, references: [] })).toEqual(['c1']);
    const json = JSON.stringify({ type: 'object', properties: {}, required: ['a', 'b'] });
    expect(requiredFields({ schemaType: 'JSON', schema: json, references: [] })).toEqual([
      'a',
      'b',
    ]);
    const proto = 'syntax = "proto3"; message V { int32 a = 1; }';
    expect(requiredFields({ schemaType: 'PROTOBUF', schema: proto, references: [] })).toEqual([]);
  });
});
