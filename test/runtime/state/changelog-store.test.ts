/**
 * The disk-backed changelog store: reads see the newest layer, the file only gets what the log
 * committed, a restart replays the changelog after the file's checkpoint, and a file that does
 * not match its changelog is rebuilt from the changelog's start.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog, type EmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { ChangelogStore, type StoreChanges } from '../../../src/runtime/state/changelog-store.js';
import { DiskKeyValue } from '../../../src/runtime/state/disk-key-value.js';
import { QueryStateDir } from '../../../src/runtime/state/query-state-dir.js';

const TOPIC = 'store-changelog';

let dir: string;
let log: EmbeddedLog;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'streamsql-store-'));
  log = await openEmbeddedLog(join(dir, 'log'), { fsync: 'never' });
});

afterEach(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

function newStore(): ChangelogStore<{ n: number }> {
  return new ChangelogStore<{ n: number }>(
    'Test',
    TOPIC,
    (v) => ({ n: v.n }),
    (s) => ({ n: (s as { n: number }).n }),
  );
}

function stateDir(): QueryStateDir {
  return new QueryStateDir(join(dir, 'state', 'Q'));
}

/** Commits the store's changes as a task would, and tells the store once they landed. */
async function commit(store: ChangelogStore<{ n: number }>): Promise<StoreChanges> {
  const changes = store.takeChanges()!;
  const tx = log.transaction();
  if (changes.records.length > 0) tx.append(changes.topic, changes.records);
  await tx.commit();
  changes.committed?.();
  return changes;
}

/** A store restored on disk from a fresh state directory object (as after a restart). */
async function reopen(): Promise<{
  store: ChangelogStore<{ n: number }>;
  state: QueryStateDir;
  read: number;
}> {
  const state = stateDir();
  const store = newStore();
  const read = await store.restore(log, state);
  return { store, state, read };
}

