import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

async function selectWhere(columns: string, rows: string[], where: string) {
  t = await openTestEngine();
  const inserts = rows.map((r) => `INSERT INTO s VALUES (${r});`).join('\n');
  return t.run(`SET 'auto.offset.reset'='earliest';
    CREATE STREAM s (${columns}) WITH (kafka_topic='s', partitions=1, value_format='JSON');
    ${inserts}
    SELECT * FROM s WHERE ${where} EMIT CHANGES LIMIT 100;`);
}

async function refusal(columns: string, where: string): Promise<string> {
  const engine = await openTestEngine();
  try {
    await engine.run(`CREATE STREAM s (${columns}) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      CREATE STREAM o AS SELECT * FROM s WHERE ${where};`);
  } catch (error) {
    return (error as Error).message;
  } finally {
    await engine.close();
    removeDir(engine.dir);
  }
  throw new Error('expected a refusal');
}

describe('IN lists coerced as ksqlDB coerceUserList', () => {
  it('reads string literals as lax booleans and widens to a BIGINT string literal', async () => {
    expect(
      await selectWhere('id INT KEY, b BOOLEAN', ['1, true', '2, false'], "b IN ('tr', 'Y')"),
    ).toEqual([{ ID: 1, B: true }]);
    await t!.close();
    removeDir(t!.dir);
    expect(
      await selectWhere('id INT KEY, v INT', ['1, 1', '2, 5'], "v IN (1, '2147483648')"),
    ).toEqual([{ ID: 1, V: 1 }]);
  });

  it('turns other literals into strings next to a STRING', async () => {
    expect(
      await selectWhere(
        'id INT KEY, v STRING',
        ["1, 'true'", "2, '10.30'", "3, '10.3'"],
        'v IN (true, 10.30)',
      ),
    ).toEqual([
      { ID: 1, V: 'true' },
      { ID: 2, V: '10.30' },
    ]);
  });

  it('merges struct constructor fields into the common type', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, s STRUCT<A BIGINT, B BIGINT>) WITH (kafka_topic='s', partitions=1, value_format='JSON');`);
    const values = [{ A: 5 }, { A: 1, B: 2 }, { A: 3, B: 3 }];
    await t.engine.log.append(
      's',
      values.map((v, i) => ({
        key: Buffer.from([0, 0, 0, i + 1]),
        value: Buffer.from(JSON.stringify({ S: v })),
        timestamp: 0,
      })),
    );
    const rows = await t.run(
      "SELECT * FROM s WHERE s IN (STRUCT(A := 5), STRUCT(B := 2, A := '1')) EMIT CHANGES LIMIT 2;",
    );
    expect(rows).toEqual([
      { ID: 1, S: { A: 5n, B: null } },
      { ID: 2, S: { A: 1n, B: 2n } },
    ]);
  });

  it('says which element has no common type with the others', async () => {
    expect(await refusal('v BIGINT', 'v IN (1, true)')).toContain(
      'Invalid Predicate: operator does not exist: BIGINT = BOOLEAN (true)\nHint: You might need to add explicit type casts.',
    );
    expect(await refusal('v STRUCT<F0 BIGINT>', 'v IN (STRUCT(F0 := 10), ARRAY[10])')).toContain(
      'operator does not exist: STRUCT<`F0` BIGINT> = ARRAY<INTEGER> (ARRAY[10])',
    );
    expect(await refusal('v ARRAY<BIGINT>', "v IN (ARRAY['not 10'])")).toContain(
      'Invalid Predicate: invalid input syntax for type BIGINT: "not 10".',
    );
  });

  it('builds ARRAY constructors the same way, struct elements merged', async () => {
    t = await openTestEngine();
    const rows = await t.run(`SET 'auto.offset.reset'='earliest';
      CREATE STREAM s (id INT KEY, a INT, b BIGINT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
      INSERT INTO s (id, a, b) VALUES (1, 2, 3);
      SELECT ARRAY[null, 10, '2e1', a, b] AS n, ARRAY[STRUCT(x := a), STRUCT(y := b)] AS st
        FROM s EMIT CHANGES LIMIT 1;`);
    expect(rows).toHaveLength(1);
    // 10, '2e1', INT and BIGINT meet in a DECIMAL wide enough for a BIGINT.
    expect(String(rows[0]!.N)).toBe(',10,20,2,3');
    expect(rows[0]!.ST).toEqual([
      { X: 2, Y: null },
      { X: null, Y: 3n },
    ]);
  });

  it("refuses empty and all-NULL array constructors with ksqlDB's messages", async () => {
    expect(await refusal('v INT', 'ARRAY_LENGTH(ARRAY[]) > 0')).toContain(
      'Array constructor cannot be empty.',
    );
    expect(await refusal('v INT', 'ARRAY_LENGTH(ARRAY[NULL]) > 0')).toContain(
      'Cannot construct an array with all NULL elements',
    );
  });
});
