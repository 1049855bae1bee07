import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { Log } from '../../src/log/log.js';
import { SourceCursor } from '../../src/runtime/source-cursor.js';

let log: Log & { close(): Promise<void> };
let reads: number;

beforeEach(async () => {
  log = await openEmbeddedLog(mkdtempSync(join(tmpdir(), 'source-cursor-')), { fsync: 'never' });
  await log.createTopic('t', { partitions: 1 });
  await log.append(
    't',
    Array.from({ length: 10 }, (_, i) => ({
      key: null,
      value: Buffer.from(String(i)),
      timestamp: i,
      partition: 0,
    })),
  );
  reads = 0;
  const read = log.read.bind(log);
  log.read = (...args) => {
    reads++;
    return read(...args);
  };
});

afterEach(async () => {
  await log.close();
});

const offsets = (records: readonly { offset: number }[]) => records.map((r) => r.offset);

describe('SourceCursor', () => {
  it('hands out the rest of a batch it read, without reading the log again', async () => {
    const cursor = new SourceCursor(log, 't', 4);
    await cursor.startAt('earliest');
    const first = await cursor.read(0);
    expect(offsets(first)).toEqual([0, 1, 2, 3]);
    cursor.advance(0, first.slice(0, 1));
    expect(offsets(await cursor.read(0))).toEqual([1, 2, 3]);
    cursor.advance(0, first.slice(1, 3));
    expect(offsets(await cursor.read(0))).toEqual([3]);
    expect(reads).toBe(1);
    cursor.advance(0, first.slice(3));
    expect(offsets(await cursor.read(0))).toEqual([4, 5, 6, 7]);
    expect(reads).toBe(2);
  });

  it('reads the log again when its position moves elsewhere', async () => {
    const cursor = new SourceCursor(log, 't', 4);
    await cursor.startAt('earliest');
    await cursor.read(0);
    await cursor.startAt('earliest', new Map([[0, 6]]));
    expect(offsets(await cursor.read(0))).toEqual([6, 7, 8, 9]);
    cursor.positions[0] = 2;
    expect(offsets(await cursor.read(0))).toEqual([2, 3, 4, 5]);
    expect(reads).toBe(3);
  });
});
