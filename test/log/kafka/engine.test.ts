/**
 * The engine on Kafka gives the rows it gives on the embedded log: the same scripts (the engine
 * suite's and examples/pageviews.sql) run on both, with each Kafka run under its own topic prefix
 * (`PrefixedLog`) so runs never meet on a shared broker; and an engine reopened on Kafka replays
 * its command topic and resumes its queries without reprocessing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';
import type { ResultColumn } from '../../../src/engine/results.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { PrefixedLog } from '../../../src/log/kafka/prefixed-log.js';
import type { Log } from '../../../src/log/log.js';
import { uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget, REPO_ROOT } from './broker.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/engine.test.ts');
const unique = uniqueNames();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;

/** Runs a script on an engine over `log` and returns its push queries' rows. */
async function run(log: Log, script: string): Promise<Row[]> {
  const engine = await Engine.open({ log, functions: builtinRegistry() });
  try {
    const rows: Row[] = [];
    await engine.executeScript(script, {
      onPushRow: (values: readonly unknown[], columns: readonly ResultColumn[]) =>
        rows.push(Object.fromEntries(columns.map((c, i) => [c.name, values[i]]))),
    });
    await engine.drain();
    return rows;
  } finally {
    await engine.close();
  }
}

function embedded(): Promise<Log> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-kafka-engine-'));
  dirs.push(dir);
  return openEmbeddedLog(dir, { fsync: 'never' });
}

const SETUP = `
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM clicks (id INT KEY, user_id STRING, amount INT) WITH (kafka_topic='clicks', partitions=2, value_format='JSON');
INSERT INTO clicks (id, user_id, amount) VALUES (1, 'alice', 10);
INSERT INTO clicks (id, user_id, amount) VALUES (2, 'bob', 3);
INSERT INTO clicks (id, user_id, amount) VALUES (3, 'alice', 7);
INSERT INTO clicks (id, user_id, amount) VALUES (4, 'carol', 12);
`;

const SCRIPTS: Record<string, string> = {
  'a filtering, projecting query and a push query over its output': `${SETUP}
CREATE STREAM big AS SELECT id, UCASE(user_id) AS who, amount * 2 AS doubled FROM clicks WHERE amount > 5;
SELECT * FROM big EMIT CHANGES;`,
  'a re-keying query (PARTITION BY)': `${SETUP}
CREATE STREAM by_user AS SELECT * FROM clicks PARTITION BY user_id;
SELECT * FROM by_user EMIT CHANGES;`,
  'an aggregate with GROUP BY': `${SETUP}
CREATE TABLE totals AS SELECT user_id, COUNT(*) AS n, SUM(amount) AS total FROM clicks GROUP BY user_id;
SELECT * FROM totals EMIT CHANGES;`,
  'examples/pageviews.sql': fs.readFileSync(path.join(REPO_ROOT, 'examples/pageviews.sql'), 'utf8'),
};

/** Rows in a canonical order: partitions interleave differently from run to run. */
const sorted = (rows: Row[]) =>
  rows
    .map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))
    .sort();

describe.skipIf(target.brokers === undefined)('the engine on Kafka', () => {
  const brokers = target.brokers ?? [];
  const kafka = async (prefix: string) =>
    new PrefixedLog(await openKafkaLog({ brokers, serviceId: prefix.slice(0, -1) }), prefix);

  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`gives the embedded log's rows: ${name}`, async () => {
      const expected = await run(await embedded(), script);
      expect(expected.length).toBeGreaterThan(0);
      const got = await run(await kafka(`${unique('engine')}.`), script);
      expect(sorted(got)).toEqual(sorted(expected));
    });
  }

  it('replays its command topic on reopening and resumes queries without reprocessing', async () => {
    const prefix = `${unique('restart')}.`;
    const create = `${SETUP} CREATE TABLE totals AS SELECT user_id, SUM(amount) AS total FROM clicks GROUP BY user_id;`;
    await run(await kafka(prefix), create);
    const log = await kafka(prefix);
    const engine = await Engine.open({ log, functions: builtinRegistry() });
    expect(engine.queries.size).toBe(1);
    await engine.close();
    const more =
      "SET 'auto.offset.reset' = 'earliest'; INSERT INTO clicks (id, user_id, amount) VALUES (5, 'bob', 1);";
    await run(await kafka(prefix), more);
    const rows = await run(
      await kafka(prefix),
      "SET 'auto.offset.reset' = 'earliest'; SELECT * FROM totals EMIT CHANGES;",
    );
    const last = new Map(rows.map((r) => [r['USER_ID'], r['TOTAL']]));
    expect(last).toEqual(
      new Map<unknown, unknown>([
        ['alice', 17],
        ['bob', 4],
        ['carol', 12],
      ]),
    );
    expect(rows.filter((r) => r['USER_ID'] === 'bob').map((r) => r['TOTAL'])).toEqual([3, 4]);
  });
});
