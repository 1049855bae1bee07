import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, removeDir, type TestEngine } from '../helpers.js';

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
CREATE TABLE totals AS SELECT user_id, SUM(amount) AS total FROM clicks GROUP BY user_id;
`;

async function pull(sql: string): Promise<unknown> {
  const [result] = await t!.engine.executeScript(sql);
  return result?.kind === 'table' ? result.rows : result;
}

describe('pull queries', () => {
  it('see changes made after an earlier pull query on the same table', async () => {
    t = await openTestEngine();
    await t.run(SETUP);
    expect(await pull("SELECT * FROM totals WHERE user_id = 'alice';")).toEqual([['alice', 10]]);
    await t.run("INSERT INTO clicks (id, user_id, amount) VALUES (3, 'alice', 7);");
    await t.run("INSERT INTO clicks (id, user_id, amount) VALUES (4, 'carol', 1);");
    expect(await pull("SELECT * FROM totals WHERE user_id = 'alice';")).toEqual([['alice', 17]]);
    expect(await pull("SELECT * FROM totals WHERE user_id = 'carol';")).toEqual([['carol', 1]]);
    expect(await pull('SELECT * FROM totals;')).toEqual([
      ['alice', 17],
      ['bob', 3],
      ['carol', 1],
    ]);
  });

  it('finds nothing for a missing key and applies the rest of the WHERE to a found one', async () => {
    t = await openTestEngine();
    await t.run(SETUP);
    expect(await pull("SELECT * FROM totals WHERE user_id = 'nobody';")).toEqual([]);
    expect(await pull("SELECT * FROM totals WHERE user_id = 'alice' AND total > 100;")).toEqual([]);
    expect(await pull("SELECT * FROM totals WHERE total < 5 OR user_id = 'alice';")).toEqual([
      ['alice', 10],
      ['bob', 3],
    ]);
  });

  it('drops deleted keys of a table read from its topic', async () => {
    t = await openTestEngine();
    await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE TABLE users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='users', partitions=1, value_format='JSON');
INSERT INTO users (id, name) VALUES ('a', 'Ann');
INSERT INTO users (id, name) VALUES ('b', 'Bo');`);
    expect(await pull("SELECT * FROM users WHERE id = 'a';")).toEqual([['a', 'Ann']]);
    await t.engine.log.append('users', [{ key: Buffer.from('a'), value: null, timestamp: 9 }]);
    expect(await pull("SELECT * FROM users WHERE id = 'a';")).toEqual([]);
    expect(await pull('SELECT * FROM users;')).toEqual([['b', 'Bo']]);
  });
});
