/**
 * `Integer.parseInt` and `Long.parseLong` as ksqlDB's formats rely on them: an optional sign and
 * decimal digits, nothing else (no whitespace, no fraction), within the type's range.
 */

const INTEGER_SYNTAX = /^[+-]?\d+$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** `Integer.parseInt(s)`, or null where Java throws NumberFormatException. */
export function parseJavaInt(s: string): number | null {
  if (!INTEGER_SYNTAX.test(s)) return null;
  if (s.length <= 10) {
    const n = Number(s);
    return n >= INT_MIN && n <= INT_MAX ? n : null;
  }
  const big = BigInt(s);
  return big >= BigInt(INT_MIN) && big <= BigInt(INT_MAX) ? Number(big) : null;
}

/** `Long.parseLong(s)`, or null where Java throws NumberFormatException. */
export function parseJavaLong(s: string): bigint | null {
  if (!INTEGER_SYNTAX.test(s)) return null;
  const big = BigInt(s);
  return big >= LONG_MIN && big <= LONG_MAX ? big : null;
}

/** The message of the NumberFormatException both parsers throw. */
export function parseIntegerMessage(s: string): string {
  return `For input string: "${s}"`;
}
