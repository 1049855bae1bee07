/**
 * Statements printed as ksqlDB prints them after sanitizing, at the end of its statement errors:
 * the source aliased by its name, columns qualified, every SELECT item aliased (KSQL_COL_n for
 * expressions), WITH properties kept, EMIT CHANGES by default; joins and windows are not printed.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import { ksqlStatementText } from '../../src/testing/ksql-statement-text.js';

const print = (sql: string, columns: readonly string[] = []) =>
  ksqlStatementText(parseStatement(sql), () => columns);

describe('ksqlDB statement text', () => {
  it('qualifies columns and names every item', () => {
    expect(
      print(
        "CREATE TABLE o WITH (key_format='KAFKA') AS SELECT f2, f1 AS k, f2+f1, COUNT(*) FROM test WHERE f1 > 0 GROUP BY f1, f2 HAVING COUNT(*) > 1;",
      ),
    ).toBe(
      "CREATE TABLE O WITH (KEY_FORMAT='KAFKA') AS SELECT\n  TEST.F2 F2,\n  TEST.F1 K,\n  (TEST.F2 + TEST.F1) KSQL_COL_0,\n  COUNT(*) KSQL_COL_1\n" +
        'FROM TEST TEST\nWHERE (TEST.F1 > 0)\nGROUP BY TEST.F1, TEST.F2\nHAVING (COUNT(*) > 1)\nEMIT CHANGES',
    );
  });

  it("uses the query's alias, and skips generated names the source's columns have", () => {
    expect(print('INSERT INTO o SELECT t.a, a + 1 FROM s t EMIT CHANGES;', ['KSQL_COL_0'])).toBe(
      'INSERT INTO O SELECT\n  T.A A,\n  (T.A + 1) KSQL_COL_1\nFROM S T\nEMIT CHANGES',
    );
  });

  it('prints no joins, windows or other statements', () => {
    expect(print('CREATE STREAM o AS SELECT * FROM a JOIN b WITHIN 1 SECOND ON a.k = b.k;')).toBe(
      undefined,
    );
    expect(
      print(
        'CREATE TABLE o AS SELECT k, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY k;',
      ),
    ).toBe(undefined);
    expect(print('DROP STREAM s;')).toBe(undefined);
  });
});
