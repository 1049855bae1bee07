/**
 * Contract of transactions: records on several topics and consumer offsets become visible
 * together on commit, and not at all on abort; a transaction is used once.
 */
import { describe, expect, it } from 'vitest';
import { type LogSubject, drain, record, text } from './subject.js';

export function transactionsContract(subject: LogSubject): void {
  describe(`${subject.name} log: transactions`, () => {
    it('commits records on several topics with the offsets of their input', async () => {
      const log = await subject.open();
      const input = subject.unique('in');
      const out = subject.unique('out');
      const changes = subject.unique('changelog');
      const group = subject.unique('query');
      await log.createTopic(input, { partitions: 2 });
      await log.createTopic(out, { partitions: 3 });
      await log.createTopic(changes, { partitions: 1 });
      expect((await log.committedOffsets(group, input)).size).toBe(0);
      const tx = log.transaction();
      tx.append(out, [record('a', '1', 5), record('b', '2', 6), record(null, '3', 7)]);
      tx.append(changes, [record('a', null, 8)]);
      tx.append(out, [record('a', '4', 9)]);
      tx.commitOffset(group, { topic: input, partition: 1 }, 42);
      await tx.commit();
      const { records } = await drain(log, out);
      expect(records.map((r) => text(r.value)).sort()).toEqual(['1', '2', '3', '4']);
      const a = records.filter((r) => text(r.key) === 'a').map((r) => text(r.value));
      expect(a).toEqual(['1', '4']);
      const changelog = await drain(log, changes);
      expect(changelog.records.map((r) => [text(r.key), r.value])).toEqual([['a', null]]);
      expect(await log.committedOffsets(group, input)).toEqual(new Map([[1, 42]]));
      const next = log.transaction();
      next.commitOffset(group, { topic: input, partition: 1 }, 50);
      next.commitOffset(group, { topic: input, partition: 0 }, 7);
      await next.commit();
      expect(await log.committedOffsets(group, input)).toEqual(
        new Map([
          [0, 7],
          [1, 50],
        ]),
      );
      await log.close();
    });

    it('drops everything on abort, and refuses a transaction that is over', async () => {
      const log = await subject.open();
      const t = subject.unique('aborted');
      const group = subject.unique('g');
      await log.createTopic(t, { partitions: 1 });
      const tx = log.transaction();
      tx.append(t, [record('k', 'never')]);
      tx.commitOffset(group, { topic: t, partition: 0 }, 9);
      tx.abort();
      expect(() => tx.append(t, [record('k', 'v')])).toThrow(/over/);
      await expect(tx.commit()).rejects.toThrow(/over/);
      const done = log.transaction();
      done.append(t, [record('k', 'kept')]);
      await done.commit();
      await expect(done.commit()).rejects.toThrow(/over/);
      const { records } = await drain(log, t);
      expect(records.map((r) => text(r.value))).toEqual(['kept']);
      expect((await log.committedOffsets(group, t)).size).toBe(0);
      await log.close();
    });

    it('gives a reader that read everything a position at the end offsets', async () => {
      const log = await subject.open();
      const t = subject.unique('ends');
      await log.createTopic(t, { partitions: 2 });
      for (let i = 0; i < 5; i++) {
        const tx = log.transaction();
        tx.append(t, [record(`k${i}`, `v${i}`), record(`j${i}`, `w${i}`)]);
        await tx.commit();
      }
      await log.append(t, [record('plain', 'append')]);
      const aborted = log.transaction();
      aborted.append(t, [record('k0', 'gone')]);
      aborted.abort();
      const { records, positions } = await drain(log, t);
      expect(records).toHaveLength(11);
      expect(await log.endOffsets(t)).toEqual(positions);
      await log.close();
    });

    it('commits a transaction with nothing in it', async () => {
      const log = await subject.open();
      await log.transaction().commit();
      await log.close();
    });
  });
}
