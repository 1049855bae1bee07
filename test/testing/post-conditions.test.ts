import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/common/schema.js';
import { arrayType, BIGINT, INTEGER, STRING, structType } from '../../src/common/sql-types.js';
import { Metastore } from '../../src/engine/metastore.js';
import { checkPostConditions, schemaMismatch } from '../../src/testing/post-conditions.js';
import { parseSchemaText } from '../../src/testing/schema-text.js';

const columns: Column[] = [
  { name: 'ID', type: INTEGER, namespace: 'key' },
  { name: 'name', type: STRING, namespace: 'value' },
  { name: 'S', type: structType([{ name: 'A', type: arrayType(BIGINT) }]), namespace: 'value' },
  { name: 'H', type: arrayType(STRING), namespace: 'header', headerKey: "it's" },
];

describe('schema text', () => {
  it('reads columns with their namespaces, quoted names and nested types', () => {
    expect(
      parseSchemaText(
        "ID INT KEY, `name` VARCHAR, s STRUCT<a ARRAY<BIGINT>>, H ARRAY<STRING> HEADER('it''s')",
      ),
    ).toEqual(columns);
    expect(parseSchemaText('K STRING PRIMARY KEY, V BIGINT')[0]!.namespace).toBe('key');
    expect(parseSchemaText('H ARRAY<STRUCT<key STRING, value BYTES>> HEADERS')[0]!.namespace).toBe(
      'header',
    );
  });

  it('compares structurally, whatever the spacing and type aliases', () => {
    expect(
      schemaMismatch(
        "ID   INTEGER KEY,`name` STRING, S STRUCT<A ARRAY<BIGINT>>, H ARRAY<VARCHAR> HEADER('it''s')",
        columns,
      ),
    ).toBeUndefined();
    expect(schemaMismatch('ID BIGINT KEY, `name` STRING', columns)).toMatch(
      /schema differs: expected "ID BIGINT KEY/,
    );
  });
});

describe('post conditions', () => {
  const metastore = new Metastore();
  metastore.putSource({
    name: 'OUT',
    sourceType: 'table',
    topic: 'OUT',
    columns,
    keyFormat: { format: 'KAFKA', options: {} },
    valueFormat: { format: 'JSON', options: {} },
    window: { type: 'tumbling', sizeMs: 1000 },
    readOnly: false,
    sql: '',
  });
  const topics = [{ name: 'OUT', partitions: 4, replicas: 1, config: {} }];

  it('passes when the sources and topics are as expected', () => {
    const post = {
      sources: [
        {
          name: 'OUT',
          type: 'table' as const,
          keyFormat: { format: 'KAFKA', windowType: 'TUMBLING', windowSizeMs: 1000 },
          valueFormat: { format: 'JSON' },
        },
      ],
      topics: [
        { name: 'OUT', partitions: 4, keyFormat: { format: 'KAFKA' } },
        { name: '_confluent-ksql-x-repartition' },
      ],
      blacklist: '.*-repartition',
    };
    expect(checkPostConditions(post, metastore, topics)).toEqual([]);
  });

  it('names each unmet condition', () => {
    const post = {
      sources: [
        {
          name: 'OUT',
          type: 'stream' as const,
          keyFormat: { format: 'KAFKA', windowType: 'SESSION' },
        },
        { name: 'MISSING', type: 'stream' as const },
      ],
      topics: [{ name: 'OUT', partitions: 2 }],
      blacklist: 'O.T',
    };
    expect(checkPostConditions(post, metastore, topics)).toEqual([
      'source OUT: expected a stream but it is a table',
      'source OUT: key format: expected a SESSION window but was TUMBLING',
      'source MISSING does not exist',
      'topic OUT: expected 2 partitions but it has 4',
      'topics matching the blacklist O.T exist: OUT',
    ]);
  });
});
