import { describe, expect, it } from 'vitest';
import type { SqlType } from '../../../src/common/sql-types.js';
import { lambda, lit, resolve, t } from '../helpers.js';

const typed = (type: string) => lambda(1, () => t(type));
const typed2 = (type: string) => lambda(2, () => t(type));

describe('TRANSFORM', () => {
  it('maps array elements', () => {
    const transform = resolve('transform', 'ARRAY<INT>', typed('STRING'));
    expect(transform.returnType).toEqual(t('ARRAY<STRING>'));
    expect(transform.invoke([1, null], (x: unknown) => (x === null ? null : `#${x}`))).toEqual([
      '#1',
      null,
    ]);
    expect(transform.invoke(null, () => 1)).toBeNull();
  });

  it('maps map keys and values, failing on duplicate keys or NULL values', () => {
    const transform = resolve('transform', 'MAP<STRING, INT>', typed2('STRING'), typed2('INT'));
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    const upper = (k: unknown) => (k as string).toUpperCase();
    const double = (_k: unknown, v: unknown) => (v as number) * 2;
    expect(transform.invoke(map, upper, double)).toEqual(
      new Map([
        ['A', 2],
        ['B', 4],
      ]),
    );
    expect(() => transform.invoke(map, () => 'same', double)).toThrow(/Duplicate key same/);
    expect(() => transform.invoke(map, upper, () => null)).toThrow(/NULL values/);
  });
});

describe('FILTER', () => {
  it('keeps array elements and map entries the lambda accepts', () => {
    const arrays = resolve('filter', 'ARRAY<INT>', typed('BOOLEAN'));
    expect(arrays.invoke([1, 5, 2], (x: unknown) => (x as number) < 3)).toEqual([1, 2]);
    const maps = resolve('filter', 'MAP<STRING, INT>', typed2('BOOLEAN'));
    const map = new Map([
      ['a', 1],
      ['bb', 2],
    ]);
    expect(maps.invoke(map, (k: unknown) => (k as string).length > 1)).toEqual(
      new Map([['bb', 2]]),
    );
  });

  it('fails when the lambda returns NULL', () => {
    const arrays = resolve('filter', 'ARRAY<INT>', typed('BOOLEAN'));
    expect(() => arrays.invoke([1], () => null)).toThrow(/NULL/);
  });
});

describe('REDUCE', () => {
  it('folds arrays and maps from an initial state', () => {
    const arrays = resolve('reduce', 'ARRAY<INT>', lit('INT', 0), typed2('INT'));
    expect(arrays.returnType).toEqual(t('INT'));
    expect(
      arrays.invoke([1, 2, 3], 10, (s: unknown, x: unknown) => (s as number) + (x as number)),
    ).toBe(16);
    expect(arrays.invoke(null, 10, () => 0)).toBe(10);
    expect(arrays.invoke([1], null, () => 0)).toBeNull();
    let params: readonly SqlType[] = [];
    const maps = resolve(
      'reduce',
      'MAP<STRING, DOUBLE>',
      'DOUBLE',
      lambda(3, (p) => {
        params = p;
        return t('DOUBLE');
      }),
    );
    expect(params).toEqual([t('DOUBLE'), t('STRING'), t('DOUBLE')]);
    const sum = (s: unknown, _k: unknown, v: unknown) => (s as number) + (v as number);
    expect(maps.invoke(new Map([['a', 1.5]]), 1, sum)).toBe(2.5);
  });
});
