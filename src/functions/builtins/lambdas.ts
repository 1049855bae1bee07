/**
 * Functions taking lambdas (ksqlDB's udf/lambda): TRANSFORM, FILTER and REDUCE, over arrays and
 * maps. A lambda arrives as a JavaScript function of its parameters. As in ksqlDB, a lambda that
 * makes a map NULL-valued, or TRANSFORM producing the same key twice, fails the call; a FILTER
 * lambda returning NULL fails it too. Maps are iterated in their own order, and the maps built
 * here iterate in java.util.HashMap's order (util/java-hash-map.ts).
 */
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { defaultHashMap } from './util/java-hash-map.js';
import { hashKey } from './util/values.js';

type List = readonly unknown[] | null;
type AnyMap = ReadonlyMap<unknown, unknown> | null;
type Fn1 = (x: unknown) => unknown;
type Fn2 = (a: unknown, b: unknown) => unknown;
type Fn3 = (a: unknown, b: unknown, c: unknown) => unknown;

function keep(result: unknown): boolean {
  if (result === null || result === undefined) {
    throw new ExecutionError('FILTER: the lambda function returned NULL');
  }
  return result === true;
}

function nonNullValue(value: unknown): unknown {
  if (value === null)
    throw new ExecutionError('a map produced by a lambda cannot hold NULL values');
  return value;
}

function transformMap(
  map: AnyMap,
  toKey: Fn2 | null,
  toValue: Fn2 | null,
): Map<unknown, unknown> | null {
  if (map === null || toKey === null || toValue === null) return null;
  const result = new Map<unknown, unknown>();
  const seen = new Map<string, unknown>();
  for (const [k, v] of map) {
    const key = toKey(k, v);
    const value = nonNullValue(toValue(k, v));
    const hash = hashKey(key);
    if (seen.has(hash)) {
      throw new ExecutionError(
        `Duplicate key ${String(key)} (attempted merging values ${String(seen.get(hash))} and ${String(value)})`,
      );
    }
    seen.set(hash, value);
    result.set(key, value);
  }
  return defaultHashMap(result);
}

function filterMap(map: AnyMap, fn: Fn2 | null): Map<unknown, unknown> | null {
  if (map === null || fn === null) return null;
  const result = new Map<unknown, unknown>();
  for (const [k, v] of map) if (keep(fn(k, v))) result.set(k, nonNullValue(v));
  return defaultHashMap(result);
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'transform',
    Category.LAMBDA,
    'Apply a function to each element in a collection. The transformed collection is returned.',
    [
      {
        params: ['ARRAY<T> array', 'FUNCTION(T) => R function'],
        returns: 'ARRAY<R>',
        impl: (array: List, fn: Fn1 | null) =>
          array === null || fn === null ? null : array.map((x) => fn(x)),
      },
      {
        params: [
          'MAP<K, V> map',
          'FUNCTION(K, V) => R biFunction1',
          'FUNCTION(K, V) => T biFunction2',
        ],
        returns: 'MAP<R, T>',
        impl: transformMap,
      },
    ],
  ),
  scalar(
    'filter',
    Category.LAMBDA,
    'Filter the input collection through a given lambda function. The filtered collection is returned.',
    [
      {
        params: ['ARRAY<T> array', 'FUNCTION(T) => BOOLEAN function'],
        returns: 'ARRAY<T>',
        impl: (array: List, fn: Fn1 | null) =>
          array === null || fn === null ? null : array.filter((x) => keep(fn(x))),
      },
      {
        params: ['MAP<K, V> map', 'FUNCTION(K, V) => BOOLEAN biFunction'],
        returns: 'MAP<K, V>',
        impl: filterMap,
      },
    ],
  ),
  scalar(
    'reduce',
    Category.LAMBDA,
    'Reduce the input collection down to a single value using an initial state and a function. The initial state (s) is passed into the scope of the function. Each invocation returns a new value for s, which the next invocation will receive. The final value for s is returned.',
    [
      {
        params: ['ARRAY<T> list', 'S initialState', 'FUNCTION(S, T) => S biFunction'],
        returns: 'S',
        impl: (list: List, initial: unknown, fn: Fn2 | null) => {
          if (initial === null || fn === null) return null;
          if (list === null) return initial;
          let state: unknown = initial;
          for (const item of list) state = fn(state, item);
          return state;
        },
      },
      {
        params: ['MAP<K, V> map', 'S initialState', 'FUNCTION(S, K, V) => S triFunction'],
        returns: 'S',
        impl: (map: AnyMap, initial: unknown, fn: Fn3 | null) => {
          if (initial === null || fn === null) return null;
          if (map === null) return initial;
          let state: unknown = initial;
          for (const [k, v] of map) state = fn(state, k, v);
          return state;
        },
      },
    ],
  ),
];
