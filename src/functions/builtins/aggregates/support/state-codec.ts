/**
 * SQL values inside accumulators, to and from JSON, so that state stores and changelogs can hold
 * them. The encoding describes itself, so it needs no type: values JSON cannot carry are wrapped
 * in a one-key object (`$i` BIGINT, `$d` DECIMAL, `$b` BYTES as base64, `$f` a non-finite or
 * negative-zero DOUBLE, `$m` a MAP as entry pairs, `$s` a STRUCT's fields).
 */
import { Decimal } from './decimal.js';
import { InternalError } from '../../../../common/errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function encodeValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (Object.is(value, -0)) return { $f: '-0' };
      return Number.isFinite(value) ? value : { $f: String(value) };
    case 'bigint':
      return { $i: value.toString() };
    case 'object':
      return encodeObject(value);
    default:
      throw new InternalError(`cannot store a ${typeof value} in aggregate state`);
  }
}

function encodeObject(value: object): Json {
  if (Decimal.isDecimal(value)) return { $d: value.toFixed() };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Map) {
    return { $m: [...value].map(([k, v]: [unknown, unknown]) => [encodeValue(k), encodeValue(v)]) };
  }
  const fields: { [key: string]: Json } = {};
  for (const [name, field] of Object.entries(value)) fields[name] = encodeValue(field);
  return { $s: fields };
}

export function decodeValue(json: unknown): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  const tagged = json as Record<string, unknown>;
  if ('$i' in tagged) return BigInt(tagged.$i as string);
  if ('$d' in tagged) return new Decimal(tagged.$d as string);
  if ('$b' in tagged) return Buffer.from(tagged.$b as string, 'base64');
  if ('$f' in tagged) return Number(tagged.$f);
  if ('$m' in tagged) {
    const entries = tagged.$m as [unknown, unknown][];
    return new Map(entries.map(([k, v]) => [decodeValue(k), decodeValue(v)]));
  }
  if ('$s' in tagged) {
    const fields: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(tagged.$s as object)) {
      fields[name] = decodeValue(field);
    }
    return fields;
  }
  throw new InternalError(`unreadable aggregate state ${JSON.stringify(json)}`);
}
