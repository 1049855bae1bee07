/**
 * Map functions (ksqlDB's udf/map and Entries): MAP_KEYS, MAP_VALUES, MAP_UNION, AS_MAP, ENTRIES.
 * As in ksqlDB they take maps with STRING keys. The maps they build iterate in java.util.HashMap's
 * order (util/java-hash-map.ts); ENTRIES(map, true) sorts by key.
 */
import type { FunctionDefinition, ScalarSignature } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';
import { putAllHashMap, sizedHashMap } from './util/java-hash-map.js';

type AnyMap = ReadonlyMap<unknown, unknown> | null;

function asMap(
  keys: readonly unknown[] | null,
  values: readonly unknown[] | null,
): Map<unknown, unknown> | null {
  if (keys === null || values === null) return null;
  const map = new Map<unknown, unknown>();
  keys.forEach((key, i) => map.set(key, i < values.length ? values[i] : null));
  return sizedHashMap(map, keys.length);
}

function union(a: AnyMap, b: AnyMap): Map<unknown, unknown> | null {
  if (a === null && b === null) return null;
  return putAllHashMap([a, b].filter((m): m is ReadonlyMap<unknown, unknown> => m !== null));
}

function entries(map: AnyMap, sorted: boolean | null): { K: unknown; V: unknown }[] | null {
  const sort = primitive(sorted, 'ENTRIES');
  if (map === null) return null;
  const list = [...map];
  if (sort) {
    list.sort(([a], [b]) => {
      if (a === null || b === null) throw new Error('ENTRIES cannot sort a NULL key');
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    });
  }
  return list.map(([K, V]) => ({ K, V }));
}

const ENTRY_TYPES = ['INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'STRING'] as const;

const entriesSignatures: ScalarSignature[] = ENTRY_TYPES.map((type) => ({
  params: [`MAP<STRING, ${type}> map`, 'BOOLEAN sorted'],
  returns: `ARRAY<STRUCT<K STRING, V ${type}>>`,
  impl: entries,
}));

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'map_keys',
    Category.MAP,
    'Returns an array of all the keys in a map. Returns NULL if the input is NULL.',
    [
      {
        params: ['MAP<STRING, T> input'],
        returns: 'ARRAY<STRING>',
        impl: (map: AnyMap) => (map === null ? null : [...map.keys()]),
      },
    ],
  ),
  scalar(
    'map_values',
    Category.MAP,
    'Returns an array of all the values in a map. Returns NULL if the input is NULL.',
    [
      {
        params: ['MAP<STRING, T> input'],
        returns: 'ARRAY<T>',
        impl: (map: AnyMap) => (map === null ? null : [...map.values()]),
      },
    ],
  ),
  scalar(
    'map_union',
    Category.MAP,
    'Returns a new map containing the union of all entries from both input maps. If a key is present in both input maps then the value from map2 is the one which appears in the result. Returns NULL if all of the input maps are NULL.',
    [
      {
        params: ['MAP<STRING, T> map1', 'MAP<STRING, T> map2'],
        returns: 'MAP<STRING, T>',
        impl: union,
      },
    ],
  ),
  scalar('AS_MAP', Category.MAP, 'Construct a list based on some inputs', [
    { params: ['ARRAY<STRING> keys', 'ARRAY<T> values'], returns: 'MAP<STRING, T>', impl: asMap },
  ]),
  scalar(
    'ENTRIES',
    Category.MAP,
    'Construct an array from the entries in a map.The array can be optionally sorted on the keys.',
    entriesSignatures,
  ),
];
