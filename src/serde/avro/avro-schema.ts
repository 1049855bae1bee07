/**
 * The Avro schema ksqlDB writes for a set of columns (AvroSchemas + Connect's AvroData): a record
 * named `io.confluent.ksql.avro_schemas.KsqlDataSourceSchema` (or the configured full name) whose
 * fields are the columns, each optional (`["null", T]`, default null); nested structs are records
 * named after their path (`…KsqlDataSourceSchema_ADDRESS`), maps are Avro maps of optional
 * values, arrays hold optional items. A single unwrapped column is its type alone, not optional.
 * DECIMAL, DATE, TIME and TIMESTAMP carry Avro's logical types and Connect's annotations.
 */
import type { SqlType } from '../../common/sql-types.js';
import type { SerdeColumn } from '../serde.js';
import type { AvroField, AvroSchema } from './avro-types.js';

export const AVRO_NAMESPACE = 'io.confluent.ksql.avro_schemas';
export const DEFAULT_AVRO_FULL_NAME = `${AVRO_NAMESPACE}.KsqlDataSourceSchema`;

/** ksqlDB's default full name for the key schema of a source: `…avro_schemas.OrdersKey`. */
export function defaultKeySchemaFullName(sourceName: string): string {
  const camel = sourceName
    .split('_')
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1).toLowerCase())
    .join('');
  return `${AVRO_NAMESPACE}.${camel}Key`;
}

/** The schema of one side: a record of the columns, or the single column's type when unwrapped. */
export function avroSchemaForColumns(
  columns: readonly SerdeColumn[],
  unwrapped: boolean,
  fullName: string = DEFAULT_AVRO_FULL_NAME,
): AvroSchema {
  if (unwrapped) return typeSchema(columns[0]!.type, fullName);
  return recordSchema(columns, fullName);
}

function recordSchema(fields: readonly SerdeColumn[], fullName: string): AvroSchema {
  const dot = fullName.lastIndexOf('.');
  const out: AvroField[] = fields.map((f) => ({
    name: f.name,
    type: ['null', typeSchema(f.type, `${fullName}_${f.name}`)],
    default: null,
  }));
  return {
    type: 'record',
    name: dot < 0 ? fullName : fullName.slice(dot + 1),
    ...(dot < 0 ? {} : { namespace: fullName.slice(0, dot) }),
    fields: out,
    'connect.name': fullName,
  };
}

function optional(type: SqlType, name: string): AvroSchema {
  return ['null', typeSchema(type, name)];
}

/** The (non-optional) schema of a type; `name` names the records it needs. */
export function typeSchema(type: SqlType, name: string): AvroSchema {
  switch (type.base) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
      return 'long';
    case 'DOUBLE':
      return 'double';
    case 'STRING':
      return 'string';
    case 'BYTES':
      return 'bytes';
    case 'DECIMAL':
      return {
        type: 'bytes',
        scale: type.scale,
        precision: type.precision,
        'connect.version': 1,
        'connect.parameters': {
          scale: String(type.scale),
          'connect.decimal.precision': String(type.precision),
        },
        'connect.name': 'org.apache.kafka.connect.data.Decimal',
        logicalType: 'decimal',
      };
    case 'DATE':
      return {
        type: 'int',
        'connect.version': 1,
        'connect.name': 'org.apache.kafka.connect.data.Date',
        logicalType: 'date',
      };
    case 'TIME':
      return {
        type: 'int',
        'connect.version': 1,
        'connect.name': 'org.apache.kafka.connect.data.Time',
        logicalType: 'time-millis',
      };
    case 'TIMESTAMP':
      return {
        type: 'long',
        'connect.version': 1,
        'connect.name': 'org.apache.kafka.connect.data.Timestamp',
        logicalType: 'timestamp-millis',
      };
    case 'ARRAY':
      return { type: 'array', items: optional(type.items, name) };
    case 'MAP':
      return { type: 'map', values: optional(type.value, `${name}_MapValue`) };
    case 'STRUCT':
      return recordSchema(type.fields, name);
  }
}

/** Why a column or field name is not a valid Avro name (Avro's own message), if it is not. */
export function invalidAvroName(columns: readonly SerdeColumn[]): string | undefined {
  for (const c of columns) {
    const reason = nameProblem(c.name) ?? nestedNameProblem(c.type);
    if (reason) return reason;
  }
  return undefined;
}

function nestedNameProblem(type: SqlType): string | undefined {
  switch (type.base) {
    case 'ARRAY':
      return nestedNameProblem(type.items);
    case 'MAP':
      return nestedNameProblem(type.value);
    case 'STRUCT':
      return invalidAvroName(type.fields);
    default:
      return undefined;
  }
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'Empty name';
  if (!/^[A-Za-z_]/.test(name)) return `Illegal initial character: ${name}`;
  const bad = /[^A-Za-z0-9_]/.exec(name);
  return bad ? `Illegal character in: ${name}` : undefined;
}
