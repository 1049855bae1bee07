/**
 * Fitting a read decimal into a column's DECIMAL(p, s) as ksqlDB's `DecimalUtil.ensureFit` does:
 * too many integer digits is an overflow, and a scale that would need rounding is refused (a
 * smaller scale is padded with zeros).
 */
import { Decimal } from 'decimal.js';

import { FieldError } from './field-error.js';
import {
  bigDecimalToPlainString,
  bigDecimalToString,
  fitsScale,
  integerDigitCount,
  parseBigDecimal,
  withScale,
  type DecimalParts,
} from './java/decimal-text.js';

const MAX_PLAIN_SCALE = 1000;

/** The value as a Decimal at the column's scale, or a FieldError with ksqlDB's reason. */
export function fitDecimal(value: DecimalParts, precision: number, scale: number): Decimal {
  const integerDigits = precision - scale;
  if (integerDigitCount(value) > integerDigits) {
    throw new FieldError(
      `Numeric field overflow: A field with precision ${precision} and scale ${scale} must round to an absolute value less than 10^${integerDigits}. Got ${messageText(value)}`,
    );
  }
  if (!fitsScale(value, scale)) {
    throw new FieldError(
      `Cannot fit decimal '${messageText(value)}' into DECIMAL(${precision}, ${scale}) without rounding.`,
    );
  }
  return new Decimal(bigDecimalToPlainString(withScale(value, scale)));
}

/** toPlainString as ksqlDB prints it, except for exponents so large the text would not fit memory. */
function messageText(value: DecimalParts): string {
  return Math.abs(value.scale) > MAX_PLAIN_SCALE
    ? bigDecimalToString(value)
    : bigDecimalToPlainString(value);
}

/** A DECIMAL column value (a Decimal already at `scale`) as BigDecimal parts at that scale. */
export function decimalParts(value: { toFixed(dp: number): string }, scale: number): DecimalParts {
  const parts = parseBigDecimal(value.toFixed(scale));
  if (parts === null) throw new FieldError(`Not a decimal value: ${String(value)}`);
  return parts;
}
