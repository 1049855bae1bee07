/**
 * Stateful queries spread by task over two real `streamsql` processes: a GROUP BY on a value
 * column (a repartition topic, and the aggregate's tasks downstream of it) and a stream-table
 * join over a 4-partition stream and table. Both processes own some of each query's tasks (the
 * join's: the same partitions of both inputs); one is killed (SIGKILL) mid-run; the survivor is
 * assigned its tasks once its session times out, fences it, restores the tasks' stores and
 * table from their changelogs and topics, and goes on. The sink topics, read committed, then
 * hold exactly what an oracle computed here says: every count once and in order, every joined
 * record once. A process paused (SIGSTOP) past its session is fenced the same way, and when it
 * resumes it rejoins and takes tasks back without emitting anything twice.
 */
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import type { Log } from '../../../src/log/log.js';
import { drain, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';
import { BUILT, followArgs, intKey, Processes, recorded } from './streamsql-processes.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/scale-out-tasks.test.ts');
const missing = target.skip ?? (BUILT ? undefined : 'run `npm run build` first');
if (!target.skip && missing) {
  console.warn(`test/log/kafka/scale-out-tasks.test.ts: skipped: ${missing}`);
}
const unique = uniqueNames();
const processes = new Processes();
afterAll(() => processes.cleanUp());

const GROUPS = 23;
const IDS = 50;
/** Ids from USERS on have no row in the table: the inner join drops their records. */
const USERS = 40;
const TOTAL = 5000;

const streamDdl = (topic: string) =>
  `CREATE STREAM src (id INT KEY, v STRING, seq INT) WITH (kafka_topic='${topic}', partitions=4, value_format='JSON');`;
const countsCtas = (topic: string) =>
  `CREATE TABLE counts WITH (kafka_topic='${topic}') AS SELECT v, COUNT(*) AS n FROM src GROUP BY v;`;

/** Stream records `from` … `from + count − 1`: id, group and sequence number from the index. */
function streamRecords(from: number, count: number, timestamp: number) {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    return {
      key: intKey(seq % IDS),
      value: Buffer.from(JSON.stringify({ V: `g${seq % GROUPS}`, SEQ: seq })),
      timestamp: timestamp + seq,
    };
  });
}

/** The TOTAL stream records in small batches, so that what happens meanwhile falls mid-run. */
async function feed(log: Log, topic: string, start: number): Promise<void> {
  for (let from = 0; from < TOTAL; from += 100) {
    await log.append(topic, streamRecords(from, 100, start));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The oracle: the count of each group over the TOTAL stream records. */
function expectedCounts(): Map<string, number> {
  const out = new Map<string, number>();
  for (let seq = 0; seq < TOTAL; seq++) {
    out.set(`g${seq % GROUPS}`, (out.get(`g${seq % GROUPS}`) ?? 0) + 1);
  }
  return out;
}

/** Per group of the counts topic, its counts in offset order. */
async function countsSeen(log: Log, topic: string): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const r of (await drain(log, topic)).records) {
    const key = r.key!.toString('utf8');
    out.set(key, [...(out.get(key) ?? []), (JSON.parse(r.value!.toString()) as { N: number }).N]);
  }
  return out;
}

