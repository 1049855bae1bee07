import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/common/decimal.js';
import { call, resolve, t } from '../helpers.js';

const dec = (text: string) => new Decimal(text);
const text = (value: unknown) => (value as Decimal).toString();

describe('ROUND', () => {
  it('rounds half up, toward positive infinity, to a BIGINT', () => {
    expect(call('round', ['DOUBLE'], 1.5)).toBe(2n);
    expect(call('round', ['DOUBLE'], -1.5)).toBe(-1n);
    expect(call('round', ['DOUBLE'], -1.6)).toBe(-2n);
    expect(call('round', ['DOUBLE'], NaN)).toBe(0n);
    expect(call('round', ['DOUBLE'], 1e30)).toBe(2n ** 63n - 1n);
    expect(call('round', ['INT'], 7)).toBe(7n);
    expect(resolve('round', 'INT').returnType).toEqual(t('BIGINT'));
  });

  it('rounds a DOUBLE to a number of places, negative places rounding to tens', () => {
    expect(call('round', ['DOUBLE', 'INT'], 1.245, 2)).toBe(1.25);
    expect(call('round', ['DOUBLE', 'INT'], -1.245, 2)).toBe(-1.24);
    expect(call('round', ['DOUBLE', 'INT'], 1234.5, -2)).toBe(1200);
    expect(call('round', ['DOUBLE', 'INT'], 1250, -2)).toBe(1300);
    expect(call('round', ['DOUBLE', 'INT'], null, 2)).toBeNull();
  });

  it('rounds decimals, keeping the scale when places are given', () => {
    expect(resolve('round', 'DECIMAL(5, 2)').returnType).toEqual(t('DECIMAL(3, 0)'));
    expect(text(call('round', ['DECIMAL(5, 2)'], dec('123.45')))).toBe('123');
    expect(text(call('round', ['DECIMAL(5, 2)'], dec('-2.50')))).toBe('-2');
    expect(resolve('round', 'DECIMAL(5, 2)', 'INT').returnType).toEqual(t('DECIMAL(5, 2)'));
    expect(text(call('round', ['DECIMAL(5, 2)', 'INT'], dec('123.45'), 1))).toBe('123.5');
    expect(text(call('round', ['DECIMAL(5, 2)', 'INT'], dec('123.45'), -1))).toBe('120');
  });

  it('fails on a NULL INT or BIGINT, which ksqlDB takes as a Java primitive', () => {
    expect(() => call('round', ['INT'], null)).toThrow(/NULL/);
  });
});

describe('TRUNC, CEIL, FLOOR', () => {
  it('truncates toward zero', () => {
    expect(call('trunc', ['DOUBLE'], -1.9)).toBe(-1n);
    expect(call('trunc', ['INT'], 3)).toBe(3n);
    expect(call('trunc', ['DOUBLE', 'INT'], 1.999, 2)).toBe(1.99);
    expect(call('trunc', ['DOUBLE', 'INT'], 1999, -2)).toBe(1900);
    expect(text(call('trunc', ['DECIMAL(4, 2)'], dec('-9.99')))).toBe('-9');
    expect(text(call('trunc', ['DECIMAL(4, 2)', 'INT'], dec('9.99'), 1))).toBe('9.9');
  });

  it('rounds up and down, keeping the type', () => {
    expect(call('ceil', ['DOUBLE'], 1.1)).toBe(2);
    expect(call('floor', ['DOUBLE'], -1.1)).toBe(-2);
    expect(call('ceil', ['INT'], 4)).toBe(4);
    expect(call('floor', ['BIGINT'], 4n)).toBe(4n);
    expect(resolve('ceil', 'DECIMAL(4, 2)').returnType).toEqual(t('DECIMAL(4, 2)'));
    expect(text(call('ceil', ['DECIMAL(4, 2)'], dec('1.01')))).toBe('2');
    expect(text(call('floor', ['DECIMAL(4, 2)'], dec('-1.01')))).toBe('-2');
    expect(call('floor', ['DOUBLE'], null)).toBeNull();
  });
});
