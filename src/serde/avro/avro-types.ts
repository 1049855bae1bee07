/**
 * avsc types for Avro schemas, made once per schema text and cached: longs are read and written
 * as JavaScript bigints (BIGINT's representation, exact beyond 2^53), unions are always wrapped
 * (`{"string": "x"}`) so that the branch a value was written with is known, and logical types are
 * left to streamsql's converters, which read the underlying int, long or bytes.
 */
import avsc from 'avsc';

/** An avsc type, as far as streamsql uses it. */
export interface AvroType {
  fromBuffer(buffer: Buffer): unknown;
  toBuffer(value: unknown): Buffer;
  isValid(value: unknown, opts?: { errorHook?: (path: string[], value: unknown) => void }): boolean;
  createResolver(writer: AvroType): unknown;
  clone(value: unknown, opts?: { wrapUnions?: boolean }): unknown;
}

/** A parsed Avro schema: a type name, or an object / union as in the schema's JSON. */
export type AvroSchema = string | AvroSchemaObject | readonly AvroSchema[];

export interface AvroSchemaObject {
  readonly type: AvroSchema;
  readonly name?: string;
  readonly namespace?: string;
  readonly fields?: readonly AvroField[];
  readonly items?: AvroSchema;
  readonly values?: AvroSchema;
  readonly symbols?: readonly string[];
  readonly size?: number;
  readonly logicalType?: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly [property: string]: unknown;
}

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly default?: unknown;
  readonly doc?: string;
}

const BigLong = avsc.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
  toBuffer: (n: bigint) => {
    const buf = Buffer.allocUnsafe(8);
    buf.writeBigInt64LE(n, 0);
    return buf;
  },
  fromJSON: (v: number | string | bigint) => BigInt(v),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const cache = new Map<string, AvroType>();

/** The avsc type of a schema (parsed JSON); throws avsc's error for an invalid schema. */
export function avroType(schema: AvroSchema, namedTypes: readonly AvroSchema[] = []): AvroType {
  const key = JSON.stringify([schema, namedTypes]);
  let type = cache.get(key);
  if (type === undefined) {
    const registry: Record<string, unknown> = { long: BigLong };
    // Longs are bigints everywhere, also `{"type": "long", "logicalType": …}` (logical types
    // are read from the schema by avro-read.ts / avro-write.ts, not by avsc).
    const typeHook = (s: unknown) =>
      s === 'long' ||
      (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long')
        ? BigLong
        : undefined;
    const opts = { registry, wrapUnions: true, typeHook } as never;
    for (const named of namedTypes) avsc.Type.forSchema(named as avsc.Schema, opts);
    type = avsc.Type.forSchema(schema as avsc.Schema, opts) as unknown as AvroType;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, type);
  }
  return type;
}

/** Parses schema text (JSON, or a bare primitive name); throws on invalid JSON. */
export function parseAvroSchema(text: string): AvroSchema {
  const trimmed = text.trim();
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(trimmed)) return trimmed;
  return JSON.parse(trimmed) as AvroSchema;
}

/** The type name of a schema node: `"int"`, `"record"`, `"union"` for a list. */
export function avroKind(schema: AvroSchema): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return 'union';
  const type = (schema as AvroSchemaObject).type;
  return typeof type === 'string' ? type : avroKind(type);
}

/** The object form of a schema node (a bare name becomes `{type: name}`). */
export function avroObject(schema: AvroSchema): AvroSchemaObject {
  if (typeof schema === 'string') return { type: schema };
  if (Array.isArray(schema)) return { type: schema };
  const obj = schema as AvroSchemaObject;
  return typeof obj.type === 'object' && !Array.isArray(obj.type)
    ? { ...(obj.type as AvroSchemaObject), ...withoutType(obj) }
    : obj;
}

function withoutType(obj: AvroSchemaObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.type;
  return rest;
}

/** The full name of a named type, as Avro resolves it against the enclosing namespace. */
export function avroFullName(schema: AvroSchemaObject, namespace?: string): string | undefined {
  const name = schema.name;
  if (name === undefined) return undefined;
  if (name.includes('.')) return name;
  const ns = schema.namespace ?? namespace;
  return ns ? `${ns}.${name}` : name;
}

/**
 * The key avsc uses for a union branch when unions are wrapped: the full name of a named type,
 * else the type name (`"string"`, `"array"`, `"map"`).
 */
export function unionBranchName(branch: AvroSchema, namespace?: string): string {
  const kind = avroKind(branch);
  if (kind === 'record' || kind === 'enum' || kind === 'fixed' || kind === 'error') {
    return avroFullName(avroObject(branch), namespace) ?? kind;
  }
  if (typeof branch === 'string' && !PRIMITIVES.has(branch)) {
    return branch.includes('.') || !namespace ? branch : `${namespace}.${branch}`;
  }
  return kind;
}

export const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);
