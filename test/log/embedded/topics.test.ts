import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { readAll, record, scratchDir } from './helpers.js';

describe('embedded log topics', () => {
  it('creates, describes and lists topics, keeping replicas and config', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('orders', {
      partitions: 3,
      replicas: 2,
      config: { 'cleanup.policy': 'compact' },
    });
    await log.createTopic('_confluent-ksql-default__command_topic', { partitions: 1 });
    expect(await log.describeTopic('orders')).toEqual({
      name: 'orders',
      partitions: 3,
      replicas: 2,
      config: { 'cleanup.policy': 'compact' },
    });
    expect(await log.describeTopic('missing')).toBeUndefined();
    expect((await log.listTopics()).map((t) => t.name)).toEqual([
      '_confluent-ksql-default__command_topic',
      'orders',
    ]);
    expect(await log.startOffsets('orders')).toEqual([0, 0, 0]);
    expect(await log.endOffsets('orders')).toEqual([0, 0, 0]);
    await log.close();
  });

  it('treats creating an existing topic as a no-op, and refuses another partition count', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 2 });
    await log.append('t', [record('a', '1')]);
    await log.createTopic('t', { partitions: 2 });
    expect((await log.endOffsets('t')).reduce((a, b) => a + b)).toBe(1);
    await expect(log.createTopic('t', { partitions: 3 })).rejects.toThrow(
      /exists with 2 partitions, not 3/,
    );
    await log.close();
  });

  it('refuses names Kafka refuses and partition counts below one', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    for (const name of ['', '.', '..', 'a/b', 'a b', 'x'.repeat(250), 'ü']) {
      await expect(log.createTopic(name, { partitions: 1 })).rejects.toThrow(/invalid topic name/);
    }
    await expect(log.createTopic('t', { partitions: 0 })).rejects.toThrow(/partition count/);
    await expect(log.createTopic('t', { partitions: 1.5 })).rejects.toThrow(/partition count/);
    await log.close();
  });

  it('keeps topics, their config and their records across reopening', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir);
    await log.createTopic('t', { partitions: 2, config: { 'retention.ms': '1000' } });
    await log.append('t', [record(null, 'x', 5, 1)]);
    await log.close();
    const again = await openEmbeddedLog(dir);
    expect(await again.describeTopic('t')).toEqual({
      name: 't',
      partitions: 2,
      replicas: 1,
      config: { 'retention.ms': '1000' },
    });
    expect((await readAll(again, 't', 1)).map((r) => r.value?.toString())).toEqual(['x']);
    await again.close();
  });

  it('deletes a topic with its records and its consumer offsets; a new one starts empty', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir);
    await log.createTopic('t', { partitions: 1 });
    await log.createTopic('keep', { partitions: 1 });
    await log.append('t', [record('k', 'old')]);
    const tx = log.transaction();
    tx.commitOffset('g', { topic: 't', partition: 0 }, 1);
    tx.commitOffset('g', { topic: 'keep', partition: 0 }, 0);
    await tx.commit();
    await log.deleteTopic('t');
    expect(await log.describeTopic('t')).toBeUndefined();
    await expect(log.read('t', 0, 0, 10)).rejects.toThrow(/topic t does not exist/);
    await expect(log.append('t', [record('k', 'v')])).rejects.toThrow(/does not exist/);
    await expect(log.deleteTopic('t')).rejects.toThrow(/does not exist/);
    expect((await log.committedOffsets('g', 't')).size).toBe(0);
    expect(await log.committedOffsets('g', 'keep')).toEqual(new Map([[0, 0]]));
    await log.createTopic('t', { partitions: 1 });
    expect(await log.endOffsets('t')).toEqual([0]);
    await log.append('t', [record('k', 'new')]);
    await log.close();
    const again = await openEmbeddedLog(dir);
    expect((await readAll(again, 't', 0)).map((r) => r.value?.toString())).toEqual(['new']);
    expect((await again.committedOffsets('g', 't')).size).toBe(0);
    await again.close();
  });

  it('fails the commit of a transaction whose topics were deleted meanwhile', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 1 });
    const tx = log.transaction();
    tx.append('t', [record('k', 'v')]);
    await log.deleteTopic('t');
    await expect(tx.commit()).rejects.toThrow(/topic t was deleted/);
    await log.createTopic('u', { partitions: 1 });
    const offsetsOnly = log.transaction();
    offsetsOnly.commitOffset('g', { topic: 'u', partition: 0 }, 1);
    await log.deleteTopic('u');
    await expect(offsetsOnly.commit()).rejects.toThrow(/topic u was deleted/);
    expect((await log.committedOffsets('g', 'u')).size).toBe(0);
    await log.close();
  });
});
