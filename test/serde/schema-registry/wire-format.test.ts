import { describe, expect, it } from 'vitest';
import {
  decodeMessageIndexes,
  encodeMessageIndexes,
  readFrame,
  writeFrame,
} from '../../../src/serde/schema-registry/wire-format.js';
import { SerdeError } from '../../../src/serde/serde.js';

describe("Confluent's wire format", () => {
  it('frames a payload with magic byte 0 and the schema id big-endian', () => {
    const framed = writeFrame(258, Buffer.from([9, 9]));
    expect([...framed]).toEqual([0, 0, 0, 1, 2, 9, 9]);
    const { id, payload } = readFrame(framed);
    expect(id).toBe(258);
    expect([...payload]).toEqual([9, 9]);
  });

  it('refuses bytes without the frame', () => {
    expect(() => readFrame(Buffer.from([1, 0, 0, 0, 1, 5]))).toThrow('Unknown magic byte!');
    expect(() => readFrame(Buffer.from([0, 0]))).toThrow(SerdeError);
  });

  it('writes message indexes as zig-zag varints, [0] as a single 0', () => {
    expect([...encodeMessageIndexes([0])]).toEqual([0]);
    // count 2 → 4, index 1 → 2, index 0 → 0
    expect([...encodeMessageIndexes([1, 0])]).toEqual([4, 2, 0]);
    expect(decodeMessageIndexes(Buffer.from([0, 42]))).toEqual({ indexes: [0], offset: 1 });
    expect(decodeMessageIndexes(Buffer.from([4, 2, 0, 42]))).toEqual({
      indexes: [1, 0],
      offset: 3,
    });
    const big = encodeMessageIndexes([300]);
    expect(decodeMessageIndexes(big).indexes).toEqual([300]);
  });
});
