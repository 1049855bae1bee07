/**
 * SQL values to the plain objects protobufjs encodes for a message type: fields are filled from
 * the columns (or STRUCT fields) of the same name, ignoring case, and left unset when the value is
 * null or, for proto3 scalars without presence, their default (as Java's Protobuf leaves them, so
 * that the bytes are the same); enums by name, BIGINT as decimal text, TIMESTAMP, DATE, TIME and
 * DECIMAL as their well-known messages. Writers are compiled once per message type and columns.
 */
import type { Decimal } from '../../common/decimal.js';
import type { SqlType, StructField } from '../../common/sql-types.js';
import { decimalToBytes } from '../avro/decimal-bytes.js';
import { FieldError } from '../field-error.js';
import { fieldKind, hasPresence, LONG_SCALARS, type FieldKind } from './proto-fields.js';
import { fieldMetaParams, type ProtoField, type ProtoType } from './proto-parse.js';

export type ProtoWriter = (value: unknown) => unknown;

type Obj = Record<string, unknown>;

const SKIP = Symbol('skip');

/** Builds message data from a STRUCT value (or, with `asRow`, a row of `sources` columns). */
export function messageWriter(
  type: ProtoType,
  sources: readonly StructField[],
  asRow = false,
): (value: unknown) => Obj {
  const plan = type.fieldsArray.flatMap((field) => {
    let index = sources.findIndex((s) => s.name === field.name);
    if (index < 0)
      index = sources.findIndex((s) => s.name.toUpperCase() === field.name.toUpperCase());
    if (index < 0) return [];
    const source = sources[index]!;
    return [
      { name: field.name, index, sourceName: source.name, write: fieldWriter(field, source.type) },
    ];
  });
  return (v) => {
    const out: Obj = {};
    for (const p of plan) {
      const value = asRow ? (v as unknown[])[p.index] : (v as Obj)[p.sourceName];
      if (value === null || value === undefined) continue;
      try {
        const written = p.write(value);
        if (written !== SKIP) out[p.name] = written;
      } catch (e) {
        if (e instanceof FieldError) e.path = `.${p.name}${e.path}`;
        throw e;
      }
    }
    return out;
  };
}

function fieldWriter(field: ProtoField, source: SqlType): ProtoWriter {
  const kind = fieldKind(field);
  if (field.map) {
    if (source.base !== 'MAP') return mismatch(source, field);
    const value = elementWriter(field, kind, source.value);
    return (v) => {
      const out: Obj = {};
      for (const [k, item] of v as Map<unknown, unknown>) {
        const w = item === null ? defaultElement(kind) : value(item);
        out[String(k)] = w === SKIP ? defaultElement(kind) : w;
      }
      return Object.keys(out).length === 0 ? SKIP : out;
    };
  }
  if (field.repeated) {
    if (source.base !== 'ARRAY') return mismatch(source, field);
    const item = elementWriter(field, kind, source.items);
    return (v) => {
      const items = (v as unknown[]).map((x) => {
        const w = x === null ? defaultElement(kind) : item(x);
        return w === SKIP ? defaultElement(kind) : w;
      });
      return items.length === 0 ? SKIP : items;
    };
  }
  const write = elementWriter(field, kind, source);
  if (hasPresence(field)) return (v) => (write(v) === SKIP ? defaultElement(kind) : write(v));
  return write;
}

function defaultElement(kind: FieldKind): unknown {
  if (kind.kind === 'enum') return 0;
  if (kind.kind !== 'scalar') return {};
  switch (kind.scalar) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    default:
      return 0;
  }
}

function mismatch(source: SqlType, field: ProtoField): ProtoWriter {
  return () => {
    throw new FieldError(
      `Cannot serialize ${source.base} as Protobuf field ${field.name} (${field.type})`,
    );
  };
}

