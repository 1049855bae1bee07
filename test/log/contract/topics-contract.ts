/** Contract of topic administration: create, describe, list, delete, and what they refuse. */
import { describe, expect, it } from 'vitest';
import { type LogSubject, readAll, record } from './subject.js';

export function topicsContract(subject: LogSubject): void {
  describe(`${subject.name} log: topics`, () => {
    it('creates, describes and lists topics with their partitions, replicas and config', async () => {
      const log = await subject.open();
      const orders = subject.unique('orders');
      const other = subject.unique('other');
      await log.createTopic(orders, {
        partitions: 3,
        replicas: 1,
        config: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
      });
      await log.createTopic(other, { partitions: 1 });
      expect(await log.describeTopic(orders)).toEqual({
        name: orders,
        partitions: 3,
        replicas: 1,
        config: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
      });
      expect(await log.describeTopic(other)).toEqual({
        name: other,
        partitions: 1,
        replicas: 1,
        config: {},
      });
      expect(await log.describeTopic(subject.unique('missing'))).toBeUndefined();
      const listed = await log.listTopics();
      const names = listed.map((t) => t.name);
      expect(names).toEqual([...names].sort());
      expect(listed.find((t) => t.name === orders)?.partitions).toBe(3);
      expect(names).toContain(other);
      expect(await log.startOffsets(orders)).toEqual([0, 0, 0]);
      expect(await log.endOffsets(orders)).toEqual([0, 0, 0]);
      await log.close();
    });

    it('treats creating an existing topic as a no-op, and refuses another partition count', async () => {
      const log = await subject.open();
      const t = subject.unique('again');
      await log.createTopic(t, { partitions: 2 });
      await log.append(t, [record('a', '1')]);
      await log.createTopic(t, { partitions: 2 });
      expect((await log.endOffsets(t)).reduce((a, b) => a + b)).toBe(1);
      await expect(log.createTopic(t, { partitions: 3 })).rejects.toThrow(
        /exists with 2 partitions, not 3/,
      );
      await log.close();
    });

    it('refuses names Kafka refuses and partition counts below one', async () => {
      const log = await subject.open();
      for (const name of ['', '.', '..', 'a/b', 'a b', 'x'.repeat(250), 'ü']) {
        await expect(log.createTopic(name, { partitions: 1 })).rejects.toThrow(
          /invalid topic name/,
        );
      }
      const t = subject.unique('bad');
      await expect(log.createTopic(t, { partitions: 0 })).rejects.toThrow(/partition count/);
      await expect(log.createTopic(t, { partitions: 1.5 })).rejects.toThrow(/partition count/);
      await log.close();
    });

    it('says when a topic does not exist', async () => {
      const log = await subject.open();
      const t = subject.unique('nowhere');
      await expect(log.read(t, 0, 0, 10)).rejects.toThrow(/topic .* does not exist/);
      await expect(log.append(t, [record('k', 'v')])).rejects.toThrow(/does not exist/);
      await expect(log.endOffsets(t)).rejects.toThrow(/does not exist/);
      await expect(log.deleteTopic(t)).rejects.toThrow(/does not exist/);
      await log.close();
    });

    it('deletes a topic with its records and its consumer offsets; a new one starts empty', async () => {
      const log = await subject.open();
      const t = subject.unique('deleted');
      const keep = subject.unique('kept');
      const group = subject.unique('g');
      await log.createTopic(t, { partitions: 1 });
      await log.createTopic(keep, { partitions: 1 });
      await log.append(t, [record('k', 'old')]);
      const tx = log.transaction();
      tx.commitOffset(group, { topic: t, partition: 0 }, 1);
      tx.commitOffset(group, { topic: keep, partition: 0 }, 0);
      await tx.commit();
      await log.deleteTopic(t);
      expect(await log.describeTopic(t)).toBeUndefined();
      await expect(log.read(t, 0, 0, 10)).rejects.toThrow(/topic .* does not exist/);
      await expect(log.append(t, [record('k', 'v')])).rejects.toThrow(/does not exist/);
      expect(await log.committedOffsets(group, keep)).toEqual(new Map([[0, 0]]));
      await log.createTopic(t, { partitions: 1 });
      expect(await log.endOffsets(t)).toEqual([0]);
      expect((await log.committedOffsets(group, t)).size).toBe(0);
      await log.append(t, [record('k', 'new')]);
      expect((await readAll(log, t, 0)).map((r) => r.value?.toString())).toEqual(['new']);
      await log.close();
    });
  });
}
