import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/common/decimal.js';
import { call, resolve, t } from '../helpers.js';

describe('ABS and SIGN', () => {
  it('keeps the argument type, wrapping at the integer minimum as Java does', () => {
    expect(call('abs', ['INT'], -5)).toBe(5);
    expect(call('abs', ['INT'], -2147483648)).toBe(-2147483648);
    expect(call('abs', ['BIGINT'], -(2n ** 63n))).toBe(-(2n ** 63n));
    expect(call('abs', ['BIGINT'], -3n)).toBe(3n);
    expect(call('abs', ['DOUBLE'], -1.5)).toBe(1.5);
    expect((call('abs', ['DECIMAL(4, 2)'], new Decimal('-2.45')) as Decimal).toString()).toBe(
      '2.45',
    );
    expect(call('abs', ['INT'], null)).toBeNull();
  });

  it('gives the sign as an INT, NaN being 0', () => {
    expect(call('sign', ['INT'], -7)).toBe(-1);
    expect(call('sign', ['BIGINT'], 9n)).toBe(1);
    expect(call('sign', ['DOUBLE'], 0)).toBe(0);
    expect(call('sign', ['DOUBLE'], NaN)).toBe(0);
    expect(resolve('sign', 'BIGINT').returnType).toEqual(t('INT'));
  });
});

describe('DOUBLE functions', () => {
  it('take INT, BIGINT and DOUBLE exactly, and DECIMAL through a cast', () => {
    expect(call('sqrt', ['INT'], 16)).toBe(4);
    expect(call('sqrt', ['BIGINT'], 16n)).toBe(4);
    expect(resolve('sqrt', 'DECIMAL(4, 1)').argTypes).toEqual([t('DOUBLE')]);
    expect(call('exp', ['INT'], 0)).toBe(1);
    expect(call('cbrt', ['DOUBLE'], 27)).toBe(3);
    expect(call('power', ['INT', 'INT'], 2, 10)).toBe(1024);
    expect(call('exp', ['DOUBLE'], null)).toBeNull();
  });

  it("computes logarithms as ksqlDB's Log does", () => {
    expect(call('ln', ['DOUBLE'], Math.E)).toBe(1);
    expect(call('log', ['DOUBLE'], Math.E)).toBe(1);
    expect(call('log', ['INT', 'INT'], 2, 8)).toBeCloseTo(3, 12);
    expect(call('log', ['DOUBLE', 'DOUBLE'], 1, 8)).toBeNaN();
    expect(call('log', ['DOUBLE', 'DOUBLE'], -2, 8)).toBeNaN();
    expect(call('log', ['DOUBLE', 'DOUBLE'], 10, 0)).toBe(-Infinity);
  });

  it('converts angles and computes trigonometric functions', () => {
    expect(call('degrees', ['DOUBLE'], Math.PI)).toBe(180);
    expect(call('radians', ['INT'], 180)).toBe(Math.PI);
    expect(call('sin', ['DOUBLE'], 0)).toBe(0);
    expect(call('cot', ['DOUBLE'], 0)).toBe(Infinity);
    expect(call('atan2', ['INT', 'INT'], 1, 1)).toBe(Math.PI / 4);
    expect(call('acos', ['DOUBLE'], 2)).toBeNaN();
    expect(call('pi', [])).toBe(Math.PI);
    const random = call('random', []) as number;
    expect(random >= 0 && random < 1).toBe(true);
  });
});
