import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import type { Log, ProducerRecord } from '../../../src/log/log.js';
import { partitionForKey } from '../../../src/log/partitioner.js';
import { readAll, record, scratchDir, segmentFiles, text } from './helpers.js';

describe('embedded log append and read', () => {
  it('gives consecutive offsets per partition and reads back what was appended', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 1 });
    const first = await log.append('t', [record('a', '1', 10), record(null, null, 11)]);
    const second = await log.append('t', [
      {
        key: Buffer.alloc(0),
        value: Buffer.alloc(0),
        timestamp: 12,
        headers: [{ key: 'h', value: null }],
      },
    ]);
    expect([...first, ...second]).toEqual([
      { partition: 0, offset: 0 },
      { partition: 0, offset: 1 },
      { partition: 0, offset: 2 },
    ]);
    const got = await log.read('t', 0, 0, 100);
    expect(got.map((r) => [r.offset, text(r.key), text(r.value), r.timestamp])).toEqual([
      [0, 'a', '1', 10],
      [1, null, null, 11],
      [2, '', '', 12],
    ]);
    expect(got[2]!.headers).toEqual([{ key: 'h', value: null }]);
    expect(got[0]!.topic).toBe('t');
    expect(await log.read('t', 0, 1, 1)).toHaveLength(1);
    expect(await log.read('t', 0, 3, 100)).toEqual([]);
    expect(await log.read('t', 0, 50, 100)).toEqual([]);
    expect(await log.read('t', 0, 0, 0)).toEqual([]);
    await expect(log.read('t', 0, -1, 10)).rejects.toThrow(/out of range/);
    await expect(log.read('t', 1, 0, 10)).rejects.toThrow(/no partition 1/);
    expect(await log.endOffsets('t')).toEqual([3]);
    await log.close();
  });

  it("places keyed records with Kafka's partitioner and honours explicit partitions", async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 6 });
    const keys = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    const placed = await log.append(
      't',
      keys.map((k) => record(k, 'v')),
    );
    placed.forEach((p, i) => expect(p.partition).toBe(partitionForKey(Buffer.from(keys[i]!), 6)));
    const explicit = await log.append('t', [record('user-1', 'v', 0, 5)]);
    expect(explicit[0]!.partition).toBe(5);
    await expect(log.append('t', [record('k', 'v', 0, 6)])).rejects.toThrow(/partition 6/);
    let total = 0;
    for (let p = 0; p < 6; p++) {
      for (const r of await readAll(log, 't', p)) {
        total++;
        if (r.offset !== explicit[0]!.offset || p !== 5) {
          expect(partitionForKey(r.key!, 6)).toBe(p);
        }
      }
    }
    expect(total).toBe(51);
    await log.close();
  });

  it('spreads keyless records over partitions, sticking to one for a while', async () => {
    const log = await openEmbeddedLog(scratchDir(), { fsync: 'never' });
    await log.createTopic('t', { partitions: 3 });
    const value = 'x'.repeat(1000);
    const placed = await log.append(
      't',
      Array.from({ length: 60 }, () => record(null, value)),
    );
    const partitions = placed.map((p) => p.partition);
    expect(new Set(partitions)).toEqual(new Set([0, 1, 2]));
    const switches = partitions.filter((p, i) => i > 0 && p !== partitions[i - 1]).length;
    expect(switches).toBeLessThan(10);
    await log.close();
  });

  it('reads across segment rolls, from any offset, before and after reopening', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { segmentBytes: 8 * 1024, tailCacheBytes: 4 * 1024 });
    await log.createTopic('t', { partitions: 1 });
    const all: ProducerRecord[] = [];
    for (let b = 0; b < 100; b++) {
      const batch = Array.from({ length: 1 + (b % 7) * 9 }, (_, i) =>
        record(`k${b}-${i}`, `value ${all.length + i} ${'#'.repeat((b * 13) % 90)}`, b),
      );
      all.push(...batch);
      await log.append('t', batch);
    }
    expect(segmentFiles(dir, 't', 0).length).toBeGreaterThan(10);
    const check = async (reader: Log, step: number, from: number): Promise<void> => {
      const got = await readAll(reader, 't', 0, step, from);
      expect(got.map((r) => r.offset)).toEqual(all.slice(from).map((_, i) => from + i));
      expect(got.map((r) => text(r.value))).toEqual(all.slice(from).map((r) => text(r.value)));
    };
    for (const [step, from] of [
      [1, 0],
      [7, 3],
      [64, 100],
      [1000, 0],
      [5, all.length - 3],
    ] as const) {
      await check(log, step, from);
    }
    await log.close();
    const log2 = await openEmbeddedLog(dir, { segmentBytes: 8 * 1024 });
    expect(await log2.endOffsets('t')).toEqual([all.length]);
    for (const [step, from] of [
      [13, 0],
      [3, 250],
      [500, 17],
    ] as const) {
      await check(log2, step, from);
    }
    for (let i = 0; i < 50; i++) {
      const offset = Math.floor(Math.random() * all.length);
      const [r] = await log2.read('t', 0, offset, 1);
      expect(r!.offset).toBe(offset);
      expect(text(r!.key)).toBe(text(all[offset]!.key));
    }
    const appended = await log2.append('t', [record('after', 'reopen')]);
    expect(appended[0]!.offset).toBe(all.length);
    expect(text((await log2.read('t', 0, all.length, 5))[0]!.value)).toBe('reopen');
    await log2.close();
  });

  it('rolls at the segment.bytes of the topic config when set', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    await log.createTopic('t', { partitions: 1, config: { 'segment.bytes': '2048' } });
    for (let i = 0; i < 20; i++) await log.append('t', [record('k', 'v'.repeat(500))]);
    expect(segmentFiles(dir, 't', 0).length).toBeGreaterThanOrEqual(5);
    expect(await readAll(log, 't', 0, 3)).toHaveLength(20);
    await log.close();
  });

  it('reports a corrupt batch in an older segment when it is read', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { segmentBytes: 1024 });
    await log.createTopic('t', { partitions: 1 });
    for (let i = 0; i < 10; i++) await log.append('t', [record('k', `v${i}`.repeat(100))]);
    await log.close();
    const [oldest] = segmentFiles(dir, 't', 0);
    const bytes = fs.readFileSync(oldest!);
    bytes[bytes.length - 5]! ^= 0xff;
    fs.writeFileSync(oldest!, bytes);
    const again = await openEmbeddedLog(dir, { segmentBytes: 1024 });
    await expect(again.read('t', 0, 0, 10)).rejects.toThrow(
      /corrupt record batch in .*00000000000000000000\.log/,
    );
    expect(await again.read('t', 0, 5, 1)).toHaveLength(1);
    await again.close();
  });
});
