import { afterEach, describe, expect, it } from 'vitest';
import { Metastore } from '../../src/engine/metastore.js';
import { parseQttText } from '../../src/testing/qtt-file.js';
import { registerTopicSchemas, usesSchemaRegistry } from '../../src/testing/register-schemas.js';
import { openRegistry, type RegistryFixture } from '../serde/schema-registry/registry-fixture.js';

let f: RegistryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const CASE = JSON.stringify({
  tests: [
    {
      name: 'sr',
      statements: [
        "CREATE STREAM A (K STRING KEY, V INT) WITH (kafka_topic='a', format='AVRO');",
        "CREATE STREAM B WITH (kafka_topic='b', value_format='PROTOBUF', value_schema_id=7);",
      ],
      topics: [
        {
          name: 'b',
          valueFormat: 'PROTOBUF',
          valueSchemaId: 7,
          valueSchema: 'syntax = "proto3"; message M { int32 x = 1; }',
        },
        {
          name: 'c',
          valueSchema: { type: 'record', name: 'R', fields: [{ name: 'f', type: 'int' }] },
        },
      ],
      inputs: [],
      outputs: [{ topic: 'a', key: 'k', value: { V: 1 } }],
    },
  ],
});

describe('registering a case’s schemas', () => {
  it('reads declared schemas by format, and registers statement schemas first, then declared ones', async () => {
    const [testCase] = parseQttText(CASE, 'f.json');
    expect(testCase!.topics[0]!.valueSchema).toMatchObject({ schemaType: 'PROTOBUF', id: 7 });
    expect(testCase!.topics[1]!.valueSchema!.schemaType).toBe('AVRO');
    expect(usesSchemaRegistry(testCase!)).toBe(true);

    f = await openRegistry();
    await registerTopicSchemas(testCase!, f.registry, new Metastore());
    const ids = ['a-key', 'a-value', 'b-value', 'c-value'].map(
      (s) => f!.registry.sync.subjectVersion(s, 'latest')?.id,
    );
    expect(ids).toEqual([1, 2, 7, 8]);
    expect(f.registry.sync.schemaById(1)!.schema).toBe('"string"');
  });
});
