import { describe, expect, it } from 'vitest';
import { openTestEngine, removeDir } from '../engine/helpers.js';

async function refusal(select: string): Promise<string> {
  const engine = await openTestEngine();
  try {
    await engine.run(`CREATE STREAM s (id INT KEY, a ARRAY<INT>, b ARRAY<INT>, st STRUCT<ID INT>, v STRING, d DOUBLE)
        WITH (kafka_topic='s', partitions=1, value_format='JSON');
      CREATE STREAM o AS SELECT id, ${select} AS x FROM s;`);
  } catch (error) {
    return (error as Error).message;
  } finally {
    await engine.close();
    removeDir(engine.dir);
  }
  throw new Error(`expected ${select} to be refused`);
}

describe("ksqlDB's expression checks", () => {
  it('orders only scalars: collections and structs compare for equality alone', async () => {
    expect(await refusal('a < b')).toContain(
      'Cannot compare A (ARRAY<INTEGER>) to B (ARRAY<INTEGER>) with LESS_THAN.',
    );
    expect(await refusal('st >= st')).toContain(
      'Cannot compare ST (STRUCT<`ID` INTEGER>) to ST (STRUCT<`ID` INTEGER>) with GREATER_THAN_OR_EQUAL.',
    );
  });

  it('refuses a CASE whose every branch is NULL and a STRUCT with a field twice', async () => {
    expect(await refusal('CASE WHEN d < 2.0 THEN null ELSE null END')).toContain(
      'Invalid Case expression. All case branches have NULL type',
    );
    expect(await refusal('STRUCT(foo := v, foo := v)')).toContain(
      'Duplicate field names found in STRUCT',
    );
  });
});
