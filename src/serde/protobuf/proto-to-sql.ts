/**
 * The SQL columns of a Protobuf message, as ksqlDB infers them (through Connect's ProtobufData):
 * int32, sint32 and sfixed32 are INTEGER; the other integers (uint32 included, which does not fit
 * an INTEGER) are BIGINT; float and double DOUBLE; enums STRING; wrappers their scalar;
 * Timestamp, Date, TimeOfDay and confluent.type.Decimal TIMESTAMP, DATE, TIME and DECIMAL;
 * repeated fields ARRAYs, map fields MAPs, messages STRUCTs and a oneof a STRUCT of its members.
 */
import {
  arrayType,
  decimalType,
  mapType,
  structType,
  type SqlType,
  type StructField,
} from '../../common/sql-types.js';
import { fieldKind, mapKeyType, plainFields, realOneofs, type FieldKind } from './proto-fields.js';
import { fieldMetaParams, type ProtoField, type ProtoType } from './proto-parse.js';

/** Connect's default decimal precision when a schema gives none. */
const DEFAULT_DECIMAL_PRECISION = 64;

export interface ProtoToSqlOptions {
  readonly originalNames: boolean;
}

/** The columns (STRUCT fields) of a message. */
export function protoMessageFields(
  type: ProtoType,
  options: ProtoToSqlOptions,
  seen: ReadonlySet<ProtoType> = new Set(),
): StructField[] {
  if (seen.has(type)) throw new Error('Recursive Protobuf messages are not supported');
  const inner = new Set(seen).add(type);
  const name = (n: string): string => (options.originalNames ? n : n.toUpperCase());
  const fields: StructField[] = plainFields(type).map((f) => ({
    name: name(f.name),
    type: fieldType(f, options, inner),
  }));
  for (const oneof of realOneofs(type)) {
    fields.push({
      name: name(oneof.name),
      type: structType(
        oneof.fieldsArray.map((f) => ({ name: name(f.name), type: fieldType(f, options, inner) })),
      ),
    });
  }
  return fields;
}

function fieldType(field: ProtoField, options: ProtoToSqlOptions, seen: ReadonlySet<ProtoType>) {
  const element = elementType(field, fieldKind(field), options, seen);
  if (field.map) return mapType(scalarType(mapKeyType(field)), element);
  return field.repeated ? arrayType(element) : element;
}

function elementType(
  field: ProtoField,
  kind: FieldKind,
  options: ProtoToSqlOptions,
  seen: ReadonlySet<ProtoType>,
): SqlType {
  switch (kind.kind) {
    case 'scalar':
    case 'wrapper':
      return scalarType(kind.scalar);
    case 'enum':
      return { base: 'STRING' };
    case 'timestamp':
      return { base: 'TIMESTAMP' };
    case 'date':
      return { base: 'DATE' };
    case 'time':
      return { base: 'TIME' };
    case 'decimal': {
      const params = fieldMetaParams(field);
      const precision = Number(params.get('precision') ?? DEFAULT_DECIMAL_PRECISION);
      return decimalType(precision, Number(params.get('scale') ?? 0));
    }
    case 'message':
      return structType(protoMessageFields(kind.message, options, seen));
  }
}

export function scalarType(scalar: string): SqlType {
  switch (scalar) {
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return { base: 'INTEGER' };
    case 'int64':
    case 'sint64':
    case 'sfixed64':
    case 'uint32':
    case 'fixed32':
    case 'uint64':
    case 'fixed64':
      return { base: 'BIGINT' };
    case 'float':
    case 'double':
      return { base: 'DOUBLE' };
    case 'bool':
      return { base: 'BOOLEAN' };
    case 'string':
      return { base: 'STRING' };
    case 'bytes':
      return { base: 'BYTES' };
    default:
      throw new Error(`Unsupported Protobuf type: ${scalar}`);
  }
}
