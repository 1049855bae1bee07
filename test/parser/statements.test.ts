import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/common/errors.js';
import { parseScript, parseStatement } from '../../src/parser/parse.js';
import { col, int, parseErrorOf, stmt, str } from './helpers.js';

describe('CREATE STREAM / TABLE', () => {
  it('reads elements with their constraints and WITH properties, names upper-cased', () => {
    expect(
      stmt(
        "CREATE STREAM s (id BIGINT KEY, h BYTES HEADER('k'), hs ARRAY<STRUCT<K STRING, V BYTES>> HEADERS, `Name` VARCHAR) " +
          "WITH (kafka_topic='t', 'Partitions'=2, WRAP_SINGLE_VALUE=false, x=NULL, y=-1.5);",
      ),
    ).toEqual({
      kind: 'createSource',
      sourceType: 'stream',
      orReplace: false,
      ifNotExists: false,
      readOnly: false,
      name: 'S',
      elements: [
        {
          name: 'ID',
          type: { kind: 'primitiveType', base: 'BIGINT' },
          constraint: { kind: 'key' },
        },
        {
          name: 'H',
          type: { kind: 'primitiveType', base: 'BYTES' },
          constraint: { kind: 'header', key: 'k' },
        },
        {
          name: 'HS',
          type: {
            kind: 'arrayType',
            items: {
              kind: 'structType',
              fields: [
                { name: 'K', type: { kind: 'primitiveType', base: 'STRING' } },
                { name: 'V', type: { kind: 'primitiveType', base: 'BYTES' } },
              ],
            },
          },
          constraint: { kind: 'headers' },
        },
        { name: 'Name', type: { kind: 'primitiveType', base: 'STRING' } },
      ],
      properties: {
        KAFKA_TOPIC: 't',
        PARTITIONS: 2,
        WRAP_SINGLE_VALUE: false,
        X: null,
        Y: -1.5,
      },
    });
  });

  it('reads OR REPLACE, SOURCE, IF NOT EXISTS and PRIMARY KEY, without elements or WITH', () => {
    expect(
      stmt('create or replace source table if not exists t (k int primary key)'),
    ).toMatchObject({
      kind: 'createSource',
      sourceType: 'table',
      orReplace: true,
      readOnly: true,
      ifNotExists: true,
      name: 'T',
      elements: [{ name: 'K', constraint: { kind: 'primaryKey' } }],
      properties: {},
    });
    expect(stmt("CREATE TABLE t WITH (kafka_topic='x')")).toMatchObject({
      kind: 'createSource',
      elements: [],
    });
  });

  it('gives the statement, its name and its elements their spans', () => {
    const statement = parseStatement('\n  CREATE STREAM `my-s` (a INT) WITH (x=1);');
    expect(statement).toMatchObject({
      span: { line: 2, col: 3, offset: 3 },
      nameSpan: { line: 2, col: 17, offset: 17 },
      elements: [{ span: { line: 2, col: 25, offset: 25 }, type: { span: { line: 2, col: 27 } } }],
      text: 'CREATE STREAM `my-s` (a INT) WITH (x=1);',
    });
  });

  it('reads CREATE … AS SELECT with its properties', () => {
    expect(
      stmt("CREATE TABLE IF NOT EXISTS t WITH (KEY_FORMAT='JSON') AS SELECT * FROM s;"),
    ).toEqual({
      kind: 'createAsSelect',
      sourceType: 'table',
      orReplace: false,
      ifNotExists: true,
      name: 'T',
      properties: { KEY_FORMAT: 'JSON' },
      query: {
        kind: 'query',
        select: [{ kind: 'allColumns' }],
        from: { kind: 'source', name: 'S' },
      },
    });
  });

  it('refuses duplicate properties and source names Kafka Streams cannot use', () => {
    expect(parseErrorOf(() => parseStatement('CREATE STREAM s WITH (a=1, A=2);')).message).toMatch(
      /duplicate property A/,
    );
    const error = parseErrorOf(() => parseStatement('CREATE STREAM "my stream" WITH (a=1);'));
    expect(error.message).toMatch(/source names may only contain/);
    expect(error.span).toMatchObject({ line: 1, col: 15 });
  });
});

