/**
 * SQL values to Avro data for avsc to encode with a target schema: the schema ksqlDB generates
 * for the columns, or a schema chosen by id (VALUE_SCHEMA_ID), whose record fields are filled from
 * the STRUCT fields (or columns) of the same name, ignoring case. As Connect's AvroData does, a
 * null for a field that is not optional takes the field's default, and a field without a value
 * and without a default fails the record. One writer function is compiled per schema and type.
 */
import type { Decimal } from '../../common/decimal.js';
import type { SqlType, StructField } from '../../common/sql-types.js';
import { FieldError } from '../field-error.js';
import { AvroNames, innerNamespace } from './avro-names.js';
import { avroKind, avroObject, avroType, unionBranchName, type AvroSchema } from './avro-types.js';
import { bigIntToBytes, decimalToBytes } from './decimal-bytes.js';

/** Converts one SQL value; throws FieldError when the schema cannot hold it. */
export type AvroWriter = (value: unknown) => unknown;

export function avroWriterFor(
  schema: AvroSchema,
  source: SqlType,
  names: AvroNames,
  namespace?: string,
): AvroWriter {
  const { node, namespace: ns } = names.resolve(schema, namespace);
  if (Array.isArray(node)) return unionWriter(node, ns, source, names);
  const obj = avroObject(node);
  const kind = avroKind(obj);
  const notNull =
    (write: AvroWriter): AvroWriter =>
    (v) => {
      if (v === null || v === undefined)
        throw new FieldError(`null value for non-optional ${kind}`);
      return write(v);
    };
  if (kind === 'null') {
    return (v) => {
      if (v !== null && v !== undefined) throw new FieldError('non-null value for null schema');
      return null;
    };
  }
  const primitive = primitiveWriter(kind, obj.logicalType, obj, source);
  if (primitive) return notNull(primitive);
  if (kind === 'array' && source.base === 'ARRAY') {
    const item = avroWriterFor(obj.items!, source.items, names, ns);
    return notNull((v) => (v as unknown[]).map(item));
  }
  if (kind === 'map' && source.base === 'MAP') {
    const value = avroWriterFor(obj.values!, source.value, names, ns);
    return notNull((v) => {
      const out: Record<string, unknown> = {};
      for (const [k, item] of v as Map<unknown, unknown>) out[String(k)] = value(item);
      return out;
    });
  }
  if ((kind === 'record' || kind === 'error') && source.base === 'STRUCT') {
    const write = recordWriter(obj.fields ?? [], source.fields, names, innerNamespace(obj, ns));
    return notNull((v) => write(v));
  }
  return () => {
    throw new FieldError(`Cannot serialize ${source.base} as Avro type ${kind}`);
  };
}

function primitiveWriter(
  kind: string,
  logical: string | undefined,
  obj: { readonly scale?: number; readonly size?: number; readonly symbols?: readonly string[] },
  source: SqlType,
): AvroWriter | undefined {
  switch (kind) {
    case 'boolean':
      return source.base === 'BOOLEAN' ? (v) => v : undefined;
    case 'int':
      return ['INTEGER', 'DATE', 'TIME'].includes(source.base) ? (v) => v : undefined;
    case 'long':
      if (source.base === 'BIGINT') return (v) => v;
      if (source.base === 'INTEGER') return (v) => BigInt(v as number);
      if (source.base === 'TIMESTAMP') {
        return logical === 'timestamp-micros'
          ? (v) => BigInt(v as number) * 1000n
          : (v) => BigInt(v as number);
      }
      return undefined;
    case 'float':
    case 'double':
      if (source.base === 'DOUBLE' || source.base === 'INTEGER') return (v) => v;
      if (source.base === 'BIGINT') return (v) => Number(v as bigint);
      return undefined;
    case 'string':
      return source.base === 'STRING' ? (v) => v : undefined;
    case 'enum':
      if (source.base !== 'STRING') return undefined;
      return (v) => {
        if (!obj.symbols?.includes(v as string))
          throw new FieldError(`Unknown enum symbol: ${String(v)}`);
        return v;
      };
    case 'bytes':
    case 'fixed': {
      const fixedSize = kind === 'fixed' ? obj.size : undefined;
      const sized = (b: Buffer): Buffer => {
        if (fixedSize === undefined || b.length === fixedSize) return b;
        if (b.length > fixedSize) throw new FieldError(`Value too large for fixed(${fixedSize})`);
        const pad = Buffer.alloc(fixedSize, (b[0]! & 0x80) !== 0 ? 0xff : 0);
        b.copy(pad, fixedSize - b.length);
        return pad;
      };
      if (logical === 'decimal' && source.base === 'DECIMAL') {
        const scale = obj.scale ?? 0;
        return (v) => sized(decimalToBytes(v as Decimal, scale));
      }
      if (logical === 'decimal' && (source.base === 'INTEGER' || source.base === 'BIGINT')) {
        const factor = 10n ** BigInt(obj.scale ?? 0);
        return (v) => sized(bigIntToBytes(BigInt(v as number | bigint) * factor));
      }
      return source.base === 'BYTES' ? (v) => sized(v as Buffer) : undefined;
    }
    default:
      return undefined;
  }
}

