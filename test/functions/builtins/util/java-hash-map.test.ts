import { describe, expect, it } from 'vitest';
import {
  defaultHashMap,
  putAllHashMap,
  sizedHashMap,
} from '../../../../src/functions/builtins/util/java-hash-map.js';

const keys = (map: ReadonlyMap<unknown, unknown>) => [...map.keys()];
const mapOf = (...ks: unknown[]) => new Map(ks.map((k) => [k, 1]));

describe("java.util.HashMap's iteration order", () => {
  it('orders string keys by bucket for the capacity the map was built with', () => {
    const entries = mapOf('yes, thanks', 'nope', 'sure, yeah');
    expect(keys(defaultHashMap(entries))).toEqual(['yes, thanks', 'nope', 'sure, yeah']);
    expect(keys(sizedHashMap(entries, 3))).toEqual(['yes, thanks', 'sure, yeah', 'nope']);
    expect(keys(defaultHashMap(mapOf('c', 'b', 'a')))).toEqual(['a', 'b', 'c']);
  });

  it('hashes integers, longs, booleans and NULL as Java does', () => {
    expect(keys(defaultHashMap(mapOf(3, 1, 2)))).toEqual([1, 2, 3]);
    expect(keys(defaultHashMap(mapOf(17, 1)))).toEqual([17, 1]);
    expect(keys(defaultHashMap(mapOf(5n, null, 2n)))).toEqual([null, 2n, 5n]);
    expect(keys(defaultHashMap(mapOf(true, false)))).toEqual([false, true]);
  });

  it('grows the table as entries are added', () => {
    const many = mapOf(...Array.from({ length: 13 }, (_, i) => i * 16));
    expect(keys(defaultHashMap(many))).toEqual([
      0, 32, 64, 96, 128, 160, 192, 16, 48, 80, 112, 144, 176,
    ]);
  });

  it('sizes the table from the first map when maps are put in turn', () => {
    const merged = putAllHashMap([mapOf('a'), mapOf('b', 'a')]);
    expect(keys(merged)).toEqual(['a', 'b']);
    expect(keys(putAllHashMap([]))).toEqual([]);
  });
});
