/**
 * Decimal numbers as Java's BigDecimal reads and writes them: `new BigDecimal(String)`, `toString()`
 * (which switches to E-notation for small values: `0E-8`), `toPlainString()`, and the truncation
 * behind `longValue()` / `intValue()`. ksqlDB's JSON and DELIMITED formats inherit all of these.
 */

/** A decimal as BigDecimal holds it: an unscaled magnitude and a scale. */
export interface DecimalParts {
  readonly negative: boolean;
  /** Unscaled magnitude in decimal digits, without leading zeros; `'0'` for zero. */
  readonly digits: string;
  /** Digits right of the point; negative for values written with a positive exponent. */
  readonly scale: number;
}

const BIG_DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const BIG_DECIMAL_CHAR = /[\d.eE+-]/;

/** Parses as `new BigDecimal(text)` does, or returns null where Java throws NumberFormatException. */
export function parseBigDecimal(text: string): DecimalParts | null {
  const m = BIG_DECIMAL_SYNTAX.exec(text);
  if (m === null) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart.length + fracPart.length === 0) return null;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  const digits = stripLeadingZeros(intPart + fracPart);
  return { negative: m[1] === '-' && digits !== '0', digits, scale: fracPart.length - exponent };
}

/** The NumberFormatException message of `new BigDecimal(text)` for text it refuses. */
export function bigDecimalSyntaxMessage(text: string): string {
  for (const ch of text) {
    if (!BIG_DECIMAL_CHAR.test(ch)) {
      return `Character ${ch} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`;
    }
  }
  return 'No digits found.';
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/** `BigDecimal.toString()`: plain when the scale is non-negative and the value not too small. */
export function bigDecimalToString(d: DecimalParts): string {
  const sign = d.negative ? '-' : '';
  const coeff = d.digits;
  if (d.scale === 0) return sign + coeff;
  const adjusted = coeff.length - 1 - d.scale;
  if (d.scale > 0 && adjusted >= -6) return sign + insertPoint(coeff, d.scale);
  const mantissa = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
  return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** `BigDecimal.toPlainString()`: never E-notation. */
export function bigDecimalToPlainString(d: DecimalParts): string {
  const sign = d.negative ? '-' : '';
  if (d.scale <= 0) return d.digits === '0' ? '0' : sign + d.digits + '0'.repeat(-d.scale);
  return sign + insertPoint(d.digits, d.scale);
}

function insertPoint(coeff: string, scale: number): string {
  if (coeff.length > scale) {
    return `${coeff.slice(0, coeff.length - scale)}.${coeff.slice(coeff.length - scale)}`;
  }
  return `0.${'0'.repeat(scale - coeff.length)}${coeff}`;
}

/**
 * The value truncated toward zero, exact modulo 2^64 (enough for `longValue()` and `intValue()`,
 * which keep the low bits): a shift of 64 or more decimal places leaves the low 64 bits zero.
 */
export function truncateModulo64(d: DecimalParts): bigint {
  let magnitude: bigint;
  if (d.scale <= 0) {
    magnitude =
      d.digits === '0' || -d.scale >= 64 ? 0n : BigInt(d.digits) * 10n ** BigInt(-d.scale);
  } else {
    const intDigits = d.digits.length - d.scale;
    magnitude = intDigits > 0 ? BigInt(d.digits.slice(0, intDigits)) : 0n;
  }
  return d.negative ? -magnitude : magnitude;
}

/** Digits left of the point, as `precision() - scale()` counts them (at least 0 for zero). */
export function integerDigitCount(d: DecimalParts): number {
  return d.digits === '0' ? 0 : d.digits.length - d.scale;
}

/** Whether `setScale(scale, UNNECESSARY)` succeeds: no non-zero digit is dropped. */
export function fitsScale(d: DecimalParts, scale: number): boolean {
  if (d.scale <= scale) return true;
  const dropped = d.scale - scale;
  if (dropped >= d.digits.length) return d.digits === '0';
  for (let i = d.digits.length - dropped; i < d.digits.length; i++) {
    if (d.digits.charCodeAt(i) !== 48) return false;
  }
  return true;
}

/** The same value with exactly `scale` decimal places (requires `fitsScale`). */
export function withScale(d: DecimalParts, scale: number): DecimalParts {
  if (d.scale === scale) return d;
  if (d.scale < scale) {
    const digits = d.digits === '0' ? '0' : d.digits + '0'.repeat(scale - d.scale);
    return { negative: d.negative, digits, scale };
  }
  const kept = d.digits.slice(0, d.digits.length - (d.scale - scale));
  const digits = kept === '' ? '0' : stripLeadingZeros(kept);
  return { negative: d.negative && digits !== '0', digits, scale };
}
