/**
 * Stateful queries spread by task over two real `streamsql` processes: a GROUP BY on a value
 * column (a repartition topic, and the aggregate's tasks downstream of it) and a stream-table
 * join over a 4-partition stream and table. Both processes own some of each query's tasks (the
 * join's: the same partitions of both inputs); one is killed (SIGKILL) mid-run; the survivor is
 * assigned its tasks once its session times out, fences it, restores the tasks' stores and
 * table from their changelogs and topics, and goes on. The sink topics, read committed, then
 * hold exactly what an oracle computed here says: every count once and in order, every joined
 * record once.
 */
import { Kafka, logLevel } from 'kafkajs';
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

/** Per key of `topic` (as text), its values in offset order, parsed. */
async function valuesByKey<T>(
  log: Log,
  topic: string,
  keyOf: (key: Buffer) => string,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for (const r of (await drain(log, topic)).records) {
    const key = keyOf(r.key!);
    out.set(key, [...(out.get(key) ?? []), JSON.parse(r.value!.toString()) as T]);
  }
  return out;
}

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
    const script = processes.script(
      'tasks.sql',
      `SET 'auto.offset.reset' = 'earliest';
CREATE STREAM src (id INT KEY, v STRING, seq INT) WITH (kafka_topic='${source}', partitions=4, value_format='JSON');
CREATE TABLE users (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='${users}', partitions=4, value_format='JSON');
CREATE TABLE counts WITH (kafka_topic='${counts}') AS SELECT v, COUNT(*) AS n FROM src GROUP BY v;
CREATE STREAM enriched WITH (kafka_topic='${enriched}') AS
  SELECT s.id AS id, s.seq AS seq, u.name AS name FROM src s JOIN users u ON s.id = u.id;
`,
    );
    const common = followArgs(brokers, serviceId);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const log = await openKafkaLog({ brokers });
    /** Per member of the group: its partitions of the stream (and, for the join, of the table). */
    const split = async (group: string) =>
      (await processes.members(admin, group)).map((m) => ({
        src: m[source] ?? [],
        users: m[users] ?? [],
      }));
    const ownedBy = (n: number) => async () => {
      const all = await Promise.all([split(countsGroup), split(joinGroup)]);
      return all.every(
        (members) =>
          members.length === n &&
          members.every((m) => m.src.length === 4 / n) &&
          members.flatMap((m) => m.src).length === 4,
      );
    };
    try {
      const first = processes.spawn(['run', script, ...common]);
      await processes.until('the first process recorded both queries', async () =>
        recorded(first, 'CSAS_ENRICHED_1'),
      );
      await processes.until('the first process owns every task', ownedBy(1));
      processes.spawn(['run', processes.emptyScript, ...common]);
      await processes.until('the two processes share the tasks of both queries', ownedBy(2));
      // The join's tasks are whole: a member reads the same partitions of the stream and table.
      for (const m of await split(joinGroup)) expect(m.users).toEqual(m.src);
      for (const m of await split(countsGroup)) expect(m.users).toEqual([]);

      const start = Date.now();
      await log.append(
        users,
        Array.from({ length: USERS }, (_, id) => ({
          key: intKey(id),
          value: Buffer.from(JSON.stringify({ NAME: `user-${id}` })),
          timestamp: start - 1000,
        })),
      );
      // The stream arrives in small batches, so the kill falls while both processes work.
      const feeding = (async () => {
        for (let from = 0; from < TOTAL; from += 100) {
          await log.append(source, streamRecords(from, 100, start));
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await processes.until('both processes processed some of both queries', async () => {
        for (const group of [countsGroup, joinGroup]) {
          const offsets = await log.committedOffsets(group, source);
          if (![0, 1, 2, 3].every((p) => (offsets.get(p) ?? 0) > 0)) return false;
        }
        return true;
      });
      first.child.kill('SIGKILL');
      await feeding;
      await processes.until('the survivor owns every task', ownedBy(1));

      const expectedCounts = new Map<string, number>();
      const expectedJoin = new Map<number, string>();
      for (let seq = 0; seq < TOTAL; seq++) {
        const group = `g${seq % GROUPS}`;
        expectedCounts.set(group, (expectedCounts.get(group) ?? 0) + 1);
        if (seq % IDS < USERS) expectedJoin.set(seq, `user-${seq % IDS}`);
      }
      const countsSeen = () => valuesByKey<{ N: number }>(log, counts, (k) => k.toString('utf8'));
      await processes.until('the survivor counted everything', async () => {
        const seen = await countsSeen();
        return [...expectedCounts].every(([g, n]) => seen.get(g)?.at(-1)?.N === n);
      });
      await processes.until(
        'the survivor joined everything',
        async () => (await drain(log, enriched)).records.length >= expectedJoin.size,
      );

      // Every count once, in order: no update was lost or emitted twice across the takeover.
      const seen = await countsSeen();
      expect(new Set(seen.keys())).toEqual(new Set(expectedCounts.keys()));
      for (const [group, n] of expectedCounts) {
        expect(seen.get(group)!.map((v) => v.N)).toEqual(
          Array.from({ length: n }, (_, i) => i + 1),
        );
      }
      // Every stream record with a user joined once, with its user's name.
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
});
