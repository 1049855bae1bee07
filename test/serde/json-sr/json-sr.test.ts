import { afterEach, describe, expect, it } from 'vitest';
import { decimalType, mapType, structType, type SqlType } from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import {
  jsonSchemaForColumns,
  jsonSchemaToSqlType,
} from '../../../src/serde/json-sr/json-schema.js';
import { openRegistry, type RegistryFixture } from '../schema-registry/registry-fixture.js';

let f: RegistryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('the JSON_SR format', () => {
  it('is JSON text behind the header of the registered schema', async () => {
    f = await openRegistry();
    const serde = createSerde(
      'JSON_SR',
      [
        { name: 'A', type: { base: 'INTEGER' } },
        { name: 'B', type: { base: 'STRING' } },
      ],
      'value',
      { topic: 't', registry: f.registry },
    );
    const bytes = serde.serialize([1, 'x'])!;
    expect(bytes.subarray(5).toString('utf8')).toBe('{"A":1,"B":"x"}');
    expect(bytes.readInt32BE(1)).toBe(f.registry.sync.subjectVersion('t-value', 'latest')!.id);
    expect(serde.deserialize(bytes)).toEqual([1, 'x']);
    expect(() => serde.deserialize(Buffer.from('{"A":1}'))).toThrow(/magic byte/);
  });

  it('writes schemas that read back as the same SQL types', () => {
    const types: SqlType[] = [
      { base: 'BOOLEAN' },
      { base: 'INTEGER' },
      { base: 'BIGINT' },
      { base: 'DOUBLE' },
      { base: 'STRING' },
      { base: 'BYTES' },
      decimalType(10, 3),
      { base: 'DATE' },
      { base: 'TIME' },
      { base: 'TIMESTAMP' },
      mapType({ base: 'STRING' }, { base: 'BIGINT' }),
      structType([{ name: 'X', type: { base: 'DOUBLE' } }]),
    ];
    const columns = types.map((type, i) => ({ name: `C${i}`, type }));
    const schema = jsonSchemaForColumns(columns, false);
    expect(jsonSchemaToSqlType(schema)).toEqual(structType(columns));
  });

  it("reads other writers' schemas: integer is BIGINT, number DOUBLE, $ref resolved", () => {
    expect(
      jsonSchemaToSqlType({
        type: 'object',
        properties: {
          n: { type: 'integer' },
          d: { type: 'number' },
          p: { $ref: '#/definitions/P' },
        },
        definitions: { P: { type: 'object', properties: { q: { type: ['null', 'string'] } } } },
      }),
    ).toEqual(
      structType([
        { name: 'n', type: { base: 'BIGINT' } },
        { name: 'd', type: { base: 'DOUBLE' } },
        { name: 'p', type: structType([{ name: 'q', type: { base: 'STRING' } }]) },
      ]),
    );
  });
});
