import { describe, expect, it } from 'vitest';

import {
  bigDecimalToPlainString,
  bigDecimalToString,
  fitsScale,
  parseBigDecimal,
  truncateModulo64,
} from '../../../src/serde/java/decimal-text.js';

const parts = (text: string) => {
  const p = parseBigDecimal(text);
  if (p === null) throw new Error(`not a decimal: ${text}`);
  return p;
};

describe('BigDecimal text', () => {
  it('parses what new BigDecimal(String) accepts, keeping the scale', () => {
    expect(parts('10.10')).toEqual({ negative: false, digits: '1010', scale: 2 });
    expect(parts('-0.0')).toEqual({ negative: false, digits: '0', scale: 1 });
    expect(parts('.12')).toEqual({ negative: false, digits: '12', scale: 2 });
    expect(parts('+1.')).toEqual({ negative: false, digits: '1', scale: 0 });
    expect(parts('1E+1')).toEqual({ negative: false, digits: '1', scale: -1 });
    expect(parts('-12.5e-3')).toEqual({ negative: true, digits: '125', scale: 4 });
    for (const bad of ['', '.', 'abc', '1e', ' 1', '1 ', '--1', '0x1']) {
      expect(parseBigDecimal(bad)).toBeNull();
    }
  });

  it('writes toString() as Java does, with E-notation for small values', () => {
    expect(bigDecimalToString(parts('10.10'))).toBe('10.10');
    expect(bigDecimalToString(parts('1e1'))).toBe('1E+1');
    expect(bigDecimalToString(parts('1.5e3'))).toBe('1.5E+3');
    expect(bigDecimalToString(parts('0.00001'))).toBe('0.00001');
    expect(bigDecimalToString(parts('0.000001'))).toBe('0.000001');
    expect(bigDecimalToString(parts('0.0000001'))).toBe('1E-7');
    expect(bigDecimalToString(parts('0.00000000'))).toBe('0E-8');
    expect(bigDecimalToString(parts('-123.4500'))).toBe('-123.4500');
    expect(bigDecimalToString(parts('42'))).toBe('42');
  });

  it('writes toPlainString() without E-notation', () => {
    expect(bigDecimalToPlainString(parts('1E+3'))).toBe('1000');
    expect(bigDecimalToPlainString(parts('1E-7'))).toBe('0.0000001');
    expect(bigDecimalToPlainString(parts('-.5'))).toBe('-0.5');
  });

  it('truncates toward zero, exact modulo 2^64', () => {
    expect(truncateModulo64(parts('41.456'))).toBe(41n);
    expect(truncateModulo64(parts('-41.9'))).toBe(-41n);
    expect(truncateModulo64(parts('0.999999999999999999999'))).toBe(0n);
    expect(truncateModulo64(parts('1.5E+2'))).toBe(150n);
    expect(BigInt.asIntN(64, truncateModulo64(parts('1E+100')))).toBe(0n);
  });

  it('knows when a scale can be set without rounding', () => {
    expect(fitsScale(parts('1.100'), 1)).toBe(true);
    expect(fitsScale(parts('1.12'), 1)).toBe(false);
    expect(fitsScale(parts('1'), 3)).toBe(true);
  });
});
