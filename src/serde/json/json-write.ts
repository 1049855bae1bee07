/**
 * SQL values to JSON text as ksqlDB writes them (Kafka Connect's JsonConverter with
 * `decimal.format=NUMERIC`, through Jackson): DOUBLE as Java's Double.toString (`10.0`, `1.0E7`,
 * `"NaN"` quoted), DECIMAL as a number at the column's scale in BigDecimal.toString form (`10.10`,
 * `0E-8`), BYTES as base64, TIMESTAMP / TIME / DATE as their epoch numbers, MAP as an object,
 * STRUCT as an object with its declared field names in order, nulls included.
 */
import type { SqlType } from '../../common/sql-types.js';
import { decimalParts } from '../decimal-fit.js';
import { bigDecimalToString } from '../java/decimal-text.js';
import { javaDoubleToString } from '../java/double-text.js';
import { quoteJson } from './json-text.js';

/** Writes one value; null and undefined write `null`. */
export type JsonWriter = (value: unknown) => string;

export function jsonWriterFor(type: SqlType): JsonWriter {
  switch (type.base) {
    case 'BOOLEAN':
      return (v) => (v === null || v === undefined ? 'null' : v ? 'true' : 'false');
    case 'INTEGER':
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'TIME':
    case 'DATE':
      return writeInteger;
    case 'DOUBLE':
      return writeDouble;
    case 'STRING':
      return (v) => (v === null || v === undefined ? 'null' : quoteJson(v as string));
    case 'DECIMAL': {
      const scale = type.scale;
      return (v) =>
        v === null || v === undefined
          ? 'null'
          : bigDecimalToString(decimalParts(v as { toFixed(dp: number): string }, scale));
    }
    case 'BYTES':
      return (v) =>
        v === null || v === undefined ? 'null' : `"${(v as Buffer).toString('base64')}"`;
    case 'ARRAY':
      return arrayWriter(jsonWriterFor(type.items));
    case 'MAP':
      return mapWriter(jsonWriterFor(type.value));
    case 'STRUCT':
      return structWriter(
        type.fields.map((f) => f.name),
        type.fields.map((f) => jsonWriterFor(f.type)),
      );
  }
}

function writeInteger(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return String(v as number | bigint);
}

function writeDouble(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const d = v as number;
  return Number.isFinite(d) ? javaDoubleToString(d) : `"${javaDoubleToString(d)}"`;
}

function arrayWriter(item: JsonWriter): JsonWriter {
  return (v) => {
    if (v === null || v === undefined) return 'null';
    const items = v as readonly unknown[];
    let out = '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out += ',';
      out += item(items[i]);
    }
    return `${out}]`;
  };
}

function mapWriter(value: JsonWriter): JsonWriter {
  return (v) => {
    if (v === null || v === undefined) return 'null';
    let out = '{';
    let first = true;
    for (const [k, item] of v as ReadonlyMap<unknown, unknown>) {
      if (!first) out += ',';
      first = false;
      out += `${quoteJson(String(k))}:${value(item)}`;
    }
    return `${out}}`;
  };
}

/** Writes objects with `names` in order, each through the writer at the same index. */
export function structWriter(names: readonly string[], writers: readonly JsonWriter[]): JsonWriter {
  const prefixes = names.map((n, i) => `${i === 0 ? '' : ','}${quoteJson(n)}:`);
  return (v) => {
    if (v === null || v === undefined) return 'null';
    const obj = v as Readonly<Record<string, unknown>>;
    let out = '{';
    for (let i = 0; i < names.length; i++) {
      out += prefixes[i]! + writers[i]!(Object.hasOwn(obj, names[i]!) ? obj[names[i]!] : null);
    }
    return `${out}}`;
  };
}
