import { describe, expect, it } from 'vitest';
import type { LogRecord, ProducerRecord } from '../../../src/log/log.js';
import {
  BatchBuilder,
  batchBaseOffset,
  batchRecordCount,
  batchSize,
  checkBatch,
  decodeBatch,
  stampBatch,
} from '../../../src/log/embedded/record-batch.js';

function build(records: readonly ProducerRecord[], base: number): Buffer {
  const builder = new BatchBuilder(16);
  for (const r of records) builder.add(r);
  const batch = builder.finish();
  stampBatch(batch, base);
  return batch;
}

function decode(batch: Buffer, from: number, max = Infinity): LogRecord[] {
  const out: LogRecord[] = [];
  decodeBatch(batch, 0, 't', 3, from, max, out);
  return out;
}

const records: ProducerRecord[] = [
  { key: null, value: null, timestamp: 1_700_000_000_000 },
  { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: 1_700_000_000_001 },
  { key: Buffer.from('k'), value: null, timestamp: 0 },
  { key: null, value: Buffer.from('v'), timestamp: -5 },
  {
    key: Buffer.from([0, 255, 128]),
    value: Buffer.alloc(70_000, 7),
    timestamp: 8_640_000_000_000_000,
    headers: [
      { key: 'trace', value: Buffer.from('abc') },
      { key: 'nul', value: null },
      { key: 'empty', value: Buffer.alloc(0) },
      { key: 'ünïcödé ключ', value: Buffer.from([1]) },
    ],
  },
];

describe('record batch', () => {
  it('round-trips keys, values, timestamps and headers; null stays apart from empty', () => {
    const batch = build(records, 41);
    expect(batchBaseOffset(batch, 0)).toBe(41);
    expect(batchRecordCount(batch, 0)).toBe(records.length);
    expect(batchSize(batch, 0)).toBe(batch.length);
    expect(checkBatch(batch, 0, batch.length, true)).toBe('ok');
    const out = decode(batch, 41);
    expect(out.map((r) => r.offset)).toEqual([41, 42, 43, 44, 45]);
    expect(out.map((r) => r.timestamp)).toEqual(records.map((r) => r.timestamp));
    expect(out.every((r) => r.topic === 't' && r.partition === 3)).toBe(true);
    expect(out[0]!.key).toBeNull();
    expect(out[0]!.value).toBeNull();
    expect(out[1]!.key).toEqual(Buffer.alloc(0));
    expect(out[1]!.value).toEqual(Buffer.alloc(0));
    expect(out[2]!.key).toEqual(Buffer.from('k'));
    expect(out[2]!.value).toBeNull();
    expect(out[3]!.value).toEqual(Buffer.from('v'));
    expect(out[4]!.key).toEqual(Buffer.from([0, 255, 128]));
    expect(out[4]!.value).toEqual(Buffer.alloc(70_000, 7));
    expect(out[4]!.headers).toEqual(records[4]!.headers);
    expect(out[0]!.headers).toEqual([]);
  });

  it('decodes from an offset inside the batch, up to a maximum', () => {
    const batch = build(records, 100);
    expect(decode(batch, 102, 2).map((r) => r.offset)).toEqual([102, 103]);
    expect(decode(batch, 104, 10).map((r) => r.offset)).toEqual([104]);
    expect(decode(batch, 99, 1).map((r) => r.offset)).toEqual([100]);
  });

  it('hands out copies, not views of the batch', () => {
    const batch = build([{ key: Buffer.from('key'), value: Buffer.from('val'), timestamp: 1 }], 0);
    const [r] = decode(batch, 0);
    batch.fill(0);
    expect(r!.key).toEqual(Buffer.from('key'));
    expect(r!.value).toEqual(Buffer.from('val'));
  });

  it('tells a torn batch from a corrupt one', () => {
    const batch = build(records, 0);
    expect(checkBatch(batch, 0, batch.length - 1, true)).toBe('short');
    expect(checkBatch(batch, 0, 10, true)).toBe('short');
    const flipped = Buffer.from(batch);
    flipped[batch.length - 3]! ^= 0x40;
    expect(checkBatch(flipped, 0, flipped.length, true)).toBe('corrupt');
    expect(checkBatch(flipped, 0, flipped.length, false)).toBe('ok');
    const badMagic = Buffer.from(batch);
    badMagic[8] = 9;
    expect(checkBatch(badMagic, 0, badMagic.length, false)).toBe('corrupt');
  });

  it('covers the base offset with the CRC', () => {
    const batch = build(records, 7);
    batch.writeUInt32LE(8, 12);
    expect(checkBatch(batch, 0, batch.length, true)).toBe('corrupt');
  });

  it('keeps extreme timestamps exact, and refuses one too far behind the first', () => {
    const builder = new BatchBuilder();
    builder.add({ key: null, value: null, timestamp: 2 ** 52 + 10 });
    expect(builder.accepts(0)).toBe(false);
    expect(builder.accepts(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(() => builder.add({ key: null, value: null, timestamp: 0 })).toThrow(/too far/);
    const extremes = [0, Number.MAX_SAFE_INTEGER, -(2 ** 51), 1, -1];
    const batch = build(
      extremes.map((timestamp) => ({ key: null, value: null, timestamp })),
      0,
    );
    expect(decode(batch, 0).map((r) => r.timestamp)).toEqual(extremes);
  });

  it('refuses timestamps that are not whole milliseconds', () => {
    const builder = new BatchBuilder();
    expect(() => builder.add({ key: null, value: null, timestamp: 1.5 })).toThrow(/timestamp/);
    expect(() => builder.add({ key: null, value: null, timestamp: NaN })).toThrow(/timestamp/);
  });
});
