import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbeddedLog, type EmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { encodeEntry, type JournalEntry } from '../../../src/log/embedded/journal-entry.js';
import { BatchBuilder, stampBatch } from '../../../src/log/embedded/record-batch.js';
import type { ProducerRecord } from '../../../src/log/log.js';
import { readAll, record, scratchDir, segmentFiles, text } from './helpers.js';

/** A data dir with topics a (2 partitions), b and in, a few records, and a clean checkpoint. */
async function baseline(): Promise<string> {
  const dir = scratchDir();
  const log = await openEmbeddedLog(dir);
  await log.createTopic('a', { partitions: 2 });
  await log.createTopic('b', { partitions: 1 });
  await log.createTopic('in', { partitions: 1 });
  await log.append('a', [record(null, 'a0-0', 0, 0), record(null, 'a0-1', 0, 0)]);
  await log.append('a', [record(null, 'a1-0', 0, 1)]);
  await log.append('b', [record(null, 'b-0')]);
  const tx = log.transaction();
  tx.commitOffset('g', { topic: 'in', partition: 0 }, 3);
  await tx.commit();
  await log.close();
  return dir;
}

function batch(records: readonly ProducerRecord[], base: number): Buffer {
  const builder = new BatchBuilder();
  for (const r of records) builder.add(r);
  const b = builder.finish();
  stampBatch(b, base);
  return b;
}

/** The commit the tests crash in: records on a/0, a/1, b/0 and the offset of group g. */
function theCommit(): JournalEntry {
  return {
    parts: [
      {
        topic: 'a',
        partition: 0,
        batch: batch([record('x', 'tx-a0-0'), record('y', 'tx-a0-1')], 2),
      },
      { topic: 'a', partition: 1, batch: batch([record('z', 'tx-a1-0', 5)], 1) },
      {
        topic: 'b',
        partition: 0,
        batch: batch([record(null, 'tx-b-0'), record(null, 'tx-b-1')], 1),
      },
    ],
    offsets: [{ group: 'g', topic: 'in', partition: 0, nextOffset: 7 }],
  };
}

/** Every file write the commit makes, in order: the journal entry, then each partition's batch. */
function commitWrites(dir: string): { file: string; bytes: Buffer }[] {
  const entry = theCommit();
  return [
    { file: path.join(dir, 'journal'), bytes: Buffer.concat(encodeEntry(entry)) },
    ...entry.parts.map((p) => ({
      file: segmentFiles(dir, p.topic, p.partition).at(-1)!,
      bytes: p.batch,
    })),
  ];
}

/** Writes the first `cut` bytes of the commit's writes, as a process killed then would have. */
function crashAfter(dir: string, cut: number): void {
  let left = cut;
  for (const { file, bytes } of commitWrites(dir)) {
    if (left <= 0) return;
    fs.appendFileSync(file, bytes.subarray(0, Math.min(left, bytes.length)));
    left -= bytes.length;
  }
}

async function values(log: EmbeddedLog): Promise<Record<string, (string | null)[]>> {
  const of = async (topic: string, p: number): Promise<(string | null)[]> =>
    (await readAll(log, topic, p)).map((r) => text(r.value));
  return { a0: await of('a', 0), a1: await of('a', 1), b: await of('b', 0) };
}

const BEFORE = { a0: ['a0-0', 'a0-1'], a1: ['a1-0'], b: ['b-0'] };
const AFTER = {
  a0: ['a0-0', 'a0-1', 'tx-a0-0', 'tx-a0-1'],
  a1: ['a1-0', 'tx-a1-0'],
  b: ['b-0', 'tx-b-0', 'tx-b-1'],
};

