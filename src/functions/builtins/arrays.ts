/**
 * Array functions (ksqlDB's udf/array and udf/list): ARRAY_CONTAINS, ARRAY_DISTINCT,
 * ARRAY_EXCEPT, ARRAY_INTERSECT, ARRAY_UNION, ARRAY_CONCAT, ARRAY_LENGTH, ARRAY_MAX, ARRAY_MIN,
 * ARRAY_REMOVE, ARRAY_SORT, ARRAY_JOIN, SLICE, GENERATE_SERIES. Elements are equal as Java's
 * equals says (util/values.ts); the set functions keep first occurrences, in order, as
 * LinkedHashSet does.
 */
import { ExecutionError } from '../../common/errors.js';
import type { CallSite, FunctionDefinition } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';
import { javaDoubleToString, decimalToJavaString } from './util/java-text.js';
import { compareValues, hashKey, sqlEquals } from './util/values.js';
import type { Decimal } from '../../common/decimal.js';

type List = readonly unknown[] | null;

function distinct(values: readonly unknown[], exclude?: ReadonlySet<string>): unknown[] {
  const seen = new Set<string>(exclude);
  const out: unknown[] = [];
  for (const value of values) {
    const key = hashKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

function keys(values: readonly unknown[]): Set<string> {
  return new Set(values.map(hashKey));
}

function extreme(sign: 1 | -1) {
  return (input: List): unknown => {
    if (input === null) return null;
    let best: unknown = null;
    for (const value of input) {
      if (value !== null && (best === null || sign * compareValues(value, best) > 0)) best = value;
    }
    return best;
  };
}

function sort(input: List, direction: string | null = 'ASC'): unknown[] | null {
  if (input === null || direction === null) return null;
  const upper = direction.toUpperCase();
  const sign =
    upper === 'ASC' || upper === 'ASCENDING'
      ? 1
      : upper === 'DESC' || upper === 'DESCENDING'
        ? -1
        : 0;
  if (sign === 0) return null;
  return [...input].sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return sign * compareValues(a, b);
  });
}

/** ARRAY_JOIN: elements as Java's toString prints them; only primitive elements. */
function join(site: CallSite) {
  const items = site.argTypes[0]?.base === 'ARRAY' ? site.argTypes[0].items : null;
  const text = (value: unknown): string => {
    if (value === null) return 'null';
    switch (items?.base) {
      case 'DOUBLE':
        return javaDoubleToString(value as number);
      case 'DECIMAL':
        return decimalToJavaString(value as Decimal, items.scale);
      case 'STRING':
      case 'BOOLEAN':
      case 'INTEGER':
      case 'BIGINT':
        return String(value);
      default:
        throw new ExecutionError(
          `error: hit element of type ${items?.base ?? 'unknown'} which is currently not supported`,
        );
    }
  };
  return (input: List, delimiter: string | null = ','): string | null =>
    input === null ? null : input.map(text).join(delimiter ?? '');
}

function slice(input: List, from: number | null, to: number | null): unknown[] | null {
  if (input === null) return null;
  const start = from === null ? 0 : from - 1;
  const end = to === null ? input.length : to;
  if (start < 0 || end > input.length || start > end) return null;
  return input.slice(start, end);
}

function seriesInt(start: number | null, end: number | null, step?: number | null): number[] {
  const s = primitive(start, 'GENERATE_SERIES');
  const e = primitive(end, 'GENERATE_SERIES');
  const diff = (e - s) | 0;
  const by = step === undefined ? (diff > 0 ? 1 : -1) : primitive(step, 'GENERATE_SERIES');
  checkStep(diff, by);
  const size = 1 + Math.trunc(diff / by);
  const out: number[] = [];
  for (let i = 0, value = s; i < size; i++, value = (value + by) | 0) out.push(value);
  return out;
}

function seriesLong(start: bigint | null, end: bigint | null, step?: number | null): bigint[] {
  const s = primitive(start, 'GENERATE_SERIES');
  const e = primitive(end, 'GENERATE_SERIES');
  const diff = BigInt.asIntN(64, e - s);
  const by = step === undefined ? (diff > 0n ? 1 : -1) : primitive(step, 'GENERATE_SERIES');
  checkStep(Number(diff), by);
  const size = 1 + Number(BigInt.asIntN(32, diff / BigInt(by)));
  const out: bigint[] = [];
  for (let i = 0, value = s; i < size; i++, value = BigInt.asIntN(64, value + BigInt(by)))
    out.push(value);
  return out;
}