function elementWriter(field: ProtoField, kind: FieldKind, source: SqlType): ProtoWriter {
  switch (kind.kind) {
    case 'scalar':
      return scalarWriter(kind.scalar, source, true) ?? mismatch(source, field);
    case 'wrapper': {
      const write = scalarWriter(kind.scalar, source, false) ?? mismatch(source, field);
      return (v) => ({ value: write(v) });
    }
    case 'enum':
      if (source.base !== 'STRING') return mismatch(source, field);
      return (v) => {
        const n = kind.enumType.values[v as string];
        if (n === undefined) throw new FieldError(`Unknown enum symbol: ${String(v)}`);
        return n === 0 ? SKIP : v;
      };
    case 'timestamp':
      if (source.base !== 'TIMESTAMP') return mismatch(source, field);
      return (v) => {
        const ms = v as number;
        const seconds = Math.floor(ms / 1000);
        return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
      };
    case 'date':
      if (source.base !== 'DATE') return mismatch(source, field);
      return (v) => {
        const d = new Date((v as number) * 86_400_000);
        return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      };
    case 'time':
      if (source.base !== 'TIME') return mismatch(source, field);
      return (v) => {
        const ms = v as number;
        return {
          hours: Math.floor(ms / 3_600_000),
          minutes: Math.floor(ms / 60_000) % 60,
          seconds: Math.floor(ms / 1000) % 60,
          nanos: (ms % 1000) * 1_000_000,
        };
      };
    case 'decimal': {
      if (source.base !== 'DECIMAL') return mismatch(source, field);
      const params = fieldMetaParams(field);
      const scale = Number(params.get('scale') ?? source.scale);
      const precision = Number(params.get('precision') ?? source.precision);
      return (v) => ({ value: decimalToBytes(v as Decimal, scale), precision, scale });
    }
    case 'message': {
      if (source.base !== 'STRUCT') return mismatch(source, field);
      return messageWriter(kind.message, source.fields);
    }
  }
}

/** A scalar's value for protobufjs; SKIP for a proto3 default when `skipDefaults`. */
function scalarWriter(
  scalar: string,
  source: SqlType,
  skipDefaults: boolean,
): ProtoWriter | undefined {
  const skip = (isDefault: (v: unknown) => boolean, write: ProtoWriter): ProtoWriter =>
    skipDefaults ? (v) => (isDefault(v) ? SKIP : write(v)) : write;
  const isLong = LONG_SCALARS.has(scalar);
  switch (source.base) {
    case 'BOOLEAN':
      return scalar === 'bool'
        ? skip(
            (v) => v === false,
            (v) => v,
          )
        : undefined;
    case 'INTEGER':
    case 'DATE':
    case 'TIME':
      if (scalar === 'float' || scalar === 'double')
        return skip(
          (v) => v === 0,
          (v) => v,
        );
      if (scalar === 'string' || scalar === 'bool' || scalar === 'bytes') return undefined;
      return skip(
        (v) => v === 0,
        (v) => (isLong ? String(v) : v),
      );
    case 'BIGINT':
    case 'TIMESTAMP':
      if (scalar === 'float' || scalar === 'double')
        return skip(
          (v) => Number(v) === 0,
          (v) => Number(v),
        );
      if (!isLong && !['int32', 'sint32', 'sfixed32', 'uint32', 'fixed32'].includes(scalar))
        return undefined;
      return skip(
        (v) => BigInt(v as bigint | number) === 0n,
        (v) => (isLong ? String(v) : Number(v)),
      );
    case 'DOUBLE':
      return scalar === 'double' || scalar === 'float'
        ? skip(
            (v) => v === 0 && !Object.is(v, -0),
            (v) => v,
          )
        : undefined;
    case 'STRING':
      return scalar === 'string'
        ? skip(
            (v) => v === '',
            (v) => v,
          )
        : undefined;
    case 'BYTES':
      return scalar === 'bytes'
        ? skip(
            (v) => (v as Buffer).length === 0,
            (v) => v,
          )
        : undefined;
    default:
      return undefined;
  }
}
