/**
 * Avro data (as avsc decodes it with the writer's schema: unions wrapped, longs as bigints) to SQL
 * values of a column's type, as ksqlDB reads it through Connect: record fields are matched to
 * STRUCT fields by name (exactly, then ignoring case; absent ones are null), ints widen to BIGINT
 * and DOUBLE, any primitive reads as STRING by its text, enums as their symbol, decimals are
 * fitted to the column's precision and scale, logical dates and times become DATE, TIME and
 * TIMESTAMP. One reader function is compiled per writer schema and column type.
 */
import { Decimal } from '../../common/decimal.js';
import type { SqlType, StructField } from '../../common/sql-types.js';
import { fitDecimal } from '../decimal-fit.js';
import { FieldError } from '../field-error.js';
import { parseBigDecimal } from '../java/decimal-text.js';
import { javaDoubleToString } from '../java/double-text.js';
import { sqlTypeText } from '../type-text.js';
import { AvroNames, innerNamespace } from './avro-names.js';
import { unionFieldName } from './avro-to-sql.js';
import { avroKind, avroObject, unionBranchName, type AvroSchema } from './avro-types.js';
import { bytesToDecimal } from './decimal-bytes.js';

/** Reads one decoded Avro value; null stays null. */
export type AvroReader = (value: unknown) => unknown;

export function avroReaderFor(
  writer: AvroSchema,
  target: SqlType,
  names: AvroNames,
  namespace?: string,
): AvroReader {
  const { node, namespace: ns } = names.resolve(writer, namespace);
  if (Array.isArray(node)) return unionReader(node, ns, target, names);
  const obj = avroObject(node);
  const kind = avroKind(obj);
  if (kind === 'null') return () => null;
  const read = primitiveReader(kind, obj.logicalType, obj.scale ?? 0, target);
  if (read) return nullSafe(read);
  switch (target.base) {
    case 'ARRAY': {
      if (kind !== 'array') break;
      const item = avroReaderFor(obj.items!, target.items, names, ns);
      return nullSafe((v) => (v as unknown[]).map(item));
    }
    case 'MAP': {
      if (kind === 'map') {
        const value = avroReaderFor(obj.values!, target.value, names, ns);
        return nullSafe((v) => {
          const out = new Map<string, unknown>();
          for (const [k, item] of Object.entries(v as Record<string, unknown>))
            out.set(k, value(item));
          return out;
        });
      }
      break;
    }
    case 'STRUCT':
      if (kind === 'record' || kind === 'error') {
        return nullSafe(
          recordReader(obj.fields ?? [], target.fields, names, innerNamespace(obj, ns)),
        );
      }
      break;
    case 'STRING':
      return nullSafe((v) =>
        JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)),
      );
    default:
      break;
  }
  return mismatch(kind, target);
}

function nullSafe(read: AvroReader): AvroReader {
  return (v) => (v === null || v === undefined ? null : read(v));
}

function mismatch(kind: string, target: SqlType): AvroReader {
  return () => {
    throw new FieldError(`Cannot deserialize type ${kind} as type ${sqlTypeText(target)}`);
  };
}

const MILLIS_PER_DAY = 86_400_000;

