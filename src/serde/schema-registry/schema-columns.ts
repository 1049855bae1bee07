/**
 * The columns a registered schema holds, as ksqlDB reads them when it infers a source's columns
 * from the registry or reads a record by the schema it was written with: a record (an Avro record,
 * a Protobuf message, a JSON object schema) holds one column per field; any other schema is one
 * unwrapped column, which ksqlDB names ROWKEY for keys and ROWVAL for values. Names are
 * upper-cased unless the original names are asked for (a schema chosen by id keeps them).
 */
import type { SqlType } from '../../common/sql-types.js';
import { AvroNames } from '../avro/avro-names.js';
import { avroToSqlType } from '../avro/avro-to-sql.js';
import { parseAvroSchema } from '../avro/avro-types.js';
import { jsonSchemaToSqlType, type JsonSchema } from '../json-sr/json-schema.js';
import { messageNamed, parseProtoSchema, type ReferenceResolver } from '../protobuf/proto-parse.js';
import { protoMessageFields } from '../protobuf/proto-to-sql.js';
import type { RecordSide, SerdeColumn } from '../serde.js';
import type { RegisteredSchema, SchemaDefinition } from './registry.js';
import { referencedAvroTypes } from './schema-validation.js';

export interface SchemaColumns {
  readonly columns: SerdeColumn[];
  /** True when the schema is not a record: its one column is the whole key or value. */
  readonly unwrapped: boolean;
}

export interface SchemaColumnsOptions {
  readonly originalNames: boolean;
  /** The Protobuf message to read (default: the first of the file). */
  readonly fullName?: string;
}

/** The columns of a schema; throws an Error naming what ksqlDB cannot represent. */
export function schemaColumns(
  schema: SchemaDefinition | RegisteredSchema,
  side: RecordSide,
  resolve: ReferenceResolver,
  options: SchemaColumnsOptions,
): SchemaColumns {
  switch (schema.schemaType) {
    case 'AVRO': {
      const parsed = parseAvroSchema(schema.schema);
      const named = referencedAvroTypes(schema, resolve);
      const type = avroToSqlType(parsed, options, new AvroNames([...named, parsed]));
      return fromType(type, side);
    }
    case 'PROTOBUF': {
      const proto = parseProtoSchema(schema, resolve);
      const message =
        options.fullName === undefined ? proto.messages[0]! : messageNamed(proto, options.fullName);
      if (!message) throw new Error(`Schema does not contain a message named ${options.fullName}`);
      return { columns: protoMessageFields(message, options), unwrapped: false };
    }
    case 'JSON': {
      const parsed = JSON.parse(schema.schema) as JsonSchema;
      const type = jsonSchemaToSqlType(parsed);
      if (type.base === 'STRUCT' && !options.originalNames) {
        return fromType(upperCased(type), side);
      }
      return fromType(type, side);
    }
  }
}

function fromType(type: SqlType, side: RecordSide): SchemaColumns {
  if (type.base === 'STRUCT') {
    return { columns: type.fields.map((f) => ({ name: f.name, type: f.type })), unwrapped: false };
  }
  return { columns: [{ name: side === 'key' ? 'ROWKEY' : 'ROWVAL', type }], unwrapped: true };
}

function upperCased(type: SqlType): SqlType {
  switch (type.base) {
    case 'STRUCT':
      return {
        base: 'STRUCT',
        fields: type.fields.map((f) => ({ name: f.name.toUpperCase(), type: upperCased(f.type) })),
      };
    case 'ARRAY':
      return { base: 'ARRAY', items: upperCased(type.items) };
    case 'MAP':
      return { base: 'MAP', key: type.key, value: upperCased(type.value) };
    default:
      return type;
  }
}
