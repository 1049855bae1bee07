/**
 * Scale-out with real `streamsql` processes: one runs a script that creates a 6-partition stream
 * and a persistent query over it (`run --follow`); a second joins the same service id with an
 * empty script, so it replays the command topic and runs the same query, and the query's
 * consumer group shares the six partitions between them. Input flows; the first process is
 * killed (SIGKILL); the survivor is assigned its partitions once its session times out, fences
 * it, and the output ends up holding every input record exactly once. Stateful queries spread
 * by task too: scale-out-tasks.test.ts.
 */
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { drain, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';
import { BUILT, followArgs, intKey, Processes, recorded } from './streamsql-processes.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/scale-out.test.ts');
const missing = target.skip ?? (BUILT ? undefined : 'run `npm run build` first');
if (!target.skip && missing) console.warn(`test/log/kafka/scale-out.test.ts: skipped: ${missing}`);
const unique = uniqueNames();
const processes = new Processes();
afterAll(() => processes.cleanUp());
const streamsql = (args: readonly string[]) => processes.spawn(args);
const until = (what: string, check: () => Promise<boolean>) => processes.until(what, check);
const EMPTY_SCRIPT = processes.emptyScript;

/** Partitions of `source` per member of the query's group; none until the group is Stable. */
async function groupMembers(admin: Admin, group: string, source: string): Promise<number[][]> {
  return (await processes.members(admin, group)).map((m) => m[source] ?? []);
}

/** A script over a stream SRC of `partitions` on `source`, then `query`; returns its path. */
function writeScript(file: string, source: string, partitions: number, query: string): string {
  return processes.script(
    file,
    `SET 'auto.offset.reset' = 'earliest';
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='${source}', partitions=${partitions}, value_format='JSON');
${query}
`,
  );
}

/** The stateless query CSAS_OUT_0: SRC copied into `sink` with its values upper-cased. */
const copyQuery = (sink: string) =>
  `CREATE STREAM out WITH (kafka_topic='${sink}') AS SELECT id, UCASE(v) AS v FROM src;`;

describe.skipIf(missing !== undefined)('scale-out of a query over two streamsql processes', () => {
  it('shares a 6-partition query; one process is killed; the other completes the output', async () => {
    const brokers = target.brokers ?? [];
    const serviceId = unique('scale_');
    const source = unique('scale-src');
    const sink = unique('scale-out');
    const group = `_confluent-ksql-${serviceId}query_CSAS_OUT_0`;
    const script = writeScript('query.sql', source, 6, copyQuery(sink));
    const common = followArgs(brokers, serviceId);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const log = await openKafkaLog({ brokers });
    try {
      const members = () => groupMembers(admin, group, source);
      const first = streamsql(['run', script, ...common]);
      await until('the first process owns the six partitions', async () => {
        const m = await members();
        return m.length === 1 && m[0]!.length === 6;
      });
      await until('the first process recorded the query', async () =>
        recorded(first, 'CSAS_OUT_0'),
      );
      const second = streamsql(['run', EMPTY_SCRIPT, ...common]);
      await until('the two processes share the partitions', async () => {
        const m = await members();
        return m.length === 2 && m.every((p) => p.length > 0) && m.flat().length === 6;
      });
      const produce = (from: number, count: number) =>
        log.append(
          source,
          Array.from({ length: count }, (_, i) => ({
            key: intKey((from + i) % 101),
            value: Buffer.from(JSON.stringify({ V: `value-${from + i}` })),
            timestamp: Date.now(),
          })),
        );
      await produce(0, 3000);
      const copied = async () => (await drain(log, sink)).records.length;
      // Each process owns some partitions: all six moving means both processed their share.
      await until('both processes committed progress on their partitions', async () => {
        const offsets = await log.committedOffsets(group, source);
        return [0, 1, 2, 3, 4, 5].every((p) => (offsets.get(p) ?? 0) > 0);
      });
      first.child.kill('SIGKILL');
      await produce(3000, 1500);
      await until('the survivor owns the six partitions', async () => {
        const m = await members();
        return m.length === 1 && m[0]!.length === 6;
      });
      await until('all input went through', async () => (await copied()) >= 4500);
      const { records } = await drain(log, sink);
      const values = records.map((r) => (JSON.parse(r.value!.toString()) as { V: string }).V);
      expect(values).toHaveLength(4500);
      expect(new Set(values)).toEqual(
        new Set(Array.from({ length: 4500 }, (_, i) => `VALUE-${i}`)),
      );
      // Keys keep their bytes and partitions, as the input's.
      for (const r of records) {
        const n = Number(/VALUE-(\d+)/.exec(JSON.parse(r.value!.toString()).V)![1]);
        expect(r.key).toEqual(intKey(n % 101));
      }
      second.child.kill('SIGTERM');
      const code = await new Promise((resolve) => second.child.once('exit', resolve));
      expect(code).toBe(0);
    } finally {
      await admin.disconnect();
      await log.close();
    }
  }, 240_000);
  it('a process already running takes up a query another process records later', async () => {
    const brokers = target.brokers ?? [];
    const serviceId = unique('follow_');
    const source = unique('follow-src');
    const sink = unique('follow-out');
    const group = `_confluent-ksql-${serviceId}query_CSAS_OUT_0`;
    const script = writeScript('follow.sql', source, 4, copyQuery(sink));
    const common = followArgs(brokers, serviceId);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const log = await openKafkaLog({ brokers });
    try {
      // A headless server starts first: the command topic holds nothing yet.
      const early = streamsql([
        'start',
        '--bootstrap-servers',
        brokers.join(','),
        '--service-id',
        serviceId,
      ]);
      await until('the early process is running', async () =>
        early.output.join('').includes('persistent quer'),
      );
      const late = streamsql(['run', script, ...common]);
      await until('the late process recorded the query', async () => recorded(late, 'CSAS_OUT_0'));
      await until('both processes share the query', async () => {
        const m = await groupMembers(admin, group, source);
        return m.length === 2 && m.every((p) => p.length > 0) && m.flat().length === 4;
      });
      expect(early.output.join('')).toContain('Applied a statement recorded by another process');
      await log.append(
        source,
        Array.from({ length: 1000 }, (_, i) => ({
          key: intKey(i % 37),
          value: Buffer.from(JSON.stringify({ V: `value-${i}` })),
          timestamp: Date.now(),
        })),
      );
      await until(
        'all input went through',
        async () => (await drain(log, sink)).records.length >= 1000,
      );
      const { records } = await drain(log, sink);
      expect(records).toHaveLength(1000);
      for (const p of [early, late]) p.child.kill('SIGTERM');
    } finally {
      await admin.disconnect();
      await log.close();
    }
  }, 240_000);
});
