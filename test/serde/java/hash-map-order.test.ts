import { describe, expect, it } from 'vitest';
import { javaHashMapOrder, javaStringHash } from '../../../src/serde/java/hash-map-order.js';

const keys = (ks: string[], capacity?: number) =>
  javaHashMapOrder(
    ks.map((k) => [k, null] as const),
    capacity,
  ).map(([k]) => k);

describe('javaHashMapOrder', () => {
  it('hashes strings as Java does, with int overflow', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it('orders entries by bucket of a table sized for the map, insertion order within one', () => {
    // Capacity 3 → 4 buckets: 'yes, thanks' and 'sure, yeah' fall in bucket 0, 'nope' in 1…
    const order = keys(['yes, thanks', 'nope', 'sure, yeah']);
    expect(order).toEqual(['yes, thanks', 'sure, yeah', 'nope']);
    // …while in 16 buckets they fall in 0, 5 and 12.
    expect(keys(['yes, thanks', 'nope', 'sure, yeah'], 16)).toEqual([
      'yes, thanks',
      'nope',
      'sure, yeah',
    ]);
  });

  it('grows the table past its load factor, as put does', () => {
    // 13 keys do not fit 16 buckets at 0.75: the table has 32, where "a".."m" (97..109) sort by hash.
    const letters = 'mlkjihgfedcba'.split('');
    expect(keys(letters)).toEqual([...letters].reverse());
    expect(keys(['b', 'a'])).toEqual(['a', 'b']);
    expect(keys(['only'])).toEqual(['only']);
  });
});