function primitiveReader(
  kind: string,
  logical: string | undefined,
  scale: number,
  target: SqlType,
): AvroReader | undefined {
  const isDecimal = logical === 'decimal' && (kind === 'bytes' || kind === 'fixed');
  switch (target.base) {
    case 'BOOLEAN':
      return kind === 'boolean' ? (v) => v : undefined;
    case 'INTEGER':
      return kind === 'int' ? (v) => v : undefined;
    case 'BIGINT':
      if (kind === 'long') return (v) => v;
      if (kind === 'int') return (v) => BigInt(v as number);
      return undefined;
    case 'DOUBLE':
      if (kind === 'float' || kind === 'double' || kind === 'int') return (v) => v;
      if (kind === 'long') return (v) => Number(v as bigint);
      return undefined;
    case 'STRING':
      if (kind === 'string' || kind === 'enum') return (v) => v;
      if (kind === 'float' || kind === 'double') return (v) => javaDoubleToString(v as number);
      if (kind === 'int' || kind === 'long' || kind === 'boolean') return (v) => String(v);
      if (isDecimal) return (v) => bytesToDecimal(v as Buffer, scale).toFixed(scale);
      return undefined;
    case 'BYTES':
      return kind === 'bytes' || kind === 'fixed' ? (v) => Buffer.from(v as Buffer) : undefined;
    case 'DECIMAL': {
      const { precision, scale: targetScale } = target;
      const fit = (d: Decimal): Decimal => {
        const parts = parseBigDecimal(d.toFixed(Math.max(scale, 0)));
        return fitDecimal(parts!, precision, targetScale);
      };
      if (isDecimal) return (v) => fit(bytesToDecimal(v as Buffer, scale));
      if (kind === 'int' || kind === 'long') return (v) => fit(new Decimal(String(v)));
      return undefined;
    }
    case 'TIMESTAMP':
      if (kind === 'long') {
        return logical === 'timestamp-micros'
          ? (v) => Number((v as bigint) / 1000n)
          : (v) => Number(v as bigint);
      }
      return undefined;
    case 'DATE':
      if (kind === 'int') return (v) => v;
      return undefined;
    case 'TIME':
      if (kind === 'int') return (v) => v;
      if (kind === 'long' && logical === 'time-micros') {
        return (v) => Number(((v as bigint) / 1000n) % BigInt(MILLIS_PER_DAY));
      }
      return undefined;
    default:
      return undefined;
  }
}

interface WriterField {
  readonly name: string;
  readonly type: AvroSchema;
}

/** Reads a record into the STRUCT's fields (or a row's columns), by name. */
export function recordReader(
  writerFields: readonly WriterField[],
  targetFields: readonly StructField[],
  names: AvroNames,
  namespace: string | undefined,
  asRow = false,
): AvroReader {
  const plan = targetFields.map((t) => {
    const w =
      writerFields.find((f) => f.name === t.name) ??
      writerFields.find((f) => f.name.toUpperCase() === t.name.toUpperCase());
    return {
      name: t.name,
      source: w?.name,
      read: w ? avroReaderFor(w.type, t.type, names, namespace) : undefined,
    };
  });
  return (v) => {
    const rec = v as Record<string, unknown>;
    const out: unknown[] | Record<string, unknown> = asRow ? new Array(plan.length) : {};
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i]!;
      let value: unknown = null;
      if (p.read) {
        try {
          value = p.read(rec[p.source!]);
        } catch (e) {
          throw atPath(e, `.${p.name}`);
        }
      }
      if (asRow) (out as unknown[])[i] = value;
      else (out as Record<string, unknown>)[p.name] = value;
    }
    return out;
  };
}

function unionReader(
  branches: readonly AvroSchema[],
  namespace: string | undefined,
  target: SqlType,
  names: AvroNames,
): AvroReader {
  const nonNull = branches.filter((b) => avroKind(b) !== 'null');
  const byBranch = new Map<string, AvroReader>();
  if (nonNull.length > 1 && target.base === 'STRUCT') {
    const plan = nonNull.map((b) => {
      const fieldName = unionFieldName(b, namespace);
      const field =
        target.fields.find((f) => f.name === fieldName) ??
        target.fields.find((f) => f.name.toUpperCase() === fieldName.toUpperCase());
      return {
        key: unionBranchName(b, namespace),
        field: field?.name,
        read: field ? avroReaderFor(b, field.type, names, namespace) : undefined,
      };
    });
    return (v) => {
      if (v === null || v === undefined) return null;
      const [key, inner] = Object.entries(v as Record<string, unknown>)[0]!;
      const out: Record<string, unknown> = {};
      for (const f of target.fields) out[f.name] = null;
      const p = plan.find((x) => x.key === key);
      if (p?.read) out[p.field!] = p.read(inner);
      return out;
    };
  }
  for (const b of nonNull)
    byBranch.set(unionBranchName(b, namespace), avroReaderFor(b, target, names, namespace));
  return (v) => {
    if (v === null || v === undefined) return null;
    const [key, inner] = Object.entries(v as Record<string, unknown>)[0]!;
    const read = byBranch.get(key);
    if (!read) throw new FieldError(`Unexpected union branch ${key}`);
    return read(inner);
  };
}

function atPath(e: unknown, part: string): unknown {
  if (e instanceof FieldError) e.path = part + e.path;
  return e;
}

export { AvroNames };
