import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
  }
});

const SOURCES = `
CREATE STREAM s (id INT KEY, f0 INT, f1 INT, f2 INT, txt STRING) WITH (kafka_topic='s', partitions=1, value_format='JSON');
CREATE TABLE t (id INT PRIMARY KEY, f0 INT, f1 BIGINT) WITH (kafka_topic='t', partitions=1, value_format='JSON');
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

describe('GROUP BY rules (ksqlDB AggregateAnalyzer)', () => {
  it('lists whole SELECT expressions that use columns outside the grouping expressions', async () => {
    expect(
      await refusal('CREATE TABLE o AS SELECT f1 + f2, COUNT(*) FROM s GROUP BY f2 + f1;'),
    ).toContain(
      'Non-aggregate SELECT expression(s) not part of GROUP BY: (F1 + F2)\n' +
        'Either add the column(s) to the GROUP BY or remove them from the SELECT.',
    );
    expect(
      await refusal('CREATE TABLE o AS SELECT f1, f2, f0 * SUM(f1), COUNT(*) FROM s GROUP BY f2;'),
    ).toContain('not part of GROUP BY: F1, (F0 * SUM(F1))');
  });

  it('accepts expressions built from grouping expressions and aggregates', async () => {
    t = await openTestEngine();
    await t.run(`SET 'auto.offset.reset'='earliest'; ${SOURCES}
      INSERT INTO s (id, f0, f1, f2, txt) VALUES (1, 1, 2, 3, 'abc');
      CREATE TABLE o AS SELECT SUBSTRING(txt, 1, 2) AS k, SUBSTRING(txt, 1, 2) + '!' AS e, COUNT(*) * 2 AS n
        FROM s GROUP BY SUBSTRING(txt, 1, 2);`);
    expect(await t.run('SELECT * FROM o EMIT CHANGES LIMIT 1;')).toEqual([
      { K: 'ab', E: 'ab!', N: 2n },
    ]);
  });

  it('refuses HAVING columns outside the grouping, nested aggregates and no aggregate at all', async () => {
    expect(
      await refusal('CREATE TABLE o AS SELECT f0, COUNT(*) FROM s GROUP BY f0 HAVING f1 > 2;'),
    ).toContain('Non-aggregate HAVING expression not part of GROUP BY: F1');
    expect(
      await refusal('CREATE TABLE o AS SELECT f0, SUM(COUNT()) FROM s GROUP BY f0;'),
    ).toContain('Aggregate functions can not be nested: SUM(COUNT())');
    expect(await refusal('CREATE TABLE o AS SELECT f0, f1 FROM s GROUP BY f0;')).toContain(
      'GROUP BY requires aggregate functions in either the SELECT or HAVING clause.',
    );
  });

  it('allows window bounds in SELECT only', async () => {
    const windowed = 'FROM s WINDOW TUMBLING (SIZE 1 SECOND)';
    expect(
      await refusal(`CREATE TABLE o AS SELECT f0, MIN(WINDOWSTART) ${windowed} GROUP BY f0;`),
    ).toContain(
      'Window bounds column WINDOWSTART can only be used in the SELECT clause of windowed aggregations',
    );
    expect(
      await refusal(`CREATE TABLE o AS SELECT f0, COUNT(*) ${windowed} GROUP BY f0, WINDOWEND;`),
    ).toContain('Window bounds column WINDOWEND can only be used in the SELECT clause');
  });

  it('refuses aggregates that cannot undo on a table source, naming each once', async () => {
    expect(
      await refusal(
        'CREATE TABLE o AS SELECT id, LATEST_BY_OFFSET(f0), MIN(f1), MAX(f1), MIN(f0) FROM t GROUP BY id;',
      ),
    ).toContain(
      'The aggregation functions LATEST_BY_OFFSET, MIN and MAX cannot be applied to a table source, only to a stream source.',
    );
  });

  it('names non-aggregate expressions of an aggregate query without GROUP BY', async () => {
    expect(await refusal('CREATE TABLE o AS SELECT f0, COUNT(*) FROM s;')).toContain(
      'Non-aggregate SELECT expression(s) not part of GROUP BY: F0',
    );
    expect(await refusal('CREATE STREAM o AS SELECT COUNT(*) FROM s;')).toContain(
      'requires a GROUP BY clause',
    );
    expect(await refusal('CREATE TABLE o AS SELECT COUNT(*), SUM(f0) FROM s;')).toContain(
      'CREATE TABLE AS SELECT statement does not support aggregate function [COUNT(ROWTIME), SUM(F0)] without a GROUP BY clause.',
    );
  });

  it('refuses table functions over a table source', async () => {
    expect(
      await refusal(
        "CREATE TABLE a (id INT PRIMARY KEY, xs ARRAY<INT>) WITH (kafka_topic='a', partitions=1, value_format='JSON');" +
          'CREATE TABLE o AS SELECT id, EXPLODE(xs) AS x FROM a;',
      ),
    ).toContain('Table source is not supported with table functions');
  });

  it('names the expression given where an aggregate needs a literal', async () => {
    expect(
      await refusal('CREATE TABLE o AS SELECT id, EARLIEST_BY_OFFSET(f0, f1) FROM s GROUP BY id;'),
    ).toContain(
      "Parameter 2 passed to function EARLIEST_BY_OFFSET must be a literal constant, but was expression: 'F1'",
    );
  });

  it('words projection and GROUP BY mistakes as ksqlDB does', async () => {
    expect(
      await refusal('CREATE TABLE o AS SELECT f0, f0 AS g, COUNT(*) FROM s GROUP BY f0;'),
    ).toContain('The projection contains a key column more than once: `F0` and `G`.');
    expect(
      await refusal('CREATE TABLE o AS SELECT f1, COUNT(*) FROM s GROUP BY f0, f1;'),
    ).toContain('must include the grouping expression F0 in its projection (eg, SELECT F0...).');
    expect(await refusal('CREATE TABLE o AS SELECT COUNT(*) FROM s GROUP BY f0, s.f0;')).toContain(
      'Duplicate GROUP BY expression: S.F0',
    );
    expect(
      await refusal('CREATE TABLE o AS SELECT txt AS n, COUNT(*) AS n FROM s GROUP BY txt;'),
    ).toContain('Duplicate value columns found in schema: `N` BIGINT');
    expect(
      await refusal(
        "CREATE STREAM k (id INT KEY, v INT) WITH (kafka_topic='k', partitions=1, value_format='KAFKA');" +
          'CREATE TABLE o AS SELECT v, COUNT(*) FROM k GROUP BY v;',
      ),
    ).toContain(
      "Source(s) K are using the 'KAFKA' value format. This format does not yet support GROUP BY.",
    );
  });
});
