/**
 * Plans as JSON for the command topic: SQL values that JSON cannot hold (BIGINT, DECIMAL,
 * BYTES, MAP) are tagged on the way out and restored on the way in.
 */
import { Decimal } from '../common/decimal.js';

export function encodePlan(plan: unknown): string {
  return JSON.stringify(plan, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (Decimal.isDecimal(raw)) return { $decimal: (raw as Decimal).toString() };
    if (Buffer.isBuffer(raw)) return { $bytes: raw.toString('base64') };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return value;
  });
}

export function decodePlan<T>(json: string): T {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      if (typeof v.$bigint === 'string') return BigInt(v.$bigint);
      if (typeof v.$decimal === 'string') return new Decimal(v.$decimal);
      if (typeof v.$bytes === 'string') return Buffer.from(v.$bytes, 'base64');
      if (Array.isArray(v.$map)) return new Map(v.$map as [unknown, unknown][]);
    }
    return value;
  }) as T;
}
