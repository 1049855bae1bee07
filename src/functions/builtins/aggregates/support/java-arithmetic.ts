/**
 * Java's integer and floating-point rules, which ksqlDB's aggregates inherit: INT arithmetic
 * wraps at 32 bits, BIGINT at 64 bits, and `Double.compare` orders -0.0 before 0.0 and NaN last.
 */

export function intAdd(a: number, b: number): number {
  return (a + b) | 0;
}

export function intSub(a: number, b: number): number {
  return (a - b) | 0;
}

export function longWrap(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

export function longAdd(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a + b);
}

export function longSub(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a - b);
}

/** `Double.compare`: numeric order, except -0.0 < 0.0 and NaN equal to itself and above all. */
export function javaDoubleCompare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  const aNeg = Object.is(a, -0);
  const bNeg = Object.is(b, -0);
  return aNeg === bNeg ? 0 : aNeg ? -1 : 1;
}

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** `Math.round(double)`: half up, NaN to 0, saturating at the long range. */
export function javaRound(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  const rounded = Math.floor(value + 0.5);
  if (rounded >= 2 ** 63) return LONG_MAX;
  if (rounded < -(2 ** 63)) return LONG_MIN;
  return BigInt(rounded);
}
