import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import { col, expr, parseErrorOf, query, stmt } from './helpers.js';

describe('identifiers', () => {
  it('upper-cases unquoted names and keeps quoted ones exactly', () => {
    expect(expr('foo')).toEqual(col('FOO'));
    expect(expr('`foo`')).toEqual(col('foo'));
    expect(expr('"Foo"')).toEqual(col('Foo'));
    expect(expr('`a``b`')).toEqual(col('a`b'));
    expect(expr('"a""b"')).toEqual(col('a"b'));
    expect(expr('`with space`')).toEqual(col('with space'));
    expect(expr('a@b_1')).toEqual(col('A@B_1'));
    expect(expr('1abc')).toEqual(col('1ABC'));
  });

  it('accepts ksqlDB’s non-reserved keywords as column, source and field names', () => {
    const names = [
      'KEY',
      'TIMESTAMP',
      'DATE',
      'TIME',
      'TYPE',
      'TYPES',
      'SOURCE',
      'SINK',
      'PRIMARY',
      'EMIT',
      'CHANGES',
      'FINAL',
      'SESSION',
      'STRING',
      'INTEGER',
      'INTERVAL',
      'ZONE',
      'YEAR',
      'MONTH',
      'DAY',
      'HOUR',
      'MINUTE',
      'SECOND',
      'SHOW',
      'TABLES',
      'COLUMNS',
      'COLUMN',
      'PARTITIONS',
      'FUNCTIONS',
      'FUNCTION',
      'EXPLAIN',
      'ANALYZE',
      'SET',
      'RESET',
      'IF',
      'ESCAPE',
      'REPLACE',
      'ASSERT',
      'ALTER',
      'ADD',
      'HEADER',
      'HEADERS',
      'GRACE',
      'PERIOD',
      'DEFINE',
      'UNDEFINE',
      'VARIABLES',
      'PLUGINS',
      'SYSTEM',
      'TIMEOUT',
      'SCHEMA',
      'SUBJECT',
      'ID',
      // Not keywords at all in ksqlDB:
      'VALUE',
      'NAME',
      'FORMAT',
      'START',
      'ROWTIME',
      'ROWKEY',
      'WINDOWSTART',
      'DESC',
    ];
    for (const name of names) {
      const text = `CREATE STREAM ${name} (${name} ${name === 'STRING' ? 'INT' : 'STRING'}, s STRUCT<${name} INT>) WITH (kafka_topic='t');`;
      expect(stmt(text), text).toMatchObject({ name, elements: [{ name }, {}] });
      expect(
        query(`SELECT ${name}, s->${name} FROM ${name} ${name === 'EMIT' ? '' : 'AS'} x;`).select,
        name,
      ).toEqual([
        { kind: 'selectExpression', expression: col(name) },
        {
          kind: 'selectExpression',
          expression: { kind: 'dereference', base: col('S'), field: name },
        },
      ]);
    }
  });

  it('accepts MAP, ARRAY and STRUCT as names where they are not constructors or types', () => {
    expect(
      stmt(
        "CREATE STREAM s (map MAP<STRING, INT>, array ARRAY<INT>, struct STRUCT<a INT>) WITH (x='y');",
      ),
    ).toMatchObject({
      elements: [{ name: 'MAP' }, { name: 'ARRAY' }, { name: 'STRUCT' }],
    });
  });

  it('refuses ksqlDB’s reserved words unless they are quoted', () => {
    for (const word of [
      'SIZE',
      'TOPIC',
      'VALUES',
      'WINDOW',
      'END',
      'SELECT',
      'DECIMAL',
      'STREAMS',
    ]) {
      parseErrorOf(() => parseStatement(`SELECT ${word} FROM s;`));
      expect(query(`SELECT \`${word}\` FROM s;`).select).toEqual([
        { kind: 'selectExpression', expression: col(word) },
      ]);
    }
  });

  it('keeps keywords case-insensitive', () => {
    expect(query('sElEcT a FrOm s EmIt ChAnGeS')).toEqual(query('SELECT a FROM s EMIT CHANGES'));
  });

  it('takes IF as a name when IF NOT EXISTS does not follow', () => {
    expect(stmt("CREATE STREAM if WITH (a='b');")).toMatchObject({
      name: 'IF',
      ifNotExists: false,
    });
    expect(stmt("CREATE STREAM if not exists x WITH (a='b');")).toMatchObject({
      name: 'X',
      ifNotExists: true,
    });
  });

  it('reads a ${variable} where an identifier or a literal goes, for later substitution', () => {
    expect(stmt("CREATE STREAM ${name} WITH (kafka_topic=${topic}, x='${y}');")).toMatchObject({
      name: '${name}',
      properties: { KAFKA_TOPIC: '${topic}', X: '${y}' },
    });
    expect(expr('${v} + 1')).toMatchObject({ left: col('${v}') });
  });
});
