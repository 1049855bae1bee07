/**
 * Numbers as Java prints them: Double.toString (`1.0`, `1.0E10`, `NaN`) and BigDecimal's
 * toString (`1.50`, `1E-8`) and toPlainString, which ksqlDB's functions produce wherever a number
 * becomes text (ARRAY_JOIN, JSON output).
 */
import type { Decimal } from '../../../common/decimal.js';

/** Java's Double.toString, from the shortest digits that round-trip (as JDK 19+). */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const [mantissa, exponentText] = abs.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      return `${sign}${integer}.${digits.slice(exponent + 1) || '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Java's BigDecimal.toString for unscaledValue × 10^-scale. */
export function bigDecimalToString(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? '-' : '';
  const coefficient = (unscaled < 0n ? -unscaled : unscaled).toString();
  const adjusted = -scale + (coefficient.length - 1);
  if (scale >= 0 && adjusted >= -6) return sign + placePoint(coefficient, scale);
  const fraction = coefficient.length > 1 ? `.${coefficient.slice(1)}` : '';
  return `${sign}${coefficient[0]}${fraction}E${adjusted > 0 ? '+' : ''}${adjusted}`;
}

/** Java's BigDecimal.toPlainString for unscaledValue × 10^-scale. */
export function bigDecimalToPlainString(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? '-' : '';
  const coefficient = (unscaled < 0n ? -unscaled : unscaled).toString();
  if (scale <= 0) return sign + coefficient + (unscaled === 0n ? '' : '0'.repeat(-scale));
  return sign + placePoint(coefficient, scale);
}

function placePoint(coefficient: string, scale: number): string {
  if (scale === 0) return coefficient;
  if (coefficient.length > scale) {
    return `${coefficient.slice(0, -scale)}.${coefficient.slice(-scale)}`;
  }
  return `0.${'0'.repeat(scale - coefficient.length)}${coefficient}`;
}

/** A decimal.js value held at `scale` (a DECIMAL(p, scale) value), as BigDecimal.toString. */
export function decimalToJavaString(value: Decimal, scale: number): string {
  return bigDecimalToString(unscaledOf(value, scale), scale);
}

/** The unscaled integer of a decimal.js value held at `scale`. */
export function unscaledOf(value: Decimal, scale: number): bigint {
  const fixed = value.toFixed(Math.max(scale, 0));
  const [integer, fraction = ''] = fixed.split('.') as [string, string?];
  const joined = BigInt(integer + fraction);
  return scale < 0 ? joined / 10n ** BigInt(-scale) : joined;
}
