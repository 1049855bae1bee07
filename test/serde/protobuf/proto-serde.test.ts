import { afterEach, describe, expect, it } from 'vitest';
import { arrayType, structType, type SqlType } from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import { parseProtoSchema } from '../../../src/serde/protobuf/proto-parse.js';
import {
  decodeMessageIndexes,
  encodeMessageIndexes,
  frameHeader,
  readFrame,
} from '../../../src/serde/schema-registry/wire-format.js';
import type { SerdeColumn } from '../../../src/serde/serde.js';
import { openRegistry, type RegistryFixture } from '../schema-registry/registry-fixture.js';

let f: RegistryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const col = (name: string, type: SqlType): SerdeColumn => ({ name, type });

describe('the PROTOBUF format', () => {
  it('round-trips a row through a generated ConnectDefault1 message, proto3 defaults for nulls', async () => {
    f = await openRegistry();
    const columns = [
      col('I', { base: 'INTEGER' }),
      col('S', { base: 'STRING' }),
      col('A', arrayType({ base: 'BIGINT' })),
      col('ST', structType([{ name: 'X', type: { base: 'BOOLEAN' } }])),
      col('TS', { base: 'TIMESTAMP' }),
    ];
    const serde = createSerde('PROTOBUF', columns, 'value', { topic: 't', registry: f.registry });
    const bytes = serde.serialize([5, null, [1n, 2n], { X: true }, 1500])!;
    const { payload } = readFrame(bytes);
    expect(decodeMessageIndexes(payload).indexes).toEqual([0]);
    expect(serde.deserialize(bytes)).toEqual([5, '', [1n, 2n], { X: true }, 1500]);
    const text = f.registry.sync.subjectVersion('t-value', 'latest')!.schema;
    expect(text).toContain('message ConnectDefault1');
  });

  it('keeps nulls with the OPTIONAL and WRAPPER nullable representations', async () => {
    f = await openRegistry();
    for (const nullableRepresentation of ['OPTIONAL', 'WRAPPER'] as const) {
      const serde = createSerde(
        'PROTOBUF',
        [col('I', { base: 'INTEGER' }), col('S', { base: 'STRING' })],
        'value',
        { topic: `t_${nullableRepresentation}`, registry: f.registry, nullableRepresentation },
      );
      expect(serde.deserialize(serde.serialize([null, 'x']))).toEqual([null, 'x']);
      expect(serde.deserialize(serde.serialize([0, null]))).toEqual([0, null]);
    }
  });

  it('reads and writes the message a schema full name chooses, with its message indexes', async () => {
    f = await openRegistry();
    const schema =
      'syntax = "proto3";\npackage p;\nmessage First { int32 a = 1; }\nmessage Second { string b = 1; }\n';
    const id = await f.registry.register('t-value', {
      schemaType: 'PROTOBUF',
      schema,
      references: [],
    });
    const serde = createSerde('PROTOBUF', [col('B', { base: 'STRING' })], 'value', {
      topic: 't',
      registry: f.registry,
      schemaId: id,
      schemaFullName: 'p.Second',
    });
    const bytes = serde.serialize(['hello'])!;
    const { payload } = readFrame(bytes);
    const { indexes, offset } = decodeMessageIndexes(payload);
    expect(indexes).toEqual([1]);
    const type = parseProtoSchema(
      { schemaType: 'PROTOBUF', schema, references: [] },
      () => undefined,
    ).messages[1]!;
    expect(type.decode(payload.subarray(offset)).toJSON()).toEqual({ b: 'hello' });
    // A reader of the same columns follows the indexes to the second message.
    const reader = createSerde('PROTOBUF', [col('B', { base: 'STRING' })], 'value', {
      topic: 't',
      registry: f.registry,
    });
    const framed = Buffer.concat([
      frameHeader(id),
      encodeMessageIndexes([1]),
      payload.subarray(offset),
    ]);
    expect(reader.deserialize(framed)).toEqual(['hello']);
  });

  it('writes a key whose columns are all null as a null key', async () => {
    f = await openRegistry();
    const key = createSerde('PROTOBUF', [col('K', { base: 'INTEGER' })], 'key', {
      topic: 't',
      registry: f.registry,
    });
    expect(key.serialize([null])).toBeNull();
    expect(key.deserialize(key.serialize([0]))).toEqual([0]);
  });
});

describe('the PROTOBUF_NOSR format', () => {
  it('is the bare message of the columns, without a registry', () => {
    const serde = createSerde(
      'PROTOBUF_NOSR',
      [col('N', { base: 'BIGINT' }), col('S', { base: 'STRING' })],
      'value',
    );
    const bytes = serde.serialize([300n, 'x'])!;
    expect([...bytes]).toEqual([0x08, 0xac, 0x02, 0x12, 0x01, 0x78]);
    expect(serde.deserialize(bytes)).toEqual([300n, 'x']);
  });
});
