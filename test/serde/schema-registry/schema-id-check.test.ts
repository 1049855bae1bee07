import { afterEach, describe, expect, it } from 'vitest';
import type { SqlType } from '../../../src/common/sql-types.js';
import { checkSchemaIdColumns } from '../../../src/serde/schema-registry/schema-id-check.js';
import { openRegistry, type RegistryFixture } from './registry-fixture.js';

let fx: RegistryFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const INT: SqlType = { base: 'INTEGER' };
const DOUBLE: SqlType = { base: 'DOUBLE' };

async function withSchema(fields: { name: string; type: string }[]): Promise<number> {
  fx = await openRegistry();
  return fx.registry.register('out-value', {
    schemaType: 'AVRO',
    schema: JSON.stringify({ type: 'record', name: 'R', fields }),
    references: [],
  });
}

function check(id: number, columns: { name: string; type: SqlType }[]): void {
  checkSchemaIdColumns(fx!.registry, {
    topic: 'out',
    sides: [{ side: 'value', format: 'AVRO', options: { schemaId: id }, columns }],
  });
}

describe('the columns of a CREATE … AS SELECT with a schema id', () => {
  it('may be the first columns of the schema', async () => {
    const id = await withSchema([
      { name: 'c1', type: 'int' },
      { name: 'c2', type: 'double' },
    ]);
    expect(() => check(id, [{ name: 'c1', type: INT }])).not.toThrow();
    expect(() =>
      check(id, [
        { name: 'c1', type: INT },
        { name: 'c2', type: DOUBLE },
      ]),
    ).not.toThrow();
  });

  it('are refused when a type differs, naming the column and the schema', async () => {
    const id = await withSchema([
      { name: 'c1', type: 'string' },
      { name: 'c2', type: 'double' },
    ]);
    expect(() => check(id, [{ name: 'c1', type: INT }])).toThrow(
      'The following value columns are changed, missing or reordered: [`c1` INTEGER]. ' +
        'Schema from schema registry is [`c1` STRING, `c2` DOUBLE]',
    );
  });

  it('are refused when reordered or missing from the schema', async () => {
    const id = await withSchema([
      { name: 'c2', type: 'double' },
      { name: 'c1', type: 'int' },
    ]);
    expect(() => check(id, [{ name: 'c1', type: INT }])).toThrow(/\[`c1` INTEGER\]/);
    expect(() =>
      check(id, [
        { name: 'c2', type: DOUBLE },
        { name: 'c1', type: INT },
        { name: 'c3', type: INT },
      ]),
    ).toThrow('changed, missing or reordered: [`c3` INTEGER]');
  });
});
