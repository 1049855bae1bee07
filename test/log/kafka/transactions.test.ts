/**
 * Transactions on a real broker: what `read_committed` hides, what a task's transactional id
 * fences, and what happens to the open transaction of a process that died. These are the
 * guarantees the Kafka backend claims (see README): atomic output + offsets per commit, zombie
 * fencing per task, no stall behind a dead process's transaction once its task is taken over.
 */
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { drain, readAll, record, text, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/transactions.test.ts');
const unique = uniqueNames();

describe.skipIf(target.brokers === undefined)('kafka log transactions', () => {
  const brokers = target.brokers ?? [];
  const kafka = new Kafka({ brokers, clientId: 'streamsql-test-raw', logLevel: logLevel.NOTHING });

  it('hides an open transaction’s records, and an aborted one’s forever', async () => {
    const log = await openKafkaLog({ brokers });
    const t = unique('isolation');
    await log.createTopic(t, { partitions: 1 });
    await log.append(t, [record('before', '0')]);
    const raw = kafka.producer({
      transactionalId: unique('raw'),
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await raw.connect();
    const open = await raw.transaction();
    await open.send({
      topic: t,
      messages: [
        { key: 'open', value: '1', partition: 0 },
        { key: 'open', value: '2', partition: 0 },
      ],
    });
    expect((await readAll(log, t, 0)).map((r) => text(r.key))).toEqual(['before']);
    expect(await log.endOffsets(t)).toEqual([1]);
    await open.abort();
    expect((await readAll(log, t, 0)).map((r) => text(r.key))).toEqual(['before']);
    const committed = await raw.transaction();
    await committed.send({ topic: t, messages: [{ key: 'c', value: '3', partition: 0 }] });
    await committed.commit();
    await raw.disconnect();
    let got: readonly { offset: number; key: Buffer | null }[] = [];
    for (let i = 0; i < 50 && got.length < 2; i++) got = await readAll(log, t, 0);
    expect(got.map((r) => text(r.key))).toEqual(['before', 'c']);
    expect(got[1]!.offset).toBeGreaterThan(3);
    expect(await log.endOffsets(t)).toEqual([got[1]!.offset + 1]);
    expect(await log.read(t, 0, 1, 10)).toEqual([got[1]]);
    await log.append(t, [record('last', '4')]);
    expect((await readAll(log, t, 0)).map((r) => text(r.key))).toEqual(['before', 'c', 'last']);
    await log.close();
  });

  it('fences the previous owner of a task: its later commit fails and leaves nothing', async () => {
    const serviceId = unique('svc');
    const first = await openKafkaLog({ brokers, serviceId });
    const second = await openKafkaLog({ brokers, serviceId });
    const input = unique('in');
    const out = unique('out');
    const group = unique('query');
    await first.createTopic(input, { partitions: 1 });
    await first.createTopic(out, { partitions: 2 });
    const commit = async (log: typeof first, value: string, offset: number) => {
      const tx = log.transaction();
      tx.append(out, [record('k', value)]);
      tx.commitOffset(group, { topic: input, partition: 0 }, offset);
      await tx.commit();
    };
    expect((await first.committedOffsets(group, input)).size).toBe(0);
    await commit(first, 'first', 10);
    expect(await second.committedOffsets(group, input)).toEqual(new Map([[0, 10]]));
    await expect(commit(first, 'zombie', 20)).rejects.toThrow(/fenced/);
    expect(await second.committedOffsets(group, input)).toEqual(new Map([[0, 10]]));
    await commit(second, 'second', 20);
    expect(await second.committedOffsets(group, input)).toEqual(new Map([[0, 20]]));
    const { records } = await drain(second, out);
    expect(records.map((r) => text(r.value))).toEqual(['first', 'second']);
    await first.close();
    await second.close();
  });

  it('aborts at once the transaction a dead process left open when its task is taken over', async () => {
    const serviceId = unique('svc');
    const input = unique('in');
    const out = unique('out');
    const group = unique('query');
    const log = await openKafkaLog({ brokers, serviceId });
    await log.createTopic(input, { partitions: 1 });
    await log.createTopic(out, { partitions: 1 });
    // The process that dies: the task's transactional id (`serviceId-group-topic-partition`),
    // output and offsets sent, never committed, a transaction timeout of a minute.
    const dead = kafka.producer({
      transactionalId: `${serviceId}-${group}-${input}-0`,
      transactionTimeout: 60_000,
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await dead.connect();
    const txn = await dead.transaction();
    await txn.send({ topic: out, messages: [{ key: 'k', value: 'lost', partition: 0 }] });
    await txn.sendOffsets({
      consumerGroupId: group,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '99' }] }],
    });
    const started = Date.now();
    expect((await log.committedOffsets(group, input)).size).toBe(0);
    const tx = log.transaction();
    tx.append(out, [record('k', 'kept')]);
    tx.commitOffset(group, { topic: input, partition: 0 }, 5);
    await tx.commit();
    expect((await drain(log, out)).records.map((r) => text(r.value))).toEqual(['kept']);
    expect(await log.committedOffsets(group, input)).toEqual(new Map([[0, 5]]));
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect(txn.commit()).rejects.toThrow();
    await dead.disconnect();
    await log.close();
  });
});
