import { describe, expect, it } from 'vitest';
import { call, resolve, t } from '../helpers.js';

const M = 'MAP<STRING, INT>';
const fruit = () =>
  new Map([
    ['apple', 10],
    ['banana', 20],
  ]);

describe('map functions', () => {
  it('list keys and values', () => {
    expect(call('map_keys', [M], fruit())).toEqual(['apple', 'banana']);
    expect(call('map_values', [M], fruit())).toEqual([10, 20]);
    expect(call('map_keys', [M], null)).toBeNull();
    expect(resolve('map_values', M).returnType).toEqual(t('ARRAY<INT>'));
  });

  it('take only maps with STRING keys, as in ksqlDB', () => {
    expect(() => resolve('map_keys', 'MAP<INT, INT>')).toThrow(/does not accept parameters/);
  });

  it('union maps, the second winning', () => {
    expect(call('map_union', [M, M], fruit(), new Map([['apple', 50]]))).toEqual(
      new Map([
        ['apple', 50],
        ['banana', 20],
      ]),
    );
    expect(call('map_union', [M, M], null, new Map([['a', 1]]))).toEqual(new Map([['a', 1]]));
    expect(call('map_union', [M, M], null, null)).toBeNull();
  });

  it('build maps from key and value arrays', () => {
    expect(call('AS_MAP', ['ARRAY<STRING>', 'ARRAY<INT>'], ['a', 'b', 'a'], [1, 2])).toEqual(
      new Map([
        ['a', null],
        ['b', 2],
      ]),
    );
    expect(call('AS_MAP', ['ARRAY<STRING>', 'ARRAY<INT>'], null, [1])).toBeNull();
  });

  it("iterate the maps they build in java.util.HashMap's order", () => {
    const keys = ['yes, thanks', 'nope', 'sure, yeah'];
    const built = call('AS_MAP', ['ARRAY<STRING>', 'ARRAY<INT>'], keys, [1, 2, 3]) as Map<
      string,
      number
    >;
    expect([...built.keys()]).toEqual(['yes, thanks', 'sure, yeah', 'nope']);
    const union = call('map_union', [M, M], new Map([['c', 1]]), new Map([['a', 2]])) as Map<
      string,
      number
    >;
    expect([...union.keys()]).toEqual(['a', 'c']);
  });

  it('list entries as K/V structs, sorted on request', () => {
    const map = new Map([
      ['b', 2],
      ['a', 1],
    ]);
    expect(resolve('ENTRIES', M, 'BOOLEAN').returnType).toEqual(
      t('ARRAY<STRUCT<K STRING, V INT>>'),
    );
    expect(call('ENTRIES', [M, 'BOOLEAN'], map, true)).toEqual([
      { K: 'a', V: 1 },
      { K: 'b', V: 2 },
    ]);
    expect(call('ENTRIES', [M, 'BOOLEAN'], map, false)).toEqual([
      { K: 'b', V: 2 },
      { K: 'a', V: 1 },
    ]);
    expect(() => call('ENTRIES', [M, 'BOOLEAN'], map, null)).toThrow(/NULL/);
  });
});
