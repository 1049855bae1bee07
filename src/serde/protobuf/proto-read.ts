/**
 * Decoded Protobuf messages (protobufjs) to SQL values, as ksqlDB reads them through Connect's
 * ProtobufData: fields are matched to columns by name (exactly, then ignoring case); an unset
 * scalar without presence reads as its default (0, false, "", the first enum value), an unset
 * message, wrapper or `optional` scalar as null, an unset repeated or map field as empty; enums
 * read as their names, 64-bit integers as BIGINT, and Timestamp, Date, TimeOfDay and Decimal as
 * TIMESTAMP, DATE, TIME and DECIMAL. Readers are compiled once per message type and columns.
 */
import { Decimal } from '../../common/decimal.js';
import type { SqlType, StructField } from '../../common/sql-types.js';
import { bytesToDecimal } from '../avro/decimal-bytes.js';
import { fitDecimal } from '../decimal-fit.js';
import { FieldError } from '../field-error.js';
import { parseBigDecimal } from '../java/decimal-text.js';
import { javaDoubleToString } from '../java/double-text.js';
import { sqlTypeText } from '../type-text.js';
import {
  fieldKind,
  hasPresence,
  LONG_SCALARS,
  realOneofs,
  type FieldKind,
} from './proto-fields.js';
import type { ProtoField, ProtoType } from './proto-parse.js';

export type ProtoReader = (value: unknown) => unknown;

type Message = Record<string, unknown>;

/** Reads a message into the STRUCT's fields (or, with `asRow`, into a row of columns). */
export function messageReader(
  type: ProtoType,
  targets: readonly StructField[],
  asRow = false,
): (message: Message) => unknown[] | Record<string, unknown> {
  const oneofs = realOneofs(type);
  const plan = targets.map((t) => {
    const find = <T extends { name: string }>(xs: readonly T[]): T | undefined =>
      xs.find((x) => x.name === t.name) ??
      xs.find((x) => x.name.toUpperCase() === t.name.toUpperCase());
    const field = find(type.fieldsArray);
    if (field) return { name: t.name, read: fieldReader(field, t.type) };
    const oneof = find(oneofs);
    if (oneof && t.type.base === 'STRUCT') {
      const read = messageReader(
        { fieldsArray: oneof.fieldsArray, oneofsArray: [] } as unknown as ProtoType,
        t.type.fields,
      );
      return { name: t.name, read: (m: Message) => read(m) };
    }
    return { name: t.name, read: undefined };
  });
  return (m) => {
    const out: unknown[] | Record<string, unknown> = asRow ? new Array(plan.length) : {};
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i]!;
      let value: unknown = null;
      if (p.read) {
        try {
          value = p.read(m);
        } catch (e) {
          if (e instanceof FieldError) e.path = `.${p.name}${e.path}`;
          throw e;
        }
      }
      if (asRow) (out as unknown[])[i] = value;
      else (out as Record<string, unknown>)[p.name] = value;
    }
    return out;
  };
}

/** Reads one field of a message. */
function fieldReader(field: ProtoField, target: SqlType): (m: Message) => unknown {
  const name = field.name;
  const kind = fieldKind(field);
  if (field.map) {
    if (target.base !== 'MAP') return mismatch(`map<${field.type}>`, target);
    const value = elementReader(field, kind, target.value);
    return (m) => {
      const out = new Map<string, unknown>();
      const raw = m[name] as Record<string, unknown> | undefined;
      if (raw) for (const [k, v] of Object.entries(raw)) out.set(k, value(v));
      return out;
    };
  }
  if (field.repeated) {
    if (target.base !== 'ARRAY') return mismatch(`repeated ${field.type}`, target);
    const item = elementReader(field, kind, target.items);
    return (m) => ((m[name] as unknown[] | undefined) ?? []).map(item);
  }
  const read = elementReader(field, kind, target);
  if (hasPresence(field)) {
    return (m) => (Object.hasOwn(m, name) && m[name] !== null ? read(m[name]) : null);
  }
  const fallback = defaultOf(kind);
  return (m) => read(Object.hasOwn(m, name) && m[name] !== null ? m[name] : fallback);
}

