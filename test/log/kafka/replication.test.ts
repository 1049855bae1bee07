/**
 * A three-broker cluster: topics with replication factor 3 and `min.insync.replicas=2`, appends
 * with `acks=all`, and a query-like task copying input to output in transactions with its
 * offsets. One broker is killed mid-run: appends and the task carry on (leaders move, the
 * transaction and group coordinators move), nothing acknowledged is lost, and the output holds
 * every input record exactly once. Then the same with the engine: a stateless query and a GROUP
 * BY query over a stream created with REPLICAS=3 keep running while a broker is killed and comes
 * back, and their output is complete and exact. Needs STREAMSQL_KAFKA_CLUSTER=1 (CI sets it): it
 * starts and stops its own cluster, which takes about a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import type { Log } from '../../../src/log/log.js';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { serviceLog } from '../../../src/log/kafka/service-log.js';
import { drain, record, text, uniqueNames } from '../contract/subject.js';
import { CLUSTER_BROKERS, killNode, startCluster, startNode, stopCluster } from './cluster.js';
import { toolsMissing } from './kafka-tools.js';

const wanted = process.env['STREAMSQL_KAFKA_CLUSTER'] === '1';
const missing = wanted ? toolsMissing() : 'set STREAMSQL_KAFKA_CLUSTER=1 to run it (CI does)';
if (missing)
  console.warn(`test/log/kafka/replication.test.ts: three-broker test skipped: ${missing}`);
const unique = uniqueNames();

/** Copies new input to output, one transaction per partition batch, as a query's task does. */
async function copyOnce(
  log: Log,
  positions: number[],
  names: { input: string; output: string; group: string },
): Promise<number> {
  let copied = 0;
  for (let partition = 0; partition < positions.length; partition++) {
    const records = await log.read(names.input, partition, positions[partition]!, 200);
    if (records.length === 0) continue;
    const next = records[records.length - 1]!.offset + 1;
    const tx = log.transaction();
    tx.append(
      names.output,
      records.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })),
    );
    tx.commitOffset(names.group, { topic: names.input, partition }, next);
    await tx.commit();
    positions[partition] = next;
    copied += records.length;
  }
  return copied;
}

describe.skipIf(missing !== undefined)('kafka three-broker cluster', () => {
  beforeAll(startCluster, 240_000);
  afterAll(stopCluster, 120_000);

  it('loses nothing and duplicates nothing when a broker is killed mid-run', async () => {
    const log = await openKafkaLog({ brokers: CLUSTER_BROKERS, serviceId: unique('svc') });
    const names = { input: unique('repl-in'), output: unique('repl-out'), group: unique('q') };
    const spec = { partitions: 6, replicas: 3, config: { 'min.insync.replicas': '2' } };
    await log.createTopic(names.input, spec);
    await log.createTopic(names.output, spec);
    expect((await log.describeTopic(names.input))?.replicas).toBe(3);
    const committed = await log.committedOffsets(names.group, names.input);
    const positions = Array.from({ length: 6 }, (_, p) => committed.get(p) ?? 0);
    const sent: string[] = [];
    let copyFailure: unknown;
    let stop = false;
    const copier = (async () => {
      while (!stop) {
        try {
          if ((await copyOnce(log, positions, names)) === 0)
            await log.waitForRecords([names.input], 100);
        } catch (err) {
          copyFailure = err;
          return;
        }
      }
    })();
    const produce = async (batches: number) => {
      for (let b = 0; b < batches; b++) {
        const batch = Array.from({ length: 100 }, (_, i) => `r${sent.length + i}`);
        await log.append(
          names.input,
          batch.map((v) => record(`k${v.length % 13}-${v}`, v)),
        );
        sent.push(...batch);
      }
    };
    await produce(20);
    await killNode(2);
    await produce(30);
    await startNode(2);
    await produce(10);
    const deadline = Date.now() + 90_000;
    while (
      positions.reduce((a, b) => a + b, 0) < sent.length &&
      Date.now() < deadline &&
      !copyFailure
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    stop = true;
    await copier;
    expect(copyFailure).toBeUndefined();
    const input = (await drain(log, names.input)).records.map((r) => text(r.value));
    expect(input.sort()).toEqual([...sent].sort());
    const output = (await drain(log, names.output)).records.map((r) => text(r.value));
    expect(output).toHaveLength(sent.length);
    expect(new Set(output).size).toBe(sent.length);
    await log.close();
  }, 300_000);
  it('keeps the engine’s queries running, exactly once, when a broker is killed and comes back', async () => {
    const serviceId = unique('svc_');
    const kafka = await openKafkaLog({ brokers: CLUSTER_BROKERS, serviceId });
    const engine = await Engine.open({
      log: serviceLog(kafka, serviceId),
      functions: builtinRegistry(),
    });
    const producer = await openKafkaLog({ brokers: CLUSTER_BROKERS });
    const names = { input: unique('eng-in'), output: unique('eng-out'), counts: unique('eng-n') };
    await engine.executeScript(`SET 'auto.offset.reset' = 'earliest';
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='${names.input}', partitions=6, replicas=3, value_format='JSON');
CREATE STREAM out WITH (kafka_topic='${names.output}') AS SELECT id, UCASE(v) AS v FROM src;
CREATE TABLE counts WITH (kafka_topic='${names.counts}') AS SELECT id, COUNT(*) AS n FROM src GROUP BY id;`);
    for (const t of await kafka.listTopics()) {
      if (t.name.includes(serviceId) || Object.values(names).includes(t.name)) {
        expect([t.name, t.replicas]).toEqual([t.name, 3]);
      }
    }
    let stop = false;
    const running = engine.runUntil(() => stop);
    const sent = new Map<number, number>();
    let total = 0;
    const produce = async (batches: number) => {
      for (let b = 0; b < batches; b++) {
        const records = Array.from({ length: 100 }, () => {
          const id = total % 41;
          sent.set(id, (sent.get(id) ?? 0) + 1);
          const value = Buffer.from(JSON.stringify({ V: `v${total++}` }));
          const key = Buffer.alloc(4);
          key.writeInt32BE(id);
          return { key, value, timestamp: Date.now() };
        });
        await producer.append(names.input, records);
      }
    };
    await produce(10);
    await killNode(3);
    await produce(20);
    await startNode(3);
    await produce(10);
    const latest = async () => {
      const counts = new Map<number, number>();
      for (const r of (await drain(producer, names.counts)).records) {
        counts.set(r.key!.readInt32BE(0), (JSON.parse(r.value!.toString()) as { N: number }).N);
      }
      return counts;
    };
    const deadline = Date.now() + 120_000;
    const done = async () =>
      (await drain(producer, names.output)).records.length >= total &&
      [...sent].every(([id, n]) => counts.get(id) === n);
    let counts = new Map<number, number>();
    while (Date.now() < deadline) {
      counts = await latest();
      if (await done()) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    stop = true;
    await running;
    expect([...engine.queries.values()].map((q) => [q.plan.queryId, q.state, q.error])).toEqual([
      ['CSAS_OUT_0', 'RUNNING', undefined],
      ['CTAS_COUNTS_1', 'RUNNING', undefined],
    ]);
    const output = (await drain(producer, names.output)).records.map((r) => r.value!.toString());
    expect(output).toHaveLength(total);
    expect(new Set(output).size).toBe(total);
    expect(await latest()).toEqual(sent);
    await engine.close();
    await producer.close();
  }, 300_000);
});
