/**
 * Group and table keys as strings, for in-memory maps and changelog keys: JSON with the SQL
 * values JSON cannot hold (BIGINT, DECIMAL, BYTES, MAP) tagged, so equal keys give equal strings
 * and keys survive a round trip through a changelog.
 */
import { Decimal } from '../../common/decimal.js';

export function encodeValues(values: readonly unknown[]): string {
  // Strings, numbers, booleans and nulls need no tags: the native stringify without a replacer
  // writes them exactly as the replacer would, and much faster.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && typeof v === 'object')
      return JSON.stringify(values, replacer);
    if (typeof v === 'bigint') return JSON.stringify(values, replacer);
  }
  return JSON.stringify(values);
}

export function decodeValues(text: string): unknown[] {
  // Tags are objects: text without a brace has none, and needs no reviver.
  if (!text.includes('{')) return JSON.parse(text) as unknown[];
  return JSON.parse(text, reviver) as unknown[];
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (typeof raw === 'bigint') return { $n: raw.toString() };
  if (Decimal.isDecimal(raw)) return { $d: (raw as Decimal).toString() };
  if (Buffer.isBuffer(raw)) return { $b: raw.toString('base64') };
  if (raw instanceof Map) return { $m: [...raw.entries()] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.$n === 'string') return BigInt(v.$n);
    if (typeof v.$d === 'string') return new Decimal(v.$d);
    if (typeof v.$b === 'string') return Buffer.from(v.$b, 'base64');
    if (Array.isArray(v.$m)) return new Map(v.$m as [unknown, unknown][]);
  }
  return value;
}