function checkStep(diff: number, step: number): void {
  if (step === 0) throw new ExecutionError('GENERATE_SERIES step cannot be zero');
  if ((diff > 0 && step < 0) || (diff < 0 && step > 0)) {
    throw new ExecutionError('GENERATE_SERIES step has wrong sign');
  }
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'ARRAY_CONTAINS',
    Category.ARRAY,
    'Returns true if the array is non-null and contains the supplied value.',
    [
      {
        params: ['ARRAY<T> array', 'T val'],
        returns: 'BOOLEAN',
        impl: (array: List, value: unknown) =>
          array !== null && array.some((v) => sqlEquals(v, value)),
      },
    ],
  ),
  scalar(
    'array_distinct',
    Category.ARRAY,
    'Returns an array of all the distinct values, including NULL if present, from the input array. The output array elements will be in order of their first occurrence in the input. Returns NULL if the input array is NULL.',
    [
      {
        params: ['ARRAY<T> input'],
        returns: 'ARRAY<T>',
        impl: (input: List) => (input === null ? null : distinct(input)),
      },
    ],
  ),
  scalar(
    'array_except',
    Category.ARRAY,
    'Returns an array of all the elements in an array except for those also present in a second array. The order of entries in the first array is preserved although any duplicates are removed. Returns NULL if either input is NULL.',
    [
      {
        params: ['ARRAY<T> left', 'ARRAY<T> right'],
        returns: 'ARRAY<T>',
        impl: (left: List, right: List) =>
          left === null || right === null ? null : distinct(left, keys(right)),
      },
    ],
  ),
  scalar(
    'array_intersect',
    Category.ARRAY,
    'Returns an array of all the distinct elements from the intersection of both input arrays. The order of entries in the output is the same as in the first input array. Returns NULL if either input is NULL.',
    [
      {
        params: ['ARRAY<T> left', 'ARRAY<T> right'],
        returns: 'ARRAY<T>',
        impl: (left: List, right: List) => {
          if (left === null || right === null) return null;
          const inRight = keys(right);
          return distinct(left).filter((value) => inRight.has(hashKey(value)));
        },
      },
    ],
  ),
  scalar(
    'array_union',
    Category.ARRAY,
    'Returns an array of all the distinct elements from both input arrays, in the order they are encountered. Returns NULL if either input is NULL.',
    [
      {
        params: ['ARRAY<T> left', 'ARRAY<T> right'],
        returns: 'ARRAY<T>',
        impl: (left: List, right: List) =>
          left === null || right === null ? null : distinct([...left, ...right]),
      },
    ],
  ),
  scalar(
    'array_concat',
    Category.ARRAY,
    'Concatenates two arrays, creating an array that contains all the elements in the first array followed by all the elements in the second array. Returns NULL if both input arrays are NULL. If only one argument is NULL, the result is the other argument. The two arrays must be of the same type.',
    [
      {
        params: ['ARRAY<T> left', 'ARRAY<T> right'],
        returns: 'ARRAY<T>',
        impl: (left: List, right: List) =>
          left === null && right === null ? null : [...(left ?? []), ...(right ?? [])],
      },
    ],
  ),
  scalar('array_length', Category.ARRAY, 'Returns the length on an array', [
    {
      params: ['ARRAY<T> input'],
      returns: 'INT',
      impl: (input: List) => (input === null ? null : input.length),
    },
  ]),
  scalar(
    'array_max',
    Category.ARRAY,
    'Return the maximum value from within an array of primitive values, according to their natural sort order. If the array is NULL, or contains only NULLs, return NULL.',
    [{ params: ['ARRAY<T> input'], returns: 'T', impl: extreme(1) }],
  ),
  scalar(
    'array_min',
    Category.ARRAY,
    'Return the minimum value from within an array of primitive values, according to their natural sort order. If the array is NULL, or contains only NULLs, return NULL.',
    [{ params: ['ARRAY<T> input'], returns: 'T', impl: extreme(-1) }],
  ),
  scalar(
    'array_remove',
    Category.ARRAY,
    'Removes all the elements equal to a specific value from an array. Returns NULL if the input array is NULL.',
    [
      {
        params: ['ARRAY<T> array', 'T victim'],
        returns: 'ARRAY<T>',
        impl: (array: List, victim: unknown) => {
          if (array === null) return null;
          return array.filter((value) => !sqlEquals(value, victim));
        },
      },
    ],
  ),
  scalar(
    'array_sort',
    Category.ARRAY,
    'Sort an array of primitive values, according to their natural sort order. Any NULLs in the array will be placed at the end.',
    [
      { params: ['ARRAY<T> input'], returns: 'ARRAY<T>', impl: (input: List) => sort(input) },
      { params: ['ARRAY<T> input', 'STRING direction'], returns: 'ARRAY<T>', impl: sort },
    ],
  ),
  scalar(
    'ARRAY_JOIN',
    Category.ARRAY,
    'joins the array elements into a flat string representation',
    [
      { params: ['ARRAY<T> array'], returns: 'STRING', create: join },
      { params: ['ARRAY<T> array', 'STRING delimiter'], returns: 'STRING', create: join },
    ],
  ),
  scalar('slice', Category.ARRAY, 'slice of an ARRAY', [
    { params: ['ARRAY<T> in', 'INT from', 'INT to'], returns: 'ARRAY<T>', impl: slice },
  ]),
  scalar('GENERATE_SERIES', Category.ARRAY, 'Construct an array of a range of values', [
    {
      params: ['INT start', 'INT end'],
      returns: 'ARRAY<INT>',
      impl: (s: number | null, e: number | null) => seriesInt(s, e),
    },
    { params: ['INT start', 'INT end', 'INT step'], returns: 'ARRAY<INT>', impl: seriesInt },
    {
      params: ['BIGINT start', 'BIGINT end'],
      returns: 'ARRAY<BIGINT>',
      impl: (s: bigint | null, e: bigint | null) => seriesLong(s, e),
    },
    {
      params: ['BIGINT start', 'BIGINT end', 'INT step'],
      returns: 'ARRAY<BIGINT>',
      impl: seriesLong,
    },
  ]),
];