/** Waits for the counts to reach the oracle's, then checks each was emitted once, in order. */
async function expectCountsOnce(log: Log, topic: string): Promise<void> {
  const expected = expectedCounts();
  await processes.until('every record was counted', async () => {
    const seen = await countsSeen(log, topic);
    return [...expected].every(([g, n]) => seen.get(g)?.at(-1) === n);
  });
  const seen = await countsSeen(log, topic);
  expect(new Set(seen.keys())).toEqual(new Set(expected.keys()));
  for (const [group, n] of expected) {
    expect(seen.get(group)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  }
}

/** Per member of the group: its partitions of each topic in `topics`. */
async function split(admin: Admin, group: string, topics: readonly string[]) {
  return (await processes.members(admin, group)).map((m) => topics.map((t) => m[t] ?? []));
}

/** Whether each group has `n` members that share the 4 partitions of `source` evenly. */
const sharedBy =
  (admin: Admin, groups: readonly string[], source: string, n: number) => async () => {
    for (const group of groups) {
      const members = (await split(admin, group, [source])).map((m) => m[0]!);
      const even = members.every((m) => m.length === 4 / n) && members.flat().length === 4;
      if (members.length !== n || !even) return false;
    }
    return true;
  };

/** Whether every partition of `source` has committed progress in each group. */
const progressed = (log: Log, groups: readonly string[], source: string) => async () => {
  for (const group of groups) {
    const offsets = await log.committedOffsets(group, source);
    if (![0, 1, 2, 3].every((p) => (offsets.get(p) ?? 0) > 0)) return false;
  }
  return true;
};

describe.skipIf(missing !== undefined)('stateful queries spread by task over processes', () => {
  it('splits a GROUP BY and a stream-table join by task; a killed process’s tasks move', async () => {
    const brokers = target.brokers ?? [];
    const serviceId = unique('tasks_');
    const source = unique('tasks-src');
    const users = unique('tasks-users');
    const counts = unique('tasks-counts');
    const enriched = unique('tasks-enriched');
    const countsGroup = `_confluent-ksql-${serviceId}query_CTAS_COUNTS_0`;
    const joinGroup = `_confluent-ksql-${serviceId}query_CSAS_ENRICHED_1`;
    const groups = [countsGroup, joinGroup];
    const script = processes.script(
      'tasks.sql',
      `SET 'auto.offset.reset' = 'earliest';
${streamDdl(source)}
CREATE TABLE users (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='${users}', partitions=4, value_format='JSON');
${countsCtas(counts)}
CREATE STREAM enriched WITH (kafka_topic='${enriched}') AS
  SELECT s.id AS id, s.seq AS seq, u.name AS name FROM src s JOIN users u ON s.id = u.id;
`,
    );
    const common = followArgs(brokers, serviceId);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const log = await openKafkaLog({ brokers });
    try {
      const first = processes.spawn(['run', script, ...common]);
      await processes.until('the first process recorded both queries', async () =>
        recorded(first, 'CSAS_ENRICHED_1'),
      );
      await processes.until(
        'the first process owns every task',
        sharedBy(admin, groups, source, 1),
      );
      processes.spawn(['run', processes.emptyScript, ...common]);
      await processes.until(
        'the two processes share the tasks of both queries',
        sharedBy(admin, groups, source, 2),
      );
      // The join's tasks are whole: a member reads the same partitions of the stream and table.
      for (const [s, u] of await split(admin, joinGroup, [source, users])) expect(u).toEqual(s);

      const start = Date.now();
      await log.append(
        users,
        Array.from({ length: USERS }, (_, id) => ({
          key: intKey(id),
          value: Buffer.from(JSON.stringify({ NAME: `user-${id}` })),
          timestamp: start - 1000,
        })),
      );
      const feeding = feed(log, source, start);
      await processes.until(
        'both processes processed some of both queries',
        progressed(log, groups, source),
      );
      first.child.kill('SIGKILL');
      await feeding;
      await processes.until('the survivor owns every task', sharedBy(admin, groups, source, 1));

      // Every count once, in order: no update was lost or emitted twice across the takeover.
      await expectCountsOnce(log, counts);
      // Every stream record with a user joined once, with its user's name.
      const expectedJoin = new Map<number, string>();
      for (let seq = 0; seq < TOTAL; seq++) {
        if (seq % IDS < USERS) expectedJoin.set(seq, `user-${seq % IDS}`);
      }
      await processes.until(
        'the survivor joined everything',
        async () => (await drain(log, enriched)).records.length >= expectedJoin.size,
      );
      const joined = (await drain(log, enriched)).records.map((r) => {
        const v = JSON.parse(r.value!.toString()) as { SEQ: number; NAME: string };
        return [v.SEQ, v.NAME] as const;
      });
      expect(joined).toHaveLength(expectedJoin.size);
      expect(new Map(joined)).toEqual(expectedJoin);
    } finally {
      await admin.disconnect();
      await log.close();
    }
  }, 300_000);

  it('fences a paused process whose tasks moved; resumed, it takes tasks back, nothing twice', async () => {
    const brokers = target.brokers ?? [];
    const serviceId = unique('paused_');
    const source = unique('paused-src');
    const counts = unique('paused-counts');
    const groups = [`_confluent-ksql-${serviceId}query_CTAS_COUNTS_0`];
    const script = processes.script(
      'paused.sql',
      `SET 'auto.offset.reset' = 'earliest';\n${streamDdl(source)}\n${countsCtas(counts)}\n`,
    );
    const common = followArgs(brokers, serviceId);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const log = await openKafkaLog({ brokers });
    try {
      const first = processes.spawn(['run', script, ...common]);
      await processes.until('the first process recorded the query', async () =>
        recorded(first, 'CTAS_COUNTS_0'),
      );
      processes.spawn(['run', processes.emptyScript, ...common]);
      await processes.until(
        'the two processes share the tasks',
        sharedBy(admin, groups, source, 2),
      );
      const feeding = feed(log, source, Date.now());
      await processes.until('both processes processed some', progressed(log, groups, source));
      first.child.kill('SIGSTOP');
      await processes.until(
        'the other process owns every task',
        sharedBy(admin, groups, source, 1),
      );
      first.child.kill('SIGCONT');
      await processes.until(
        'the resumed process rejoined and took tasks back',
        sharedBy(admin, groups, source, 2),
      );
      await feeding;
      await expectCountsOnce(log, counts);
    } finally {
      await admin.disconnect();
      await log.close();
    }
  }, 300_000);
});