function defaultOf(kind: FieldKind): unknown {
  if (kind.kind === 'enum')
    return kind.enumType.valuesById[0] !== undefined ? 0 : Object.values(kind.enumType.values)[0];
  if (kind.kind !== 'scalar') return null;
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

function mismatch(from: string, target: SqlType): () => never {
  return () => {
    throw new FieldError(`Cannot deserialize type ${from} as type ${sqlTypeText(target)}`);
  };
}

/** Reads one element (a field's value, an array item, a map value). */
function elementReader(field: ProtoField, kind: FieldKind, target: SqlType): ProtoReader {
  switch (kind.kind) {
    case 'scalar':
      return scalarReader(kind.scalar, target) ?? mismatch(kind.scalar, target);
    case 'wrapper': {
      const read = scalarReader(kind.scalar, target) ?? mismatch(kind.scalar, target);
      return (v) =>
        v === null || v === undefined
          ? null
          : read((v as Message).value ?? defaultOf({ kind: 'scalar', scalar: kind.scalar }));
    }
    case 'enum': {
      if (target.base !== 'STRING') return mismatch('enum', target);
      const byId = kind.enumType.valuesById;
      return (v) => (typeof v === 'number' ? (byId[v] ?? String(v)) : v);
    }
    case 'timestamp':
      if (target.base !== 'TIMESTAMP') return mismatch('Timestamp', target);
      return nullSafe((v) => {
        const m = v as Message;
        return Number(toBigInt(m.seconds ?? 0)) * 1000 + Math.trunc(Number(m.nanos ?? 0) / 1e6);
      });
    case 'date':
      if (target.base !== 'DATE') return mismatch('Date', target);
      return nullSafe((v) => {
        const m = v as Message;
        return (
          Date.UTC(Number(m.year ?? 1970), Number(m.month ?? 1) - 1, Number(m.day ?? 1)) /
          86_400_000
        );
      });
    case 'time':
      if (target.base !== 'TIME') return mismatch('TimeOfDay', target);
      return nullSafe((v) => {
        const m = v as Message;
        return (
          ((Number(m.hours ?? 0) * 60 + Number(m.minutes ?? 0)) * 60 + Number(m.seconds ?? 0)) *
            1000 +
          Math.trunc(Number(m.nanos ?? 0) / 1e6)
        );
      });
    case 'decimal':
      return nullSafe(decimalReader(target));
    case 'message': {
      if (target.base !== 'STRUCT') return mismatch(kind.message.name, target);
      const read = messageReader(kind.message, target.fields);
      return nullSafe((v) => read(v as Message));
    }
  }
  void field;
}

function decimalReader(target: SqlType): ProtoReader {
  return (v) => {
    const m = v as Message;
    const d = bytesToDecimal(
      (m.value as Uint8Array | undefined) ?? new Uint8Array(),
      Number(m.scale ?? 0),
    );
    if (target.base === 'STRING') return d.toString();
    if (target.base === 'DOUBLE') return d.toNumber();
    if (target.base !== 'DECIMAL')
      throw new FieldError(`Cannot deserialize type Decimal as type ${sqlTypeText(target)}`);
    return fitDecimal(parseBigDecimal(d.toFixed())!, target.precision, target.scale);
  };
}

function nullSafe(read: ProtoReader): ProtoReader {
  return (v) => (v === null || v === undefined ? null : read(v));
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return BigInt(String(v));
}

function scalarReader(scalar: string, target: SqlType): ProtoReader | undefined {
  const isLong = LONG_SCALARS.has(scalar);
  const isInt = ['int32', 'sint32', 'sfixed32', 'uint32', 'fixed32'].includes(scalar);
  const isFloat = scalar === 'float' || scalar === 'double';
  switch (target.base) {
    case 'BOOLEAN':
      return scalar === 'bool' ? (v) => v : undefined;
    case 'INTEGER':
      return ['int32', 'sint32', 'sfixed32'].includes(scalar) ? (v) => v : undefined;
    case 'BIGINT':
      return isLong || isInt ? toBigInt : undefined;
    case 'DOUBLE':
      if (isFloat || isInt) return (v) => v;
      return isLong ? (v) => Number(toBigInt(v)) : undefined;
    case 'STRING':
      if (scalar === 'string') return (v) => v;
      if (isFloat) return (v) => javaDoubleToString(v as number);
      if (isLong || isInt || scalar === 'bool') return (v) => String(isLong ? toBigInt(v) : v);
      return undefined;
    case 'BYTES':
      return scalar === 'bytes' ? (v) => Buffer.from(v as Uint8Array) : undefined;
    case 'DECIMAL':
      if (!isLong && !isInt) return undefined;
      return (v) =>
        fitDecimal(
          parseBigDecimal(new Decimal(String(toBigInt(v))).toFixed())!,
          target.precision,
          target.scale,
        );
    case 'TIMESTAMP':
      return isLong ? (v) => Number(toBigInt(v)) : undefined;
    case 'DATE':
    case 'TIME':
      return isInt ? (v) => v : undefined;
    default:
      return undefined;
  }
}