interface TargetField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly default?: unknown;
}

/**
 * Builds record data for `targetFields` from a STRUCT value (or, with `asRow`, from a row of
 * columns) whose fields are `sourceFields`.
 */
export function recordWriter(
  targetFields: readonly TargetField[],
  sourceFields: readonly StructField[],
  names: AvroNames,
  namespace: string | undefined,
  asRow = false,
): AvroWriter {
  const plan = targetFields.map((t) => {
    let index = sourceFields.findIndex((f) => f.name === t.name);
    if (index < 0)
      index = sourceFields.findIndex((f) => f.name.toUpperCase() === t.name.toUpperCase());
    const source = index < 0 ? undefined : sourceFields[index]!;
    const hasDefault = Object.hasOwn(t, 'default');
    return {
      name: t.name,
      sourceName: source?.name,
      index,
      write: source ? avroWriterFor(t.type, source.type, names, namespace) : undefined,
      fallback: hasDefault ? defaultValue(t.type, t.default, names, namespace) : NO_DEFAULT,
    };
  });
  return (v) => {
    const out: Record<string, unknown> = {};
    for (const p of plan) {
      const value =
        p.index < 0
          ? null
          : asRow
            ? (v as unknown[])[p.index]
            : (v as Record<string, unknown>)[p.sourceName!];
      try {
        if ((value === null || value === undefined) && p.fallback !== NO_DEFAULT) {
          out[p.name] = p.write ? tryNull(p.write, p.fallback) : p.fallback;
        } else if (p.write) {
          out[p.name] = p.write(value ?? null);
        } else {
          throw new FieldError(`Missing value for field without default: ${p.name}`);
        }
      } catch (e) {
        if (e instanceof FieldError) e.path = `.${p.name}${e.path}`;
        throw e;
      }
    }
    return out;
  };
}

const NO_DEFAULT = Symbol('no default');

/** A null written as null when the schema allows it, else the default. */
function tryNull(write: AvroWriter, fallback: unknown): unknown {
  try {
    return write(null);
  } catch {
    return fallback;
  }
}

/** A field's JSON default as avsc data (a union default belongs to its first branch). */
function defaultValue(
  schema: AvroSchema,
  json: unknown,
  names: AvroNames,
  namespace: string | undefined,
): unknown {
  const { node, namespace: ns } = names.resolve(schema, namespace);
  if (Array.isArray(node)) {
    const first = node[0]!;
    if (avroKind(first) === 'null') return null;
    return { [unionBranchName(first, ns)]: defaultValue(first, json, names, ns) };
  }
  const kind = avroKind(node);
  if (kind === 'long') return BigInt(json as number);
  if (kind === 'bytes' || kind === 'fixed') return Buffer.from(String(json), 'latin1');
  if (kind === 'record' || kind === 'map' || kind === 'array') {
    return avroType(node, []).clone(json, { wrapUnions: true });
  }
  return json;
}

function unionWriter(
  branches: readonly AvroSchema[],
  namespace: string | undefined,
  source: SqlType,
  names: AvroNames,
): AvroWriter {
  const hasNull = branches.some((b) => avroKind(b) === 'null');
  const candidates = branches
    .filter((b) => avroKind(b) !== 'null')
    .map((b) => ({
      key: unionBranchName(b, namespace),
      write: avroWriterFor(b, source, names, namespace),
    }));
  return (v) => {
    if (v === null || v === undefined) {
      if (hasNull) return null;
      throw new FieldError('null value for a union without null');
    }
    let last: unknown;
    for (const c of candidates) {
      try {
        return { [c.key]: c.write(v) };
      } catch (e) {
        last = e;
      }
    }
    throw last instanceof FieldError ? last : new FieldError(`No union branch for ${source.base}`);
  };
}
