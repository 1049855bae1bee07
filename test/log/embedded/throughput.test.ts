import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import type { ProducerRecord } from '../../../src/log/log.js';
import { scratchDir } from './helpers.js';

const TOTAL = 200_000;
const BATCH = 2_000;
const PARTITIONS = 4;

describe('embedded log throughput sanity', () => {
  it('appends 200k small records in batches and reads them back in order, then after reopening', async () => {
    const dir = scratchDir();
    const log = await openEmbeddedLog(dir, { fsync: 'batch', segmentBytes: 1 << 20 });
    await log.createTopic('t', { partitions: PARTITIONS });
    const expectedPerPartition: number[][] = Array.from({ length: PARTITIONS }, () => []);
    for (let start = 0; start < TOTAL; start += BATCH) {
      const records: ProducerRecord[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const value = Buffer.allocUnsafe(8);
        value.writeUInt32LE(i, 0);
        value.writeUInt32LE(i ^ 0x5a5a5a5a, 4);
        records.push({ key: null, value, timestamp: i, partition: i % PARTITIONS });
        expectedPerPartition[i % PARTITIONS]!.push(i);
      }
      await log.append('t', records);
    }
    expect(await log.endOffsets('t')).toEqual(Array(PARTITIONS).fill(TOTAL / PARTITIONS));

    const readBack = async (reader: typeof log, step: number): Promise<void> => {
      for (let p = 0; p < PARTITIONS; p++) {
        const want = expectedPerPartition[p]!;
        let offset = 0;
        let bad = 0;
        for (;;) {
          const records = await reader.read('t', p, offset, step);
          if (records.length === 0) break;
          for (const r of records) {
            const i = r.value!.readUInt32LE(0);
            if (
              r.offset !== offset ||
              i !== want[offset] ||
              r.timestamp !== i ||
              r.value!.readUInt32LE(4) !== (i ^ 0x5a5a5a5a) >>> 0 ||
              r.key !== null
            ) {
              bad++;
            }
            offset++;
          }
        }
        expect({ p, offset, bad }).toEqual({ p, offset: want.length, bad: 0 });
      }
    };
    await readBack(log, 5_000);
    await log.close();
    const reopened = await openEmbeddedLog(dir, { fsync: 'never', segmentBytes: 1 << 20 });
    await readBack(reopened, 997);
    await reopened.close();
  }, 60_000);
});
