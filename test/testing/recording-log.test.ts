import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import { CaseTimeout, RecordingLog } from '../../src/testing/recording-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(deadline: number): Promise<RecordingLog> {
  const dir = mkdtempSync(join(tmpdir(), 'streamsql-reclog-'));
  dirs.push(dir);
  return new RecordingLog(await openEmbeddedLog(dir, { fsync: 'never' }), deadline, 1000);
}

const rec = (v: string, partition?: number) => ({
  key: Buffer.from(v),
  value: Buffer.from(v),
  timestamp: 0,
  ...(partition !== undefined ? { partition } : {}),
});

describe('the recording log', () => {
  it('records what appends and commits made visible, in that order, across partitions', async () => {
    const log = await open(Date.now() + 60_000);
    await log.createTopic('t', { partitions: 3 });
    await log.append('t', [rec('a', 2)]);
    const tx = log.transaction();
    tx.append('t', [rec('b', 0), rec('c', 1)]);
    const dropped = log.transaction();
    dropped.append('t', [rec('x', 0)]);
    dropped.abort();
    expect(log.records('t').map((r) => r.value!.toString())).toEqual(['a']);
    await tx.commit();
    expect(log.records('t').map((r) => r.value!.toString())).toEqual(['a', 'b', 'c']);
    expect(log.topicsWithRecords()).toContain('t');
    await log.close();
  });

  it('fails every call once the deadline has passed', async () => {
    const log = await open(Date.now() - 1);
    expect(log.expired).toBe(true);
    await expect(log.read('t', 0, 0, 10)).rejects.toThrow(CaseTimeout);
    expect(() => log.assertWithinLimit()).toThrow('time limit of 1 s exceeded');
    await log.close();
  });
});
