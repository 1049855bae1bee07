import { describe, expect, it } from 'vitest';
import { openTestEngine, removeDir } from '../engine/helpers.js';

const SOURCES = `
CREATE STREAM s (id INT KEY, f0 INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');
CREATE TABLE w (id INT PRIMARY KEY, f0 INT)
  WITH (kafka_topic='w', partitions=1, value_format='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='30 seconds');
CREATE SOURCE STREAM r (id INT KEY, f0 INT) WITH (kafka_topic='r', partitions=1, value_format='JSON');
`;

/** The message a fresh engine refuses `sql` with. */
async function refusal(sql: string): Promise<string> {
  const engine = await openTestEngine();
  try {
    await engine.run(SOURCES);
    await engine.run(sql);
  } catch (error) {
    return (error as Error).message;
  } finally {
    await engine.close();
    removeDir(engine.dir);
  }
  throw new Error(`expected the statement to be refused: ${sql}`);
}

describe('statements refused as ksqlDB refuses them', () => {
  it('refuses comparisons with a NULL literal', async () => {
    expect(await refusal('CREATE STREAM o AS SELECT id, NULL <> NULL FROM s;')).toContain(
      'Comparison with NULL not supported: NULL <> NULL',
    );
    expect(await refusal('CREATE STREAM o AS SELECT id FROM s WHERE f0 = NULL;')).toContain(
      'Comparison with NULL not supported: INTEGER = NULL',
    );
  });

  it('refuses a NULL column without a type', async () => {
    expect(await refusal('CREATE STREAM o AS SELECT id, NULL AS x FROM s;')).toContain(
      "Can't infer a type of null. Please explicitly cast it to a required type",
    );
  });

  it('refuses persistent queries over windowed tables', async () => {
    expect(await refusal('CREATE TABLE o AS SELECT * FROM w;')).toContain(
      'KSQL does not support persistent queries on windowed tables.',
    );
  });

  it('refuses to replace a source stream', async () => {
    expect(
      await refusal(
        "CREATE OR REPLACE STREAM r (id INT KEY, f0 INT) WITH (kafka_topic='r', value_format='JSON');",
      ),
    ).toContain("Cannot add stream 'R': CREATE OR REPLACE is not supported on source streams.");
  });

  it('refuses PARTITION BY without expressions, or with NULL among several', async () => {
    expect(await refusal('CREATE STREAM o AS SELECT * FROM s PARTITION BY ();')).toContain(
      'PARTITION BY requires at least one expression',
    );
    expect(await refusal('CREATE STREAM o AS SELECT * FROM s PARTITION BY NULL, f0;')).toContain(
      'Cannot PARTITION BY multiple columns including NULL',
    );
    expect(await refusal('CREATE STREAM o AS SELECT f0 AS x FROM s PARTITION BY x;')).toContain(
      "PARTITION BY column 'X' cannot be resolved. 'X' must be a column in the source schema since PARTITION BY is applied on the input.",
    );
  });

  it('refuses window bounds in the WHERE of a windowed aggregation', async () => {
    expect(
      await refusal(
        'CREATE TABLE o AS SELECT id, COUNT(*) AS n FROM s WINDOW TUMBLING (SIZE 1 SECOND) WHERE WINDOWEND > 0 GROUP BY id;',
      ),
    ).toContain('Error in WHERE expression: Unknown column WINDOWEND.');
  });

  it('refuses unknown qualifiers in a join criteria while preparing the statement', async () => {
    expect(
      await refusal(
        'CREATE STREAM o AS SELECT s.id, r.f0 FROM s JOIN r WITHIN 1 SECOND ON x.id = r.id;',
      ),
    ).toContain("Failed to prepare statement: 'X' is not a valid stream/table name or alias.");
  });
});
