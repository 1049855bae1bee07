import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/common/decimal.js';
import { call, resolve, t } from '../helpers.js';

describe('GREATEST and LEAST', () => {
  it('pick the largest or smallest non-NULL value', () => {
    expect(
      call('greatest', ['INT', 'INT', 'INT', null, 'INT'], 2147483647, -2147483648, null, null, 5),
    ).toBe(2147483647);
    expect(call('least', ['BIGINT', 'BIGINT'], 5n, -3n)).toBe(-3n);
    expect(call('greatest', ['STRING', 'STRING', 'STRING'], 'apple', 'zebra', 'Zebra')).toBe(
      'zebra',
    );
    expect(call('least', ['STRING', 'STRING'], null, null)).toBeNull();
  });

  it('compare bytes as signed bytes, as ByteBuffer does', () => {
    const low = Buffer.from([0x7f]);
    const high = Buffer.from([0x80]);
    expect(call('greatest', ['BYTES', 'BYTES'], low, high)).toBe(low);
  });

  it('convert strings to dates, times and timestamps', () => {
    expect(resolve('greatest', 'DATE', 'DATE', 'STRING').argTypes).toEqual([
      t('DATE'),
      t('DATE'),
      t('DATE'),
    ]);
    expect(resolve('least', 'TIMESTAMP', 'STRING').returnType).toEqual(t('TIMESTAMP'));
    expect(call('greatest', ['TIME', 'TIME'], 10, 33360000)).toBe(33360000);
  });

  it('widen DECIMAL results to the widest argument', () => {
    expect(resolve('greatest', 'DECIMAL(9, 2)', 'DECIMAL(6, 6)').returnType).toEqual(
      t('DECIMAL(13, 6)'),
    );
    const highest = call(
      'greatest',
      ['DECIMAL(9, 2)', 'DECIMAL(6, 6)'],
      new Decimal('1234567.89'),
      new Decimal('0.123456'),
    );
    expect((highest as Decimal).toString()).toBe('1234567.89');
  });

  it('use DOUBLE when mixing with DOUBLE, and are ambiguous for other mixes', () => {
    expect(
      resolve('greatest', 'INT', 'BIGINT', 'DECIMAL(7, 5)', 'DOUBLE', null).returnType,
    ).toEqual(t('DOUBLE'));
    expect(() => resolve('least', 'INT', 'BIGINT')).toThrow(/ambiguous/);
    expect(() => resolve('least', 'STRING', 'INT')).toThrow(/does not accept parameters/);
  });
});
