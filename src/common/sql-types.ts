/**
 * SQL types, as ksqlDB's SqlBaseType names them, and how values of each type are held in rows.
 *
 * Runtime representation (every layer relies on it):
 * | type          | JavaScript value                                  |
 * | BOOLEAN       | boolean                                           |
 * | INTEGER       | number (a 32-bit integer; arithmetic wraps as Java's int) |
 * | BIGINT        | bigint (64-bit; arithmetic wraps as Java's long)  |
 * | DOUBLE        | number                                            |
 * | DECIMAL(p,s)  | Decimal from decimal.js, already rounded to scale s |
 * | STRING        | string                                            |
 * | BYTES         | Buffer                                            |
 * | TIMESTAMP     | number, milliseconds since the epoch (UTC)        |
 * | DATE          | number, days since the epoch                      |
 * | TIME          | number, milliseconds since midnight               |
 * | ARRAY<T>      | Array of T (elements may be null)                 |
 * | MAP<K,V>      | Map<K, V>                                         |
 * | STRUCT<…>     | plain object keyed by field name, in field order  |
 * SQL NULL is `null` everywhere (never `undefined`).
 */

export type SqlType =
  | { readonly base: 'BOOLEAN' }
  | { readonly base: 'INTEGER' }
  | { readonly base: 'BIGINT' }
  | { readonly base: 'DOUBLE' }
  | { readonly base: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly base: 'STRING' }
  | { readonly base: 'BYTES' }
  | { readonly base: 'TIMESTAMP' }
  | { readonly base: 'DATE' }
  | { readonly base: 'TIME' }
  | { readonly base: 'ARRAY'; readonly items: SqlType }
  | { readonly base: 'MAP'; readonly key: SqlType; readonly value: SqlType }
  | { readonly base: 'STRUCT'; readonly fields: readonly StructField[] };

export type SqlBaseType = SqlType['base'];

export interface StructField {
  readonly name: string;
  readonly type: SqlType;
}

export const BOOLEAN: SqlType = { base: 'BOOLEAN' };
export const INTEGER: SqlType = { base: 'INTEGER' };
export const BIGINT: SqlType = { base: 'BIGINT' };
export const DOUBLE: SqlType = { base: 'DOUBLE' };
export const STRING: SqlType = { base: 'STRING' };
export const BYTES: SqlType = { base: 'BYTES' };
export const TIMESTAMP: SqlType = { base: 'TIMESTAMP' };
export const DATE: SqlType = { base: 'DATE' };
export const TIME: SqlType = { base: 'TIME' };

export function decimalType(precision: number, scale: number): SqlType {
  return { base: 'DECIMAL', precision, scale };
}
export function arrayType(items: SqlType): SqlType {
  return { base: 'ARRAY', items };
}
export function mapType(key: SqlType, value: SqlType): SqlType {
  return { base: 'MAP', key, value };
}
export function structType(fields: readonly StructField[]): SqlType {
  return { base: 'STRUCT', fields };
}

/** Renders a type as ksqlDB prints it in DESCRIBE and schemas: `ARRAY<STRING>`, `DECIMAL(4, 2)`. */
/** A type as ksqlDB prints it; `quoteFields` backquotes every struct field (its escaped form). */
export function formatType(type: SqlType, quoteFields = false): string {
  const f = (t: SqlType): string => formatType(t, quoteFields);
  switch (type.base) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ARRAY':
      return `ARRAY<${f(type.items)}>`;
    case 'MAP':
      return `MAP<${f(type.key)}, ${f(type.value)}>`;
    case 'STRUCT':
      return `STRUCT<${type.fields.map((x) => `${quoteFields ? `\`${x.name}\`` : quoteIfNeeded(x.name)} ${f(x.type)}`).join(', ')}>`;
    default:
      return type.base;
  }
}

function quoteIfNeeded(name: string): string {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

export function typesEqual(a: SqlType, b: SqlType): boolean {
  if (a.base !== b.base) return false;
  switch (a.base) {
    case 'DECIMAL': {
      const d = b as typeof a;
      return a.precision === d.precision && a.scale === d.scale;
    }
    case 'ARRAY':
      return typesEqual(a.items, (b as typeof a).items);
    case 'MAP': {
      const m = b as typeof a;
      return typesEqual(a.key, m.key) && typesEqual(a.value, m.value);
    }
    case 'STRUCT': {
      const s = b as typeof a;
      return (
        a.fields.length === s.fields.length &&
        a.fields.every(
          (f, i) => f.name === s.fields[i]!.name && typesEqual(f.type, s.fields[i]!.type),
        )
      );
    }
    default:
      return true;
  }
}

export function isNumeric(type: SqlType): boolean {
  return (
    type.base === 'INTEGER' ||
    type.base === 'BIGINT' ||
    type.base === 'DOUBLE' ||
    type.base === 'DECIMAL'
  );
}

export function isPrimitive(type: SqlType): boolean {
  return type.base !== 'ARRAY' && type.base !== 'MAP' && type.base !== 'STRUCT';
}
