import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { readAll, record, scratchDir, text } from './helpers.js';

describe('embedded log transactions', () => {
  it('makes records on several topics and the consumer offsets visible together, on commit', async () => {
    const log = await openEmbeddedLog(scratchDir());
    await log.createTopic('in', { partitions: 2 });
    await log.createTopic('out', { partitions: 3 });
    await log.createTopic('changelog', { partitions: 1 });
    const tx = log.transaction();
    tx.append('out', [record('a', '1'), record('b', '2'), record('c', '3')]);
    tx.append('changelog', [record('a', 'state')]);
    tx.append('out', [record('a', '4')]);
    tx.commitOffset('app', { topic: 'in', partition: 1 }, 42);
    expect(await log.endOffsets('out')).toEqual([0, 0, 0]);
    expect(await log.endOffsets('changelog')).toEqual([0]);
    expect((await log.committedOffsets('app', 'in')).size).toBe(0);
    await tx.commit();
    expect((await log.endOffsets('out')).reduce((a, b) => a + b)).toBe(4);
    expect(await log.endOffsets('changelog')).toEqual([1]);
    expect(await log.committedOffsets('app', 'in')).toEqual(new Map([[1, 42]]));
    const outA = (await Promise.all([0, 1, 2].map((p) => readAll(log, 'out', p))))
      .flat()
      .filter((r) => text(r.key) === 'a');
    expect(outA.map((r) => text(r.value))).toEqual(['1', '4']);
    await log.close();
  });

  it('drops everything on abort, and refuses use after commit or abort', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 1 });
    const aborted = log.transaction();
    aborted.append('t', [record('k', 'v')]);
    aborted.commitOffset('g', { topic: 't', partition: 0 }, 1);
    aborted.abort();
    expect(() => aborted.append('t', [record('k', 'v')])).toThrow(/over/);
    await expect(aborted.commit()).rejects.toThrow(/over/);
    expect(await log.endOffsets('t')).toEqual([0]);
    expect((await log.committedOffsets('g', 't')).size).toBe(0);
    const done = log.transaction();
    done.append('t', [record('k', 'v')]);
    await done.commit();
    await expect(done.commit()).rejects.toThrow(/over/);
    await log.close();
  });

  it('aborts a transaction whose append fails part-way', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 2 });
    const tx = log.transaction();
    expect(() => tx.append('t', [record('a', '1'), record('b', '2', 0, 9)])).toThrow(/partition 9/);
    await expect(tx.commit()).rejects.toThrow(/over/);
    expect(await log.endOffsets('t')).toEqual([0, 0]);
    await log.close();
  });

  it('refuses offsets for unknown topics and partitions and negative offsets', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 2 });
    const tx = log.transaction();
    expect(() => tx.commitOffset('g', { topic: 'nope', partition: 0 }, 1)).toThrow(/nope/);
    expect(() => tx.commitOffset('g', { topic: 't', partition: 2 }, 1)).toThrow(/partition 2/);
    expect(() => tx.commitOffset('g', { topic: 't', partition: 0 }, -1)).toThrow(/offset -1/);
    tx.abort();
    await log.close();
  });

  it('keeps consumer offsets per group, the latest commit winning, across reopening', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir);
    await log.createTopic('t', { partitions: 3 });
    for (const [group, partition, offset] of [
      ['g1', 0, 5],
      ['g1', 2, 7],
      ['g2', 0, 1],
      ['g1', 0, 9],
    ] as const) {
      const tx = log.transaction();
      tx.commitOffset(group, { topic: 't', partition }, offset);
      await tx.commit();
    }
    const expected = {
      g1: new Map([
        [0, 9],
        [2, 7],
      ]),
      g2: new Map([[0, 1]]),
    };
    expect(await log.committedOffsets('g1', 't')).toEqual(expected.g1);
    expect(await log.committedOffsets('g2', 't')).toEqual(expected.g2);
    expect((await log.committedOffsets('g3', 't')).size).toBe(0);
    await log.close();
    const again = await openEmbeddedLog(dir);
    expect(await again.committedOffsets('g1', 't')).toEqual(expected.g1);
    expect(await again.committedOffsets('g2', 't')).toEqual(expected.g2);
    await again.close();
  });

  it.each(['always', 'batch', 'never'] as const)(
    'orders concurrent commits consistently with fsync %s',
    async (fsync) => {
      const log = await openEmbeddedLog(scratchDir(), { fsync });
      await log.createTopic('t', { partitions: 1 });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          log.append('t', [record(null, `a${i}`), record(null, `b${i}`)]),
        ),
      );
      expect(results.map((r) => r.map((x) => x.offset))).toEqual(
        Array.from({ length: 40 }, (_, i) => [2 * i, 2 * i + 1]),
      );
      const values = (await readAll(log, 't', 0)).map((r) => text(r.value));
      expect(values).toEqual(Array.from({ length: 40 }, (_, i) => [`a${i}`, `b${i}`]).flat());
      expect(log.stats.commits).toBe(40);
      if (fsync === 'always') expect(log.stats.syncs).toBe(40);
      if (fsync === 'batch') expect(log.stats.syncs).toBeLessThan(10);
      if (fsync === 'never') expect(log.stats.syncs).toBe(0);
      await log.close();
    },
  );

  it('splits a large transaction into batches and keeps it whole', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { segmentBytes: 512 * 1024 });
    await log.createTopic('t', { partitions: 2 });
    const tx = log.transaction();
    const value = 'v'.repeat(200);
    for (let i = 0; i < 20; i++) {
      tx.append(
        't',
        Array.from({ length: 1000 }, (_, j) => record(null, `${i * 1000 + j} ${value}`, 0, j % 2)),
      );
    }
    await tx.commit();
    expect(await log.endOffsets('t')).toEqual([10_000, 10_000]);
    await log.close();
    const again = await openEmbeddedLog(dir);
    const p1 = await readAll(again, 't', 1, 777);
    expect(p1.map((r) => Number(text(r.value)!.split(' ')[0]))).toEqual(
      Array.from({ length: 10_000 }, (_, i) => 2 * i + 1),
    );
    await again.close();
  });
});
