/** The two-generation value cache: bounded, newest value wins, deletes reach both generations. */
import { describe, expect, it } from 'vitest';
import { ValueCache } from '../../../src/runtime/state/value-cache.js';

describe('ValueCache', () => {
  it('updates only keys it holds', () => {
    const cache = new ValueCache<number>(4);
    cache.set('a', 1);
    cache.set('b', 1);
    cache.set('c', 1); // 'a' and 'b' are now old
    cache.update('a', 2);
    cache.update('c', 2);
    cache.update('never', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.get('c')).toBe(2);
    expect(cache.get('never')).toBeUndefined();
  });

  it('never holds more than its capacity', () => {
    const cache = new ValueCache<number>(10);
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, i);
      cache.get(`k${i >> 1}`);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
  });

  it('keeps keys that are used and drops those unused for a generation', () => {
    const cache = new ValueCache<number>(4);
    cache.set('hot', 1);
    for (let i = 0; i < 20; i++) {
      cache.set(`cold${i}`, i);
      expect(cache.get('hot')).toBe(1);
    }
    expect(cache.get('cold0')).toBeUndefined();
  });

  it('returns the newest value of a key also held, older, in the old generation', () => {
    const cache = new ValueCache<number>(4);
    cache.set('a', 1);
    cache.set('b', 1);
    cache.set('c', 1); // 'a' and 'b' are now old
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    cache.set('d', 1);
    cache.set('e', 1); // another generation: the stale 'a' is dropped, the new one kept
    expect(cache.get('a')).toBe(2);
  });

  it('deletes a key from both generations', () => {
    const cache = new ValueCache<number>(4);
    cache.set('a', 1);
    cache.set('b', 1);
    cache.set('c', 1);
    cache.get('a'); // promoted: 'a' is in both generations
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2);
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