describe('INSERT', () => {
  it('reads INSERT INTO … SELECT with properties', () => {
    expect(stmt("INSERT INTO t WITH (QUERY_ID='q') SELECT a FROM s;")).toEqual({
      kind: 'insertInto',
      target: 'T',
      properties: { QUERY_ID: 'q' },
      query: {
        kind: 'query',
        select: [{ kind: 'selectExpression', expression: col('A') }],
        from: { kind: 'source', name: 'S' },
      },
    });
  });

  it('reads INSERT … VALUES with and without columns', () => {
    expect(stmt("INSERT INTO t (id, `Name`, ROWTIME) VALUES (1, 'a', -2);")).toEqual({
      kind: 'insertValues',
      target: 'T',
      columns: ['ID', 'Name', 'ROWTIME'],
      values: [int('1'), str('a'), int('-2')],
    });
    expect(stmt('INSERT INTO t VALUES ();')).toEqual({
      kind: 'insertValues',
      target: 'T',
      values: [],
    });
    expect(parseStatement('INSERT INTO "t" VALUES (1);')).toMatchObject({
      targetSpan: { line: 1, col: 13, offset: 12 },
    });
  });
});

describe('other statements', () => {
  it('reads DROP, TERMINATE, CREATE TYPE and DROP TYPE', () => {
    expect(stmt('DROP TABLE IF EXISTS t DELETE TOPIC;')).toEqual({
      kind: 'dropSource',
      sourceType: 'table',
      name: 'T',
      ifExists: true,
      deleteTopic: true,
    });
    expect(stmt('drop stream s')).toMatchObject({ ifExists: false, deleteTopic: false });
    expect(stmt('TERMINATE csas_out_0;')).toEqual({
      kind: 'terminate',
      queryId: 'CSAS_OUT_0',
      all: false,
    });
    expect(stmt('TERMINATE ALL;')).toEqual({ kind: 'terminate', all: true });
    expect(stmt('CREATE TYPE IF NOT EXISTS addr AS STRUCT<street STRING, n INT>;')).toEqual({
      kind: 'createType',
      name: 'ADDR',
      ifNotExists: true,
      type: {
        kind: 'structType',
        fields: [
          { name: 'STREET', type: { kind: 'primitiveType', base: 'STRING' } },
          { name: 'N', type: { kind: 'primitiveType', base: 'INTEGER' } },
        ],
      },
    });
    expect(stmt('DROP TYPE IF EXISTS addr;')).toEqual({
      kind: 'dropType',
      name: 'ADDR',
      ifExists: true,
    });
  });

  it('reads SHOW and LIST', () => {
    const show = (text: string): unknown => stmt(text);
    expect(show('SHOW STREAMS;')).toEqual({
      kind: 'show',
      what: 'streams',
      extended: false,
      all: false,
    });
    expect(show('list tables extended')).toMatchObject({ what: 'tables', extended: true });
    expect(show('SHOW ALL TOPICS EXTENDED')).toMatchObject({
      what: 'topics',
      all: true,
      extended: true,
    });
    for (const what of ['queries', 'functions', 'properties', 'variables', 'types']) {
      expect(show(`SHOW ${what.toUpperCase()};`)).toMatchObject({ kind: 'show', what });
    }
  });

  it('reads DESCRIBE in all its forms', () => {
    expect(stmt('DESCRIBE s;')).toEqual({
      kind: 'describe',
      target: { kind: 'source', name: 'S' },
      extended: false,
    });
    expect(stmt('DESCRIBE s EXTENDED;')).toMatchObject({ extended: true });
    expect(stmt('DESCRIBE EXTENDED s;')).toMatchObject({ extended: true });
    expect(stmt('DESCRIBE STREAMS EXTENDED;')).toEqual({
      kind: 'describe',
      target: { kind: 'streams' },
      extended: true,
    });
    expect(stmt('DESCRIBE TABLES;')).toMatchObject({ target: { kind: 'tables' } });
    expect(stmt('DESCRIBE `TABLES`;')).toMatchObject({
      target: { kind: 'source', name: 'TABLES' },
    });
    expect(stmt('DESCRIBE FUNCTION substring;')).toEqual({
      kind: 'describeFunction',
      name: 'SUBSTRING',
    });
  });

  it('reads EXPLAIN of a query id and of a statement, which keeps its own text', () => {
    expect(stmt('EXPLAIN CTAS_T_1;')).toEqual({ kind: 'explain', queryId: 'CTAS_T_1' });
    expect(parseStatement('EXPLAIN SELECT * FROM s EMIT CHANGES;')).toMatchObject({
      kind: 'explain',
      text: 'EXPLAIN SELECT * FROM s EMIT CHANGES;',
      statement: {
        kind: 'select',
        text: 'SELECT * FROM s EMIT CHANGES',
        span: { line: 1, col: 9, offset: 8 },
      },
    });
  });

  it('reads SET, UNSET, DEFINE, UNDEFINE and RUN SCRIPT', () => {
    expect(stmt("SET 'auto.offset.reset' = 'earliest';")).toEqual({
      kind: 'setProperty',
      name: 'auto.offset.reset',
      value: 'earliest',
    });
    expect(stmt("UNSET 'auto.offset.reset';")).toEqual({
      kind: 'unsetProperty',
      name: 'auto.offset.reset',
    });
    expect(stmt("DEFINE topicName = '''my_topic''';")).toEqual({
      kind: 'defineVariable',
      name: 'topicName',
      value: "'my_topic'",
    });
    expect(stmt('UNDEFINE topicName;')).toEqual({ kind: 'undefineVariable', name: 'topicName' });
    expect(stmt("RUN SCRIPT '/tmp/x.sql';")).toEqual({ kind: 'runScript', path: '/tmp/x.sql' });
  });

  it('reads PRINT, keeping the topic name as written', () => {
    expect(stmt('PRINT my_topic FROM BEGINNING INTERVAL 2 LIMIT 10;')).toEqual({
      kind: 'print',
      topic: 'my_topic',
      fromBeginning: true,
      interval: 2,
      limit: 10,
    });
    expect(stmt("PRINT 'Some.Topic';")).toEqual({
      kind: 'print',
      topic: 'Some.Topic',
      fromBeginning: false,
    });
    expect(stmt('PRINT `t` SAMPLE 3;')).toMatchObject({ topic: 't', interval: 3 });
  });

  it('reads ASSERT TOPIC and ASSERT SCHEMA with timeouts in milliseconds', () => {
    expect(stmt("ASSERT NOT EXISTS TOPIC 'x' WITH (partitions=1) TIMEOUT 3 SECONDS;")).toEqual({
      kind: 'assertTopic',
      topic: 'x',
      exists: false,
      properties: { PARTITIONS: 1 },
      timeoutMs: 3000,
    });
    expect(stmt('ASSERT TOPIC x;')).toEqual({
      kind: 'assertTopic',
      topic: 'x',
      exists: true,
      properties: {},
    });
    expect(stmt("ASSERT SCHEMA SUBJECT 'x-value' ID 4 TIMEOUT 1 MINUTE;")).toEqual({
      kind: 'assertSchema',
      exists: true,
      subject: 'x-value',
      id: 4,
      timeoutMs: 60000,
    });
    expect(stmt('ASSERT NOT EXISTS SCHEMA ID 3;')).toEqual({
      kind: 'assertSchema',
      exists: false,
      id: 3,
    });
  });

  it('parses ALTER STREAM/TABLE … ADD [COLUMN]', () => {
    const parsed = stmt('ALTER TABLE t ADD COLUMN c INT, ADD d STRING;');
    expect(parsed.kind).toBe('alterSource');
    expect(parsed).toMatchObject({
      sourceType: 'table',
      name: 'T',
      columns: [{ name: 'C' }, { name: 'D' }],
    });
  });

  it('refuses what ksqlDB has and streamsql does not support, naming it', () => {
    for (const [text, feature] of [
      ["CREATE SOURCE CONNECTOR c WITH ('a'='b');", 'CREATE CONNECTOR'],
      ['SHOW CONNECTORS;', 'SHOW CONNECTORS'],
      ['ALTER SYSTEM x = y;', 'ALTER SYSTEM'],
      ['ASSERT VALUES s (a) VALUES (1);', 'ASSERT VALUES'],
      ['EXPLAIN DROP CONNECTOR c;', 'DROP CONNECTOR'],
    ] as const) {
      expect(() => parseStatement(text)).toThrow(UnsupportedError);
      expect(() => parseStatement(text)).toThrow(feature);
    }
  });
});

describe('scripts', () => {
  it('splits statements, each with its text and span; comments go anywhere', () => {
    const statements = parseScript(
      "-- a script\nSET 'a'='b';  /* block\ncomment */ SHOW STREAMS -- trailing\n;\n;DROP STREAM s",
    );
    expect(statements.map((s) => [s.kind, s.text, s.span])).toEqual([
      ['setProperty', "SET 'a'='b';", { line: 2, col: 1, offset: 12 }],
      ['show', 'SHOW STREAMS -- trailing\n;', { line: 3, col: 12, offset: 46 }],
      ['dropSource', 'DROP STREAM s', { line: 5, col: 2, offset: 74 }],
    ]);
  });

  it('parses an empty script to no statement', () => {
    expect(parseScript('  -- nothing\n')).toEqual([]);
  });

  it('wants exactly one statement from parseStatement', () => {
    expect(parseErrorOf(() => parseStatement('SHOW STREAMS; SHOW TABLES;')).message).toBe(
      'expected a single statement, found 2',
    );
    expect(parseErrorOf(() => parseStatement(' ')).message).toBe(
      'expected a statement, found none',
    );
  });
});
