import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import type { Log } from '../../../src/log/log.js';
import { JoinWindowStore } from '../../../src/runtime/operators/join-window-store.js';

const TOPIC = 'join-this-changelog';

let log: Log & { close(): Promise<void> };

beforeEach(async () => {
  log = await openEmbeddedLog(mkdtempSync(join(tmpdir(), 'join-window-store-')), {
    fsync: 'never',
  });
});

afterEach(async () => {
  await log.close();
});

/** Commits what the store changed, as a task does after a batch. */
async function commit(store: JoinWindowStore): Promise<number> {
  const records = store.store.takeChangelog();
  if (records.length > 0) await log.append(TOPIC, records);
  return records.length;
}

const values = (rows: readonly { row: unknown[]; ts: number }[]) =>
  rows.map((r) => `${String(r.row[0])}@${r.ts}`);

describe('JoinWindowStore', () => {
  it('finds a key’s records in a time range, in timestamp then arrival order', () => {
    const store = new JoinWindowStore('Join-This', undefined);
    store.add('k', ['a'], 10);
    store.add('k', ['b'], 30);
    store.add('k', ['c'], 20); // out of order: placed by timestamp
    store.add('k', ['d'], 20); // a tie: after the earlier arrival
    store.add('other', ['x'], 20);
    expect(values(store.range('k', 15, 30))).toEqual(['c@20', 'd@20', 'b@30']);
    expect(values(store.range('k', 11, 19))).toEqual([]);
    expect(values(store.range('missing', 0, 100))).toEqual([]);
  });

  it('writes one changelog record per added record, however many the key holds', async () => {
    const store = new JoinWindowStore('Join-This', TOPIC);
    await store.store.createChangelog(log);
    for (let i = 0; i < 100; i++) store.add('k', [i], i);
    expect(await commit(store)).toBe(100);
    store.add('k', [100], 100);
    expect(await commit(store)).toBe(1);
  });

  it('expires records at or below the horizon with one tombstone each', async () => {
    const store = new JoinWindowStore('Join-This', TOPIC);
    await store.store.createChangelog(log);
    for (let i = 1; i <= 5; i++) store.add('k', [i], i * 10);
    await commit(store);
    store.expire(30);
    const tombstones = store.store.takeChangelog();
    expect(tombstones.map((r) => r.value)).toEqual([null, null, null]);
    expect(values(store.range('k', 0, 100))).toEqual(['4@40', '5@50']);
  });

  it('restores its index from the changelog and keeps new records apart from old ones', async () => {
    const first = new JoinWindowStore('Join-This', TOPIC);
    await first.store.createChangelog(log);
    first.add('k', ['a'], 10);
    first.add('k', ['b'], 10);
    first.add('j', ['c'], 5);
    first.putMeta('#observed', { row: [], ts: 10 });
    first.expire(5);
    await commit(first);

    const second = new JoinWindowStore('Join-This', TOPIC);
    await second.restore(log);
    expect(values(second.range('k', 0, 100))).toEqual(['a@10', 'b@10']);
    expect(values(second.range('j', 0, 100))).toEqual([]);
    expect(second.getMeta('#observed')?.ts).toBe(10);
    second.add('k', ['d'], 10);
    await commit(second);

    const third = new JoinWindowStore('Join-This', TOPIC);
    await third.restore(log);
    expect(values(third.range('k', 0, 100))).toEqual(['a@10', 'b@10', 'd@10']);
  });
});
