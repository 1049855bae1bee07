/**
 * A three-broker cluster: topics with replication factor 3 and `min.insync.replicas=2`, appends
 * with `acks=all`, and a query-like task copying input to output in transactions with its
 * offsets. One broker is killed mid-run: appends and the task carry on (leaders move, the
 * transaction and group coordinators move), nothing acknowledged is lost, and the output holds
 * every input record exactly once. Needs STREAMSQL_KAFKA_CLUSTER=1 (CI sets it): it starts and
 * stops its own cluster, which takes about a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Log } from '../../../src/log/log.js';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
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
});
