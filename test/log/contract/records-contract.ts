/**
 * Contract of appends and reads: offsets, bytes, nulls, headers, timestamps, partitioning by
 * Kafka's murmur2, reads from any offset, the end of a partition.
 */
import { describe, expect, it } from 'vitest';
import type { ProducerRecord } from '../../../src/log/log.js';
import { partitionForKey } from '../../../src/log/partitioner.js';
import { type LogSubject, drain, readAll, record, text } from './subject.js';

export function recordsContract(subject: LogSubject): void {
  describe(`${subject.name} log: appends and reads`, () => {
    it('reads back what was appended: keys, values, nulls, empty bytes, timestamps, headers', async () => {
      const log = await subject.open();
      const t = subject.unique('records');
      await log.createTopic(t, { partitions: 1 });
      const first = await log.append(t, [record('a', '1', 10), record(null, null, 11)]);
      const second = await log.append(t, [
        {
          key: Buffer.alloc(0),
          value: Buffer.alloc(0),
          timestamp: 12,
          headers: [
            { key: 'h', value: Buffer.from('x') },
            { key: 'trace', value: Buffer.from([0, 1, 255]) },
          ],
        },
      ]);
      const placed = [...first, ...second];
      expect(placed.map((p) => p.partition)).toEqual([0, 0, 0]);
      expect(placed[1]!.offset).toBeGreaterThan(placed[0]!.offset);
      expect(placed[2]!.offset).toBeGreaterThan(placed[1]!.offset);
      const got = await log.read(t, 0, placed[0]!.offset, 100);
      expect(got.map((r) => [r.offset, text(r.key), text(r.value), r.timestamp])).toEqual([
        [placed[0]!.offset, 'a', '1', 10],
        [placed[1]!.offset, null, null, 11],
        [placed[2]!.offset, '', '', 12],
      ]);
      expect(got[2]!.headers).toEqual([
        { key: 'h', value: Buffer.from('x') },
        { key: 'trace', value: Buffer.from([0, 1, 255]) },
      ]);
      expect(got[0]!.headers).toEqual([]);
      expect(got[0]!.topic).toBe(t);
      expect(got[0]!.partition).toBe(0);
      expect(await log.read(t, 0, placed[1]!.offset, 1)).toHaveLength(1);
      const end = placed[2]!.offset + 1;
      expect(await log.read(t, 0, end, 100)).toEqual([]);
      expect(await log.read(t, 0, end + 50, 100)).toEqual([]);
      expect(await log.read(t, 0, 0, 0)).toEqual([]);
      await expect(log.read(t, 0, -1, 10)).rejects.toThrow(/out of range/);
      await expect(log.read(t, 1, 0, 10)).rejects.toThrow(/no partition 1/);
      expect(await log.endOffsets(t)).toEqual([end]);
      expect(await log.startOffsets(t)).toEqual([0]);
      await log.close();
    });

    it("places keyed records with Kafka's partitioner and honours explicit partitions", async () => {
      const log = await subject.open();
      const t = subject.unique('keys');
      await log.createTopic(t, { partitions: 6 });
      const keys = Array.from({ length: 50 }, (_, i) => `user-${i}`);
      const placed = await log.append(
        t,
        keys.map((k) => record(k, 'v')),
      );
      placed.forEach((p, i) => expect(p.partition).toBe(partitionForKey(Buffer.from(keys[i]!), 6)));
      const explicit = await log.append(t, [record('user-1', 'v', 0, 5)]);
      expect(explicit[0]!.partition).toBe(5);
      await expect(log.append(t, [record('k', 'v', 0, 6)])).rejects.toThrow(/partition 6/);
      const { records } = await drain(log, t);
      expect(records).toHaveLength(51);
      for (const r of records) {
        if (r.partition === 5 && r.offset === explicit[0]!.offset) continue;
        expect(partitionForKey(r.key!, 6)).toBe(r.partition);
      }
      await log.close();
    });

    it('spreads keyless records over partitions, sticking to one for a while', async () => {
      const log = await subject.open();
      const t = subject.unique('keyless');
      await log.createTopic(t, { partitions: 3 });
      const value = 'x'.repeat(1000);
      const placed = await log.append(
        t,
        Array.from({ length: 60 }, () => record(null, value)),
      );
      const partitions = placed.map((p) => p.partition);
      expect(new Set(partitions)).toEqual(new Set([0, 1, 2]));
      const switches = partitions.filter((p, i) => i > 0 && p !== partitions[i - 1]).length;
      expect(switches).toBeLessThan(10);
      await log.close();
    });

    it('reads many records in order from any offset, in steps of any size', async () => {
      const log = await subject.open();
      const t = subject.unique('many');
      await log.createTopic(t, { partitions: 1 });
      const all: ProducerRecord[] = [];
      for (let b = 0; b < 12; b++) {
        const batch = Array.from({ length: 1 + b * 37 }, (_, i) =>
          record(`k${b}-${i}`, `value ${all.length + i} ${'#'.repeat((b * 13) % 90)}`, b),
        );
        all.push(...batch);
        await log.append(t, batch);
      }
      const placed = (await readAll(log, t, 0)).map((r) => r.offset);
      expect(placed).toHaveLength(all.length);
      for (const [step, fromIndex] of [
        [1, 0],
        [7, 3],
        [64, 100],
        [5000, 0],
        [5, all.length - 3],
      ] as const) {
        const got = await readAll(log, t, 0, step, placed[fromIndex]);
        expect(got.map((r) => text(r.value))).toEqual(
          all.slice(fromIndex).map((r) => text(r.value)),
        );
      }
      for (let i = 0; i < 20; i++) {
        const index = Math.floor(Math.random() * all.length);
        const [r] = await log.read(t, 0, placed[index]!, 1);
        expect(r!.offset).toBe(placed[index]);
        expect(text(r!.key)).toBe(text(all[index]!.key));
      }
      await log.close();
    });

    it('appends concurrently without losing or reordering any caller’s records', async () => {
      const log = await subject.open();
      const t = subject.unique('concurrent');
      await log.createTopic(t, { partitions: 2 });
      const calls = Array.from({ length: 20 }, (_, c) =>
        log.append(
          t,
          Array.from({ length: 25 }, (_, i) => record(`c${c}`, `${c}:${i}`)),
        ),
      );
      const results = await Promise.all(calls);
      for (const placements of results) {
        for (let i = 1; i < placements.length; i++) {
          expect(placements[i]!.offset).toBeGreaterThan(placements[i - 1]!.offset);
        }
      }
      const { records } = await drain(log, t);
      expect(records).toHaveLength(500);
      for (let c = 0; c < 20; c++) {
        const mine = records.filter((r) => text(r.key) === `c${c}`).map((r) => text(r.value));
        expect(mine).toEqual(Array.from({ length: 25 }, (_, i) => `${c}:${i}`));
      }
      await log.close();
    });
  });
}
