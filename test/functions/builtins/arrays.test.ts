import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/common/decimal.js';
import { call, resolve, t } from '../helpers.js';

const AI = 'ARRAY<INT>';
const AS = 'ARRAY<STRING>';

describe('ARRAY_CONTAINS, ARRAY_LENGTH, ARRAY_CONCAT', () => {
  it('finds values, NULL included', () => {
    expect(call('ARRAY_CONTAINS', [AI, 'INT'], [1, 2, 3], 3)).toBe(true);
    expect(call('ARRAY_CONTAINS', [AI, 'INT'], [1, null], null)).toBe(true);
    expect(call('ARRAY_CONTAINS', [AI, 'INT'], null, 1)).toBe(false);
    expect(call('ARRAY_CONTAINS', ['ARRAY<ARRAY<INT>>', AI], [[1], [2, 3]], [2, 3])).toBe(true);
    expect(() => resolve('ARRAY_CONTAINS', AI, 'BIGINT')).toThrow(/does not accept parameters/);
  });

  it('measures and concatenates', () => {
    expect(call('array_length', [AI], [1, 2])).toBe(2);
    expect(call('array_length', [AI], null)).toBeNull();
    expect(call('array_concat', [AI, AI], [1, 2], [2])).toEqual([1, 2, 2]);
    expect(call('array_concat', [AI, AI], null, [2])).toEqual([2]);
    expect(call('array_concat', [AI, AI], null, null)).toBeNull();
  });
});

describe('set functions', () => {
  it('keep first occurrences in order, NULL being a value', () => {
    expect(call('array_distinct', [AS], ['apple', 'apple', null, 'cherry', null])).toEqual([
      'apple',
      null,
      'cherry',
    ]);
    expect(call('array_except', [AI, AI], [1, 2, 3, 1, 2], [2, 3])).toEqual([1]);
    expect(call('array_intersect', [AI, AI], [1, 2, 3, 1, 2], [2, 1])).toEqual([1, 2]);
    expect(call('array_union', [AI, AI], [1, 2, 3, 1, 2], [4, 1])).toEqual([1, 2, 3, 4]);
    expect(call('array_except', [AI, AI], [1], null)).toBeNull();
  });

  it('compare complex elements by value', () => {
    const maps = [new Map([['a', 1]]), new Map([['a', 1]]), new Map([['a', 2]])];
    expect(call('array_distinct', ['ARRAY<MAP<STRING, INT>>'], maps)).toEqual([maps[0], maps[2]]);
    expect(
      call('array_distinct', ['ARRAY<ARRAY<STRING>>'], [['a', null], ['a', null], ['a']]),
    ).toEqual([['a', null], ['a']]);
  });

  it('distinguish -0.0 from 0.0 and treat NaN as equal to itself, as Double.equals', () => {
    expect(call('array_distinct', ['ARRAY<DOUBLE>'], [0, -0, NaN, NaN])).toEqual([0, -0, NaN]);
  });

  it('remove every element equal to a value', () => {
    expect(call('array_remove', [AI, 'INT'], [1, 2, 3, 2, 1], 2)).toEqual([1, 3, 1]);
    expect(call('array_remove', [AS, 'STRING'], ['Foo', null, 'baz'], null)).toEqual([
      'Foo',
      'baz',
    ]);
    expect(call('array_remove', [AI, 'INT'], null, 1)).toBeNull();
  });
});

