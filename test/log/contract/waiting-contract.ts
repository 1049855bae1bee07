/** Contract of `waitForRecords`: woken by appends to the topics waited on, else by the timeout. */
import { describe, expect, it } from 'vitest';
import { type LogSubject, record } from './subject.js';

export function waitingContract(subject: LogSubject): void {
  describe(`${subject.name} log: waiting for records`, () => {
    it('wakes on an append or a commit to a topic waited on, and times out otherwise', async () => {
      const log = await subject.open();
      const t = subject.unique('wait');
      const other = subject.unique('quiet');
      await log.createTopic(t, { partitions: 1 });
      await log.createTopic(other, { partitions: 1 });
      let started = Date.now();
      const woken = log.waitForRecords([t], 10_000);
      await log.append(t, [record('k', 'v')]);
      await woken;
      expect(Date.now() - started).toBeLessThan(5000);
      started = Date.now();
      const committed = log.waitForRecords([other, t], 10_000);
      const tx = log.transaction();
      tx.append(t, [record('k', 'w')]);
      await tx.commit();
      await committed;
      expect(Date.now() - started).toBeLessThan(5000);
      started = Date.now();
      await log.waitForRecords([other], 300);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await log.close();
    });
  });
}
