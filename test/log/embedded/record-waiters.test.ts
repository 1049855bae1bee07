import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { record, scratchDir } from './helpers.js';

const settle = (p: Promise<void>): Promise<'woke'> => p.then(() => 'woke' as const);
const after = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));

describe('waitForRecords', () => {
  it('wakes when a commit touches one of the topics', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('a', { partitions: 1 });
    await log.createTopic('b', { partitions: 1 });
    const started = Date.now();
    const waiting = settle(log.waitForRecords(['a', 'b'], 10_000));
    setTimeout(() => void log.append('b', [record('k', 'v')]), 20);
    expect(await waiting).toBe('woke');
    expect(Date.now() - started).toBeLessThan(5_000);
    await log.close();
  });

  it('wakes on a transaction commit, not before', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('a', { partitions: 1 });
    const tx = log.transaction();
    tx.append('a', [record('k', 'v')]);
    const waiting = settle(log.waitForRecords(['a'], 10_000));
    expect(await Promise.race([waiting, after(50)])).toBe('timeout');
    await tx.commit();
    expect(await waiting).toBe('woke');
    await log.close();
  });

  it('ignores other topics and resolves at the timeout', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('a', { partitions: 1 });
    await log.createTopic('other', { partitions: 1 });
    const started = Date.now();
    const waiting = log.waitForRecords(['a'], 150);
    await log.append('other', [record('k', 'v')]);
    expect(await Promise.race([settle(waiting), after(50)])).toBe('timeout');
    await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await log.close();
  });

  it('wakes every waiter when the log closes', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('a', { partitions: 1 });
    const waiting = [
      settle(log.waitForRecords(['a'], 60_000)),
      settle(log.waitForRecords(['x'], 60_000)),
    ];
    await log.close();
    expect(await Promise.all(waiting)).toEqual(['woke', 'woke']);
    expect(await settle(log.waitForRecords(['a'], 60_000))).toBe('woke');
  });
});