describe('ARRAY_MAX, ARRAY_MIN, ARRAY_SORT', () => {
  it('use the natural order of primitive elements, ignoring NULLs', () => {
    expect(call('array_max', [AI], [-1, 2, null, 0])).toBe(2);
    expect(call('array_min', ['ARRAY<BOOLEAN>'], [false, null, true])).toBe(false);
    expect(call('array_max', [AS], ['Foo', 'Bar', null, 'baz'])).toBe('baz');
    expect(call('array_min', [AS], [null])).toBeNull();
    expect(resolve('array_max', 'ARRAY<BIGINT>').returnType).toEqual(t('BIGINT'));
  });

  it('sort ascending or descending, NULLs last', () => {
    expect(call('array_sort', [AI], [-1, 2, null, 0])).toEqual([-1, 0, 2, null]);
    expect(call('array_sort', [AS, 'STRING'], ['Foo', 'Bar', null, 'baz'], 'desc')).toEqual([
      'baz',
      'Foo',
      'Bar',
      null,
    ]);
    expect(call('array_sort', [AI, 'STRING'], [1], 'sideways')).toBeNull();
    const decimals = ['2.5', '-1', '0.25'].map((d) => new Decimal(d));
    expect(
      (call('array_sort', ['ARRAY<DECIMAL(3, 2)>'], decimals) as Decimal[]).map(String),
    ).toEqual(['-1', '0.25', '2.5']);
  });

  it('fail on elements that have no order', () => {
    expect(() => call('array_max', ['ARRAY<ARRAY<INT>>'], [[1], [2]])).toThrow(/no order/);
  });
});

describe('ARRAY_JOIN', () => {
  it('joins primitive elements as Java prints them', () => {
    expect(call('ARRAY_JOIN', [AI], [1, null, 3])).toBe('1,null,3');
    expect(call('ARRAY_JOIN', ['ARRAY<DOUBLE>', 'STRING'], [1, 2.5], '|')).toBe('1.0|2.5');
    expect(call('ARRAY_JOIN', ['ARRAY<DECIMAL(4, 2)>', 'STRING'], [new Decimal('1.5')], '')).toBe(
      '1.50',
    );
    expect(call('ARRAY_JOIN', [AS, 'STRING'], ['a', 'b'], null)).toBe('ab');
    expect(call('ARRAY_JOIN', [AS], null)).toBeNull();
  });

  it('fails on complex elements', () => {
    expect(() => call('ARRAY_JOIN', ['ARRAY<ARRAY<INT>>'], [[1]])).toThrow(/not supported/);
  });
});

describe('SLICE and GENERATE_SERIES', () => {
  it('slices 1-based and inclusive, NULL when out of bounds', () => {
    expect(call('slice', [AI, 'INT', 'INT'], [1, 2, 3, 4], 2, 3)).toEqual([2, 3]);
    expect(call('slice', [AI, 'INT', 'INT'], [1, 2, 3], null, 2)).toEqual([1, 2]);
    expect(call('slice', [AI, 'INT', 'INT'], [1, 2, 3], 2, null)).toEqual([2, 3]);
    expect(call('slice', [AI, 'INT', 'INT'], [1, 2, 3], 0, 2)).toBeNull();
    expect(call('slice', [AI, 'INT', 'INT'], [1, 2, 3], 2, 4)).toBeNull();
  });

  it('generates series of INT or BIGINT', () => {
    expect(call('GENERATE_SERIES', ['INT', 'INT'], 1, 4)).toEqual([1, 2, 3, 4]);
    expect(call('GENERATE_SERIES', ['INT', 'INT'], 3, 1)).toEqual([3, 2, 1]);
    expect(call('GENERATE_SERIES', ['INT', 'INT', 'INT'], 0, 9, 4)).toEqual([0, 4, 8]);
    expect(call('GENERATE_SERIES', ['BIGINT', 'BIGINT', 'INT'], 10n, 4n, -3)).toEqual([
      10n,
      7n,
      4n,
    ]);
    expect(call('GENERATE_SERIES', ['INT', 'INT'], 5, 5)).toEqual([5]);
  });

  it('fails on a zero or wrongly signed step', () => {
    expect(() => call('GENERATE_SERIES', ['INT', 'INT', 'INT'], 1, 5, 0)).toThrow(/cannot be zero/);
    expect(() => call('GENERATE_SERIES', ['INT', 'INT', 'INT'], 1, 5, -1)).toThrow(/wrong sign/);
  });
});
