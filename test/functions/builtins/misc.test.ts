import { describe, expect, it } from 'vitest';
import { call, resolve, t } from '../helpers.js';

describe('GEO_DISTANCE', () => {
  const D = 'DOUBLE';

  it('computes the great-circle distance in km or miles', () => {
    expect(call('geo_distance', [D, D, D, D], 37.4439, -122.1663, 51, 0)).toBe(8682.459061368269);
    const miles = call(
      'geo_distance',
      [D, D, D, D, 'STRING'],
      37.4439,
      -122.1663,
      51,
      0,
      'MI',
    ) as number;
    expect(miles).toBeCloseTo(5395.8, 0);
  });

  it('takes integer coordinates through implicit casts', () => {
    expect(resolve('geo_distance', D, D, 'INT', 'BIGINT').argTypes).toEqual([
      t(D),
      t(D),
      t(D),
      t(D),
    ]);
    expect(() => resolve('geo_distance', D, D, 'STRING', 'INT')).toThrow(
      /Function 'geo_distance' does not accept parameters/,
    );
  });

  it('validates coordinates and units', () => {
    expect(() => call('geo_distance', [D, D, D, D], 91, 0, 0, 0)).toThrow(/latitude/);
    expect(() => call('geo_distance', [D, D, D, D], 0, 181, 0, 0)).toThrow(/longitude/);
    expect(() => call('geo_distance', [D, D, D, D, 'STRING'], 0, 0, 0, 0, 'parsecs')).toThrow(
      /units/,
    );
  });
});

describe('MD5 and AS_VALUE', () => {
  it('hashes strings', () => {
    expect(call('md5', ['STRING'], 'hello')).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(call('md5', ['STRING'], null)).toBeNull();
  });

  it('returns its argument', () => {
    expect(call('AS_VALUE', ['INT'], 3)).toBe(3);
    expect(resolve('AS_VALUE', 'ARRAY<STRING>').returnType).toEqual(t('ARRAY<STRING>'));
  });
});