describe('ChangelogStore on disk', () => {
  it('reads its newest write first, through dirty, pending and committed layers to the file', async () => {
    const { store, state } = await reopen();
    expect(store.onDisk).toBe(true);
    store.put('a', { n: 1 });
    store.put('b', { n: 1 });
    expect(store.get('a')).toEqual({ n: 1 });
    const changes = store.takeChanges()!;
    expect(changes.records.map((r) => r.key!.toString())).toEqual(['a', 'b']);
    store.put('a', { n: 2 });
    store.delete('b');
    // 'a' is dirty over a pending layer; 'b' deleted in the dirty layer.
    expect(store.get('a')).toEqual({ n: 2 });
    expect(store.get('b')).toBeUndefined();
    const tx = log.transaction();
    tx.append(changes.topic, changes.records);
    await tx.commit();
    changes.committed!();
    expect(store.get('a')).toEqual({ n: 2 });
    expect(store.get('b')).toBeUndefined();
    await commit(store);
    expect([...store.entries()]).toEqual([['a', { n: 2 }]]);
    await state.close();

    const again = await reopen();
    expect(again.store.get('a')).toEqual({ n: 2 });
    expect(again.store.get('b')).toBeUndefined();
    expect(again.read).toBe(0);
    await again.state.close();
  });

  it('does not write changes to the file before their transaction committed', async () => {
    const { store, state } = await reopen();
    store.put('a', { n: 1 });
    await commit(store);
    store.put('a', { n: 2 });
    store.takeChanges(); // taken into a transaction that never commits (the process dies)
    await state.close();
    const file = DiskKeyValue.open(join(dir, 'state', 'Q', `${TOPIC}-0`));
    try {
      expect(JSON.parse(file.get('a')!.toString())).toEqual({ n: 1 });
      expect(file.checkpoint()).toEqual({
        topic: TOPIC,
        partition: 0,
        offset: 1,
        at: expect.any(Number) as number,
      });
    } finally {
      await file.close();
    }
  });

  it('replays only the changelog after its checkpoint on restart', async () => {
    const { store, state } = await reopen();
    for (let i = 0; i < 10; i++) store.put(`k${i}`, { n: i });
    await commit(store);
    await state.close(); // the file is current to offset 10
    // Committed after the file was last written (killed between the log commit and the write).
    await log.append(TOPIC, [
      { key: Buffer.from('k1'), value: Buffer.from('{"n":100}'), timestamp: 0, partition: 0 },
      { key: Buffer.from('k2'), value: null, timestamp: 0, partition: 0 },
    ]);
    const again = await reopen();
    expect(again.read).toBe(2);
    expect(again.store.get('k1')).toEqual({ n: 100 });
    expect(again.store.get('k2')).toBeUndefined();
    expect(again.store.get('k3')).toEqual({ n: 3 });
    expect([...again.store.entries()]).toHaveLength(9);
    await again.state.close();
  });

  it('rebuilds from the changelog start when its checkpoint is past the changelog end', async () => {
    const { store, state } = await reopen();
    for (let i = 0; i < 5; i++) store.put(`k${i}`, { n: i });
    await commit(store);
    store.put('extra', { n: 1 });
    await commit(store);
    await state.close(); // checkpoint: offset 6
    // The changelog is replaced by a shorter one: the file holds what the log does not.
    await log.deleteTopic(TOPIC);
    await log.createTopic(TOPIC, { partitions: 1 });
    await log.append(TOPIC, [
      { key: Buffer.from('k0'), value: Buffer.from('{"n":7}'), timestamp: 0, partition: 0 },
    ]);
    const again = await reopen();
    expect(again.read).toBe(1);
    expect([...again.store.entries()]).toEqual([['k0', { n: 7 }]]);
    await again.state.close();
  });

  it('rebuilds from the changelog when its file is missing or unreadable', async () => {
    const { store, state } = await reopen();
    store.put('a', { n: 1 });
    await commit(store);
    await state.close();
    const fileDir = join(dir, 'state', 'Q', `${TOPIC}-0`);
    writeFileSync(join(fileDir, 'data.mdb'), Buffer.alloc(8192, 0x5a));
    const again = await reopen();
    expect(again.read).toBe(1);
    expect(again.store.get('a')).toEqual({ n: 1 });
    await again.state.remove();
    expect(readdirSync(join(dir, 'state'))).toEqual([]);
    const fresh = await reopen();
    expect(fresh.read).toBe(1);
    expect(fresh.store.get('a')).toEqual({ n: 1 });
    await fresh.state.close();
  });

  it('keeps keys longer than LMDB allows', async () => {
    const long = 'x'.repeat(5000);
    const longer = 'é'.repeat(3000);
    const { store, state } = await reopen();
    store.put(long, { n: 1 });
    store.put(longer, { n: 2 });
    store.put('short', { n: 3 });
    await commit(store);
    await state.close();
    const again = await reopen();
    expect(again.store.get(long)).toEqual({ n: 1 });
    expect(again.store.get(longer)).toEqual({ n: 2 });
    expect(again.store.get('y'.repeat(5000))).toBeUndefined();
    expect(new Map(again.store.entries())).toEqual(
      new Map([
        [long, { n: 1 }],
        [longer, { n: 2 }],
        ['short', { n: 3 }],
      ]),
    );
    again.store.delete(long);
    await commit(again.store);
    await again.state.close();
    const third = await reopen();
    expect(third.store.get(long)).toBeUndefined();
    expect(third.store.get(longer)).toEqual({ n: 2 });
    await third.state.close();
  });

  it('restores the same entries in memory as on disk', async () => {
    const { store, state } = await reopen();
    for (let i = 0; i < 50; i++) store.put(`k${i % 7}`, { n: i });
    store.delete('k3');
    await commit(store);
    await state.close();
    const memory = newStore();
    await memory.restore(log);
    expect(memory.onDisk).toBe(false);
    const disk = await reopen();
    expect(new Map(disk.store.entries())).toEqual(new Map(memory.entries()));
    await disk.state.close();
  });

  it('takes its checkpoint from where the log says the records went, when it says', async () => {
    const { store, state } = await reopen();
    store.put('a', { n: 1 });
    const changes = store.takeChanges()!;
    const tx = log.transaction();
    tx.append(changes.topic, changes.records);
    await tx.commit();
    // As on Kafka, where earlier transactions' markers took offsets too.
    changes.committed!((topic, partition) => (topic === TOPIC && partition === 0 ? 5 : undefined));
    store.put('b', { n: 1 });
    const next = store.takeChanges()!;
    const tx2 = log.transaction();
    tx2.append(next.topic, next.records);
    await tx2.commit();
    // A log that does not say: the next offsets after the last known.
    next.committed!(() => undefined);
    await state.close();
    const file = DiskKeyValue.open(join(dir, 'state', 'Q', `${TOPIC}-0`));
    try {
      expect(file.checkpoint<{ offset: number }>()?.offset).toBe(6);
    } finally {
      await file.close();
    }
  });
});
