import { describe, expect, it } from 'vitest';
import { appendWindow, splitWindow } from '../../src/serde/windowed-key.js';

/** Kafka Streams' layout written the plain way: the key, then big-endian int64 bounds. */
function expected(key: Buffer | null, bounds: readonly number[]): Buffer {
  const tail = Buffer.alloc(8 * bounds.length);
  bounds.forEach((b, i) => tail.writeBigInt64BE(BigInt(b), 8 * i));
  return Buffer.concat([key ?? Buffer.alloc(0), tail]);
}

const EDGES = [
  0,
  1,
  -1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 32),
  -(2 ** 32) - 1,
  1_704_067_200_000,
  -1_704_067_200_000,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

describe('windowed keys', () => {
  it('append a time window start as a big-endian int64 after the key', () => {
    for (const key of [null, Buffer.from('User_1')]) {
      for (const start of EDGES) {
        const bytes = appendWindow(key, { start, end: start + 60_000 }, false);
        expect(bytes).toEqual(expected(key, [start]));
        expect(splitWindow(bytes, false, 60_000).window).toEqual({ start, end: start + 60_000 });
      }
    }
  });

  it('append a session window end, then start', () => {
    for (const end of EDGES) {
      for (const start of [0, -1, 2 ** 32 + 5, Number.MIN_SAFE_INTEGER]) {
        const bytes = appendWindow(Buffer.from('k'), { start, end }, true);
        expect(bytes).toEqual(expected(Buffer.from('k'), [end, start]));
        expect(splitWindow(bytes, true, undefined)).toEqual({
          key: Buffer.from('k'),
          window: { start, end },
        });
      }
    }
  });
});
