import { Decimal } from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  arrayType,
  decimalType,
  mapType,
  structType,
  type SqlType,
} from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import { writeFrame } from '../../../src/serde/schema-registry/wire-format.js';
import { avroType } from '../../../src/serde/avro/avro-types.js';
import { SerdeError, type SerdeColumn } from '../../../src/serde/serde.js';
import { openRegistry, type RegistryFixture } from '../schema-registry/registry-fixture.js';

let f: RegistryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const col = (name: string, type: SqlType): SerdeColumn => ({ name, type });

describe('the AVRO format', () => {
  it('round-trips every SQL type and registers the generated schema under <topic>-value', async () => {
    f = await openRegistry();
    const columns = [
      col('B', { base: 'BOOLEAN' }),
      col('I', { base: 'INTEGER' }),
      col('L', { base: 'BIGINT' }),
      col('D', { base: 'DOUBLE' }),
      col('S', { base: 'STRING' }),
      col('Y', { base: 'BYTES' }),
      col('N', decimalType(5, 2)),
      col('TS', { base: 'TIMESTAMP' }),
      col('DT', { base: 'DATE' }),
      col('TM', { base: 'TIME' }),
      col('A', arrayType({ base: 'STRING' })),
      col('M', mapType({ base: 'STRING' }, { base: 'INTEGER' })),
      col('ST', structType([{ name: 'X', type: { base: 'INTEGER' } }])),
    ];
    const serde = createSerde('AVRO', columns, 'value', { topic: 't', registry: f.registry });
    const row = [
      true,
      -7,
      1234567890123n,
      1.5,
      'é',
      Buffer.from([1, 2]),
      new Decimal('123.45'),
      1_700_000_000_000,
      19_000,
      3_600_000,
      ['a', null],
      new Map([['k', 1]]),
      { X: 9 },
    ];
    const bytes = serde.serialize(row)!;
    expect(bytes[0]).toBe(0);
    const back = serde.deserialize(bytes)!;
    expect(back.map((v) => (v instanceof Decimal ? v.toString() : v))).toEqual(
      row.map((v) => (v instanceof Decimal ? v.toString() : v)),
    );
    const registered = f.registry.sync.subjectVersion('t-value', 'latest')!;
    expect(registered.id).toBe(bytes.readInt32BE(1));
    const schema = JSON.parse(registered.schema) as { name: string; fields: { name: string }[] };
    expect(schema.name).toBe('KsqlDataSourceSchema');
    expect(schema.fields.map((x) => x.name)).toEqual(columns.map((c) => c.name));
  });

  it('writes a single key column bare, and a null value as a tombstone', async () => {
    f = await openRegistry();
    const key = createSerde('AVRO', [col('K', { base: 'STRING' })], 'key', {
      topic: 't',
      registry: f.registry,
    });
    const bytes = key.serialize(['abc'])!;
    expect(JSON.parse(f.registry.sync.schemaById(bytes.readInt32BE(1))!.schema)).toBe('string');
    expect(key.deserialize(bytes)).toEqual(['abc']);
    expect(key.serialize(null)).toBeNull();
  });

  it('reads records by the schema their id names, matching fields by name', async () => {
    f = await openRegistry();
    const writer = {
      type: 'record',
      name: 'Other',
      fields: [
        { name: 'extra', type: 'string' },
        { name: 'qty', type: 'int' },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
        { name: 'either', type: ['null', 'int', 'string'] },
      ],
    };
    const id = await f.registry.register('t-value', {
      schemaType: 'AVRO',
      schema: JSON.stringify(writer),
      references: [],
    });
    const payload = avroType(writer).toBuffer({
      extra: 'x',
      qty: 3,
      kind: 'B',
      either: { string: 'hi' },
    });
    const columns = [
      col('QTY', { base: 'BIGINT' }),
      col('KIND', { base: 'STRING' }),
      col(
        'EITHER',
        structType([
          { name: 'INT', type: { base: 'INTEGER' } },
          { name: 'STRING', type: { base: 'STRING' } },
        ]),
      ),
      col('MISSING', { base: 'STRING' }),
    ];
    const serde = createSerde('AVRO', columns, 'value', { topic: 't', registry: f.registry });
    expect(serde.deserialize(writeFrame(id, payload))).toEqual([
      3n,
      'B',
      { INT: null, STRING: 'hi' },
      null,
    ]);
  });

  it('writes with the schema VALUE_SCHEMA_ID names, filling fields the columns lack', async () => {
    f = await openRegistry();
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'c1', type: 'int' },
        { name: 'c2', type: ['null', 'string'], default: null },
        { name: 'c3', type: 'int', default: 100 },
      ],
    };
    const id = await f.registry.register('t-value', {
      schemaType: 'AVRO',
      schema: JSON.stringify(schema),
      references: [],
    });
    const serde = createSerde('AVRO', [col('c1', { base: 'INTEGER' })], 'value', {
      topic: 't',
      registry: f.registry,
      schemaId: id,
    });
    const bytes = serde.serialize([4])!;
    expect(bytes.readInt32BE(1)).toBe(id);
    expect(avroType(schema).fromBuffer(bytes.subarray(5))).toEqual({ c1: 4, c2: null, c3: 100 });
  });

  it('refuses bytes with a wrong magic byte or an unknown schema id, as ksqlDB words it', async () => {
    f = await openRegistry();
    const serde = createSerde('AVRO', [col('A', { base: 'INTEGER' })], 'value', {
      topic: 't',
      registry: f.registry,
    });
    expect(() => serde.deserialize(Buffer.from([1, 0, 0, 0, 1, 2]))).toThrow(SerdeError);
    expect(() => serde.deserialize(Buffer.from([1, 0, 0, 0, 1, 2]))).toThrow(/Unknown magic byte/);
    expect(() => serde.deserialize(writeFrame(77, Buffer.from([2])))).toThrow(
      'Failed to deserialize value from topic: t. Error retrieving Avro value schema for id 77',
    );
  });
});
