import { afterEach, describe, expect, it } from 'vitest';
import { ScriptError } from '../../src/engine/engine.js';
import { openTestEngine, removeDir, type TestEngine } from './helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const SETUP = `
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM clicks (id INT KEY, user_id STRING, amount INT) WITH (kafka_topic='clicks', partitions=1, value_format='JSON');
INSERT INTO clicks (id, user_id, amount) VALUES (1, 'alice', 10);
INSERT INTO clicks (id, user_id, amount) VALUES (2, 'bob', 3);
INSERT INTO clicks (id, user_id, amount) VALUES (3, 'alice', 7);
`;

describe('engine', () => {
  it('runs a filtering, projecting persistent query and a push query over its output', async () => {
    t = await openTestEngine();
    const rows = await t.run(`${SETUP}
CREATE STREAM big AS SELECT id, UCASE(user_id) AS who, amount * 2 AS doubled FROM clicks WHERE amount > 5;
SELECT * FROM big EMIT CHANGES;`);
    expect(rows).toEqual([
      { ID: 1, WHO: 'ALICE', DOUBLED: 20 },
      { ID: 3, WHO: 'ALICE', DOUBLED: 14 },
    ]);
  });

  it('re-keys with PARTITION BY, moving the old key into the value', async () => {
    t = await openTestEngine();
    await t.run(`${SETUP} CREATE STREAM by_user AS SELECT * FROM clicks PARTITION BY user_id;`);
    const source = t.engine.metastore.getSource('BY_USER')!;
    expect(source.columns.map((c) => `${c.name}:${c.namespace}`)).toEqual([
      'USER_ID:key',
      'AMOUNT:value',
      'ID:value',
    ]);
    const rows = await t.run('SELECT * FROM by_user EMIT CHANGES;');
    expect(rows.map((r) => r.USER_ID)).toEqual(['alice', 'bob', 'alice']);
  });

  it('aggregates with GROUP BY, emitting every update', async () => {
    t = await openTestEngine();
    const rows = await t.run(`${SETUP}