describe('embedded log recovery: a commit is all or nothing', () => {
  it('replays a commit that reached the journal but no segment', async () => {
    const dir = await baseline();
    crashAfter(dir, commitWrites(dir)[0]!.bytes.length);
    const log = await openEmbeddedLog(dir);
    expect(await values(log)).toEqual(AFTER);
    expect(await log.committedOffsets('g', 'in')).toEqual(new Map([[0, 7]]));
    expect(log.recovery).toMatchObject({ journalEntries: 1, replayedBatches: 3, lost: [] });
    await log.close();
  });

  it('completes a commit applied to some partitions, one of them torn, without duplicates', async () => {
    const dir = await baseline();
    const writes = commitWrites(dir);
    crashAfter(dir, writes[0]!.bytes.length + writes[1]!.bytes.length + 9);
    const log = await openEmbeddedLog(dir);
    expect(await values(log)).toEqual(AFTER);
    expect(log.recovery.truncatedTails).toEqual([
      expect.objectContaining({ topic: 'a', partition: 1, truncatedBytes: 9 }),
    ]);
    expect(log.recovery.replayedBatches).toBe(2);
    await log.close();
  });

  it('drops a commit whose journal entry is torn, with whatever of it reached a segment', async () => {
    const dir = await baseline();
    const [journal, a0] = commitWrites(dir);
    fs.appendFileSync(journal!.file, journal!.bytes.subarray(0, journal!.bytes.length - 1));
    fs.appendFileSync(a0!.file, a0!.bytes);
    const log = await openEmbeddedLog(dir);
    expect(await values(log)).toEqual(BEFORE);
    expect(await log.committedOffsets('g', 'in')).toEqual(new Map([[0, 3]]));
    expect(log.recovery.journalTail).toMatch(/partial entry/);
    expect(log.recovery.uncommitted).toEqual([{ topic: 'a', partition: 0, from: 2, to: 4 }]);
    await log.close();
  });

  it('drops a commit whose journal entry fails its CRC', async () => {
    const dir = await baseline();
    const [journal] = commitWrites(dir);
    const bytes = Buffer.from(journal!.bytes);
    bytes[bytes.length - 20]! ^= 1;
    fs.appendFileSync(journal!.file, bytes);
    const log = await openEmbeddedLog(dir);
    expect(await values(log)).toEqual(BEFORE);
    expect(log.recovery.journalTail).toMatch(/corrupt entry/);
    await log.close();
  });

  it('is all or nothing for a crash after any byte of the commit, and goes on cleanly', async () => {
    const template = await baseline();
    const total = commitWrites(template).reduce((n, w) => n + w.bytes.length, 0);
    const journalBytes = commitWrites(template)[0]!.bytes.length;
    const cuts = new Set([0, journalBytes - 1, journalBytes, journalBytes + 1, total - 1, total]);
    for (let c = 0; c <= total; c += 11) cuts.add(c);
    for (const cut of [...cuts].sort((x, y) => x - y)) {
      const dir = scratchDir();
      fs.cpSync(template, dir, { recursive: true });
      crashAfter(dir, cut);
      const log = await openEmbeddedLog(dir, { fsync: 'never' });
      const committed = cut >= journalBytes;
      expect({ cut, seen: await values(log) }).toEqual({ cut, seen: committed ? AFTER : BEFORE });
      expect((await log.committedOffsets('g', 'in')).get(0)).toBe(committed ? 7 : 3);
      const [next] = await log.append('b', [record(null, 'later')]);
      expect(next!.offset).toBe(committed ? 3 : 1);
      await log.close();
      const again = await openEmbeddedLog(dir, { fsync: 'never' });
      expect((await values(again)).b.at(-1)).toBe('later');
      expect(again.recovery.replayedBatches).toBe(0);
      await again.close();
    }
  });
});

