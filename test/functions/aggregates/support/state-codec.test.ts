import { describe, expect, it } from 'vitest';
import {
  decodeValue,
  encodeValue,
} from '../../../../src/functions/builtins/aggregates/support/state-codec.js';
import { Decimal } from '../../../../src/functions/builtins/aggregates/support/decimal.js';

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

describe('aggregate state codec', () => {
  it('keeps JSON values as they are', () => {
    expect(encodeValue({ a: 1 })).toEqual({ $s: { a: 1 } });
    for (const value of [null, true, 'text', 1.5, [1, 'a', null]]) {
      expect(roundTrip(value)).toEqual(value);
    }
  });

  it('round-trips bigints, decimals, bytes, maps and structs', () => {
    const value = {
      big: 9223372036854775807n,
      dec: new Decimal('-12345678901234567890.123456789'),
      bytes: Buffer.from([0, 255, 128]),
      map: new Map<unknown, unknown>([
        ['k', [1n]],
        [null, { $i: 'not a tag' }],
      ]),
      nested: [{ x: null }],
    };
    const restored = roundTrip(value) as typeof value;
    expect(restored).toEqual(value);
    expect(restored.big).toBe(9223372036854775807n);
    expect(restored.dec.toFixed()).toBe('-12345678901234567890.123456789');
  });

  it('round-trips non-finite doubles and negative zero', () => {
    expect(roundTrip(NaN)).toBeNaN();
    expect(roundTrip(Infinity)).toBe(Infinity);
    expect(roundTrip(-Infinity)).toBe(-Infinity);
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
  });
});