CREATE TABLE totals AS SELECT user_id, COUNT(*) AS n, SUM(amount) AS total FROM clicks GROUP BY user_id;
SELECT * FROM totals EMIT CHANGES;`);
    expect(rows).toEqual([
      { USER_ID: 'alice', N: 1n, TOTAL: 10 },
      { USER_ID: 'bob', N: 1n, TOTAL: 3 },
      { USER_ID: 'alice', N: 2n, TOTAL: 17 },
    ]);
  });

  it('answers pull queries from the current table', async () => {
    t = await openTestEngine();
    await t.run(
      `${SETUP} CREATE TABLE totals AS SELECT user_id, SUM(amount) AS total FROM clicks GROUP BY user_id;`,
    );
    const result = await t.engine.executeScript("SELECT * FROM totals WHERE user_id = 'alice';");
    expect(result[0]).toMatchObject({ kind: 'table', rows: [['alice', 17]] });
  });

  it('refuses a bad statement with its position and changes nothing', async () => {
    t = await openTestEngine();
    await t.run(SETUP);
    const err = await t.engine
      .executeScript('CREATE STREAM bad AS SELECT nope FROM clicks;')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptError);
    expect((err as ScriptError).message).toContain("SELECT column 'NOPE' cannot be resolved");
    expect(t.engine.metastore.getSource('BAD')).toBeUndefined();
  });

  it('runs a stream that has only key columns: its null values are rows of keys', async () => {
    t = await openTestEngine();
    const rows = await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM ids (id INT KEY) WITH (kafka_topic='ids', partitions=1, value_format='JSON');
INSERT INTO ids (id) VALUES (5);
CREATE STREAM doubled AS SELECT id, id * 2 AS d FROM ids;
SELECT * FROM doubled EMIT CHANGES;`);
    expect(rows).toEqual([{ ID: 5, D: 10 }]);
  });

  it('compares a DATE with a TIMESTAMP as the timestamp of its midnight', async () => {
    t = await openTestEngine();
    const rows = await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM visits (id INT KEY, d DATE, ts TIMESTAMP) WITH (kafka_topic='visits', partitions=1, value_format='JSON');
INSERT INTO visits (id, d, ts) VALUES (1, '1970-01-11', '1970-01-10T23:59:59.999');
INSERT INTO visits (id, d, ts) VALUES (2, '1970-01-11', '1970-01-11T00:00:00.000');
SELECT id, d > ts AS later, d = ts AS same FROM visits EMIT CHANGES;`);
    expect(rows).toEqual([
      { ID: 1, LATER: true, SAME: false },
      { ID: 2, LATER: false, SAME: true },
    ]);
  });

  it('names the values it was given when INSERT VALUES has more values than columns', async () => {
    t = await openTestEngine();
    await t.run(SETUP);
    const err = await t.engine
      .executeScript("INSERT INTO clicks VALUES ('a''b', 101, 13.5, 'x', 'y', 'z');")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptError);
    expect((err as ScriptError).message).toMatch(/\['a''b', 101, 13\.5, 'x', 'y', 'z'\]/);
  });

  it('sends a record that fails to deserialize to the processing log and goes on', async () => {
    t = await openTestEngine();
    await t.run(`${SETUP} CREATE STREAM copy AS SELECT * FROM clicks;`);
    await t.engine.log.append('clicks', [
      { key: Buffer.from([0, 0, 0, 9]), value: Buffer.from('{not json'), timestamp: 1 },
      {
        key: Buffer.from([0, 0, 0, 10]),
        value: Buffer.from('{"USER_ID":"carol","AMOUNT":1}'),
        timestamp: 2,
      },
    ]);
    await t.engine.drain();
    const rows = await t.run('SELECT id, user_id FROM copy EMIT CHANGES;');
    expect(rows.map((r) => r.ID)).toEqual([1, 2, 3, 10]);
    const log = await t.run(
      'SELECT message->deserializationerror->`TOPIC` AS src, message->deserializationerror->`OFFSET` AS off FROM KSQL_PROCESSING_LOG EMIT CHANGES;',
    );
    expect(log).toEqual([{ SRC: 'clicks', OFF: 3n }]);
    expect(t.notices.some((n) => n.includes('clicks/0@3'))).toBe(true);
    const [reason] = await t.run(
      'SELECT message->deserializationerror->errorMessage AS msg FROM KSQL_PROCESSING_LOG EMIT CHANGES;',
    );
    expect(reason!.MSG).toContain('from topic: clicks');
  });

  it('turns a failing function or cast into NULL, logs it, and keeps the row', async () => {
    t = await openTestEngine();
    const rows = await t.run(`${SETUP}
CREATE STREAM ratio AS SELECT id, amount / (amount - 3) AS r, CAST(user_id AS INT) AS bad FROM clicks;
SELECT * FROM ratio EMIT CHANGES;`);
    expect(rows).toEqual([
      { ID: 1, R: 1, BAD: null },
      { ID: 2, R: null, BAD: null },
      { ID: 3, R: 1, BAD: null },
    ]);
    expect(t.notices.filter((n) => n.includes('by zero'))).toHaveLength(1);
  });

  it('restores streams, tables and queries on restart and resumes without reprocessing', async () => {
    t = await openTestEngine();
    const dir = t.dir;
    await t.run(
      `${SETUP} CREATE TABLE totals AS SELECT user_id, SUM(amount) AS total FROM clicks GROUP BY user_id;`,
    );
    await t.close();
    t = await openTestEngine(dir);
    expect(t.engine.queries.size).toBe(1);
    await t.run(
      "SET 'auto.offset.reset' = 'earliest'; INSERT INTO clicks (id, user_id, amount) VALUES (4, 'bob', 1);",
    );
    const rows = await t.run('SELECT * FROM totals EMIT CHANGES;');
    expect(rows).toEqual([
      { USER_ID: 'alice', TOTAL: 10 },
      { USER_ID: 'bob', TOTAL: 3 },
      { USER_ID: 'alice', TOTAL: 17 },
      { USER_ID: 'bob', TOTAL: 4 },
    ]);
  });
});
