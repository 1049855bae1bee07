/**
 * What the date/time built-ins share: their SHOW FUNCTIONS category, and the interval units of
 * DATEADD / TIMEADD / TIMESTAMPADD with java.util.concurrent.TimeUnit's conversions (truncating
 * towards zero, saturating at the 64-bit bounds).
 */
import { ExecutionError } from '../../common/errors.js';

export const DATE_TIME_CATEGORY = 'DATE / TIME';

export const MILLIS_PER_DAY = 86_400_000;

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Nanoseconds per unit, for the units java.util.concurrent.TimeUnit has. */
const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  NANOSECONDS: 1n,
  MICROSECONDS: 1_000n,
  MILLISECONDS: 1_000_000n,
  SECONDS: 1_000_000_000n,
  MINUTES: 60_000_000_000n,
  HOURS: 3_600_000_000_000n,
  DAYS: 86_400_000_000_000n,
};

function nanosPer(unit: string): bigint {
  const nanos = NANOS_PER_UNIT[unit];
  if (nanos === undefined) {
    throw new ExecutionError(
      `Unsupported time unit ${unit}: expected one of ${Object.keys(NANOS_PER_UNIT).join(', ')}`,
    );
  }
  return nanos;
}

function saturate(value: bigint): bigint {
  if (value > LONG_MAX) return LONG_MAX;
  if (value < LONG_MIN) return LONG_MIN;
  return value;
}

/** TimeUnit.toMillis(amount). */
export function unitToMillis(unit: string, amount: number): bigint {
  const nanos = nanosPer(unit);
  if (nanos >= 1_000_000n) return saturate(BigInt(amount) * (nanos / 1_000_000n));
  return BigInt(amount) / (1_000_000n / nanos);
}

/** TimeUnit.toNanos(amount). */
export function unitToNanos(unit: string, amount: number): bigint {
  return saturate(BigInt(amount) * nanosPer(unit));
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
