/**
 * BigDecimal.setScale on decimal.js values, negative scales included (rounding to tens,
 * hundreds), without going through decimal.js's precision-limited arithmetic.
 */
import { Decimal } from '../../../common/decimal.js';

export const Rounding = {
  UP: 0,
  DOWN: 1,
  CEILING: 2,
  FLOOR: 3,
  HALF_UP: 4,
  HALF_DOWN: 5,
} as const;

export type RoundingMode = (typeof Rounding)[keyof typeof Rounding];

export function setScale(value: Decimal, scale: number, rounding: RoundingMode): Decimal {
  if (scale >= 0) return value.toDecimalPlaces(scale, rounding);
  return shift(shift(value, scale).toDecimalPlaces(0, rounding), -scale);
}

function shift(value: Decimal, exponent: number): Decimal {
  return new Decimal(`${value.toFixed()}e${exponent}`);
}

/** ksqlDB's ROUND: half away from zero for positive values, half toward zero for others. */
export function roundHalfPositive(value: Decimal, scale: number): Decimal {
  return setScale(value, scale, value.gt(0) ? Rounding.HALF_UP : Rounding.HALF_DOWN);
}