describe('embedded log recovery: torn and corrupt segment tails', () => {
  async function fiveBatches(): Promise<{ dir: string; sizes: number[] }> {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir);
    await log.createTopic('t', { partitions: 1 });
    const sizes: number[] = [];
    for (let b = 0; b < 5; b++) {
      await log.append(
        't',
        Array.from({ length: 3 }, (_, i) => record(`k${b}`, `b${b}r${i}`)),
      );
      sizes.push(fs.statSync(segmentFiles(dir, 't', 0)[0]!).size);
    }
    await log.close();
    return { dir, sizes };
  }

  it('cuts a batch torn in the middle and keeps everything before it', async () => {
    const { dir, sizes } = await fiveBatches();
    const file = segmentFiles(dir, 't', 0)[0]!;
    fs.truncateSync(file, sizes[3]! + 10);
    const log = await openEmbeddedLog(dir);
    const got = await readAll(log, 't', 0);
    expect(got.map((r) => text(r.value))).toEqual(
      Array.from({ length: 4 }, (_, b) => [0, 1, 2].map((i) => `b${b}r${i}`)).flat(),
    );
    expect(log.recovery.truncatedTails).toEqual([
      expect.objectContaining({ topic: 't', partition: 0, truncatedBytes: 10 }),
    ]);
    expect(log.recovery.lost).toEqual([{ topic: 't', partition: 0, from: 12, to: 15 }]);
    expect((await log.append('t', [record('k', 'next')]))[0]!.offset).toBe(12);
    await log.close();
    expect(fs.statSync(file).size).toBeGreaterThan(sizes[3]!);
  });

  it('cuts from a batch whose CRC fails', async () => {
    const { dir, sizes } = await fiveBatches();
    const file = segmentFiles(dir, 't', 0)[0]!;
    const bytes = fs.readFileSync(file);
    bytes[sizes[1]! + 45]! ^= 0x10;
    fs.writeFileSync(file, bytes);
    const log = await openEmbeddedLog(dir);
    expect(await log.endOffsets('t')).toEqual([6]);
    expect((await readAll(log, 't', 0)).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.recovery.truncatedTails[0]!.reason).toMatch(/corrupt batch/);
    await log.close();
  });

  it('cuts zeros left after the last batch', async () => {
    const { dir } = await fiveBatches();
    fs.appendFileSync(segmentFiles(dir, 't', 0)[0]!, Buffer.alloc(4096));
    const log = await openEmbeddedLog(dir);
    expect(await log.endOffsets('t')).toEqual([15]);
    expect(log.recovery.truncatedTails).toHaveLength(1);
    expect(log.recovery.lost).toEqual([]);
    await log.close();
  });
});

describe('embedded log recovery: journal and checkpoints', () => {
  it('opens a copy taken while the log was open (what kill -9 leaves) with every commit', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    await log.createTopic('t', { partitions: 2 });
    for (let i = 0; i < 20; i++) {
      const tx = log.transaction();
      tx.append('t', [record(`k${i}`, `v${i}`)]);
      tx.commitOffset('g', { topic: 't', partition: i % 2 }, i);
      await tx.commit();
    }
    const copy = scratchDir();
    fs.cpSync(dir, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'LOCK'));
    await log.close();
    const reopened = await openEmbeddedLog(copy);
    expect(reopened.recovery.journalEntries).toBe(20);
    expect(reopened.recovery.replayedBatches).toBe(0);
    const all = [...(await readAll(reopened, 't', 0)), ...(await readAll(reopened, 't', 1))];
    expect(all.map((r) => text(r.value)).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `v${i}`).sort(),
    );
    expect(await reopened.committedOffsets('g', 't')).toEqual(
      new Map([
        [0, 18],
        [1, 19],
      ]),
    );
    expect(fs.statSync(path.join(copy, 'journal')).size).toBe(0);
    await reopened.close();
  });

  it('checkpoints when the journal outgrows its limit, and on demand', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { fsync: 'never', checkpointBytes: 4096 });
    await log.createTopic('t', { partitions: 1 });
    const journal = path.join(dir, 'journal');
    let largest = 0;
    for (let i = 0; i < 50; i++) {
      await log.append('t', [record('k', 'v'.repeat(300))]);
      largest = Math.max(largest, fs.statSync(journal).size);
    }
    expect(largest).toBeLessThan(4096 + 1024);
    expect(fs.statSync(journal).size).toBeGreaterThan(0);
    await log.checkpoint();
    expect(fs.statSync(journal).size).toBe(0);
    const checkpoint = JSON.parse(fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.ends).toEqual({ t: [50] });
    await log.close();
  });
});
