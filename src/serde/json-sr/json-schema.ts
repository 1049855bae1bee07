/**
 * JSON Schemas for JSON_SR, both ways, as ksqlDB gets them through Connect's JsonSchemaData: the
 * schema written for a set of columns (an object whose properties are the columns, each
 * `oneOf: [null, T]` with a `connect.index`, Connect's `connect.type` hints for ints, bytes and
 * logical types; maps as objects with `additionalProperties`), and the SQL type of a registered
 * schema, for CREATE without columns and for reading records by their own schema.
 */
import {
  arrayType,
  decimalType,
  mapType,
  structType,
  type SqlType,
  type StructField,
} from '../../common/sql-types.js';
import type { SerdeColumn } from '../serde.js';

export type JsonSchema = boolean | { readonly [k: string]: unknown };

const DECIMAL = 'org.apache.kafka.connect.data.Decimal';
const DATE = 'org.apache.kafka.connect.data.Date';
const TIME = 'org.apache.kafka.connect.data.Time';
const TIMESTAMP = 'org.apache.kafka.connect.data.Timestamp';

/** The schema of one side: an object of the columns, or the single column's type when unwrapped. */
export function jsonSchemaForColumns(
  columns: readonly SerdeColumn[],
  unwrapped: boolean,
): Record<string, unknown> {
  if (unwrapped) return typeSchema(columns[0]!.type);
  return objectSchema(columns);
}

function objectSchema(fields: readonly { name: string; type: SqlType }[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    properties[f.name] = { 'connect.index': i, oneOf: [{ type: 'null' }, typeSchema(f.type)] };
  });
  return { type: 'object', properties };
}

function optional(type: SqlType): Record<string, unknown> {
  return { oneOf: [{ type: 'null' }, typeSchema(type)] };
}

function typeSchema(type: SqlType): Record<string, unknown> {
  switch (type.base) {
    case 'BOOLEAN':
      return { type: 'boolean' };
    case 'INTEGER':
      return { type: 'integer', 'connect.type': 'int32' };
    case 'BIGINT':
      return { type: 'integer', 'connect.type': 'int64' };
    case 'DOUBLE':
      return { type: 'number', 'connect.type': 'float64' };
    case 'STRING':
      return { type: 'string' };
    case 'BYTES':
      return { type: 'string', 'connect.type': 'bytes' };
    case 'DECIMAL':
      return {
        type: 'number',
        title: DECIMAL,
        'connect.version': 1,
        'connect.type': 'bytes',
        'connect.parameters': {
          scale: String(type.scale),
          'connect.decimal.precision': String(type.precision),
        },
      };
    case 'DATE':
      return { type: 'integer', title: DATE, 'connect.version': 1, 'connect.type': 'int32' };
    case 'TIME':
      return { type: 'integer', title: TIME, 'connect.version': 1, 'connect.type': 'int32' };
    case 'TIMESTAMP':
      return { type: 'integer', title: TIMESTAMP, 'connect.version': 1, 'connect.type': 'int64' };
    case 'ARRAY':
      return { type: 'array', items: optional(type.items) };
    case 'MAP':
      return {
        type: 'object',
        additionalProperties: optional(type.value),
        'connect.type': 'map',
      };
    case 'STRUCT':
      return objectSchema(type.fields);
  }
}

type Obj = { readonly [k: string]: unknown };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The SQL type of a JSON schema; throws an Error for what ksqlDB cannot represent. */
export function jsonSchemaToSqlType(schema: JsonSchema, root: JsonSchema = schema): SqlType {
  if (!isObj(schema)) throw new Error('A boolean JSON schema has no SQL type');
  if (typeof schema.$ref === 'string')
    return jsonSchemaToSqlType(resolveRef(schema.$ref, root), root);
  const branches = (schema.oneOf ?? schema.anyOf) as unknown;
  if (Array.isArray(branches)) {
    const nonNull = branches.filter((b) => !(isObj(b) && b.type === 'null'));
    if (nonNull.length === 1) return jsonSchemaToSqlType(nonNull[0] as JsonSchema, root);
    throw new Error('JSON schema unions other than [null, T] are not supported');
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length !== 1) throw new Error('JSON schema unions are not supported');
    type = nonNull[0];
  }
  const title = schema.title ?? schema['connect.name'];
  const connectType = schema['connect.type'];
  switch (type) {
    case 'boolean':
      return { base: 'BOOLEAN' };
    case 'integer':
      if (title === DATE) return { base: 'DATE' };
      if (title === TIME) return { base: 'TIME' };
      if (title === TIMESTAMP) return { base: 'TIMESTAMP' };
      return connectType === 'int32' || connectType === 'int16' || connectType === 'int8'
        ? { base: 'INTEGER' }
        : { base: 'BIGINT' };
    case 'number': {
      if (title === DECIMAL || connectType === 'bytes') {
        const params = isObj(schema['connect.parameters']) ? schema['connect.parameters'] : {};
        const precision = Number(params['connect.decimal.precision'] ?? 64);
        return decimalType(precision, Number(params.scale ?? 0));
      }
      return { base: 'DOUBLE' };
    }
    case 'string':
      return connectType === 'bytes' ? { base: 'BYTES' } : { base: 'STRING' };
    case 'array':
      if (schema.items === undefined) throw new Error('A JSON schema array needs "items"');
      return arrayType(jsonSchemaToSqlType(schema.items as JsonSchema, root));
    case 'object':
    case undefined: {
      if (isObj(schema.properties)) {
        const fields: StructField[] = Object.entries(schema.properties).map(([name, s]) => ({
          name,
          type: jsonSchemaToSqlType(s as JsonSchema, root),
        }));
        return structType(fields);
      }
      if (isObj(schema.additionalProperties)) {
        return mapType(
          { base: 'STRING' },
          jsonSchemaToSqlType(schema.additionalProperties as JsonSchema, root),
        );
      }
      if (type === 'object') return structType([]);
      throw new Error('The JSON schema has no type');
    }
    default:
      throw new Error(`Unsupported JSON schema type: ${String(type)}`);
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`Unsupported JSON schema reference: ${ref}`);
  let node: unknown = root;
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    node = isObj(node)
      ? node[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))]
      : undefined;
  }
  if (node === undefined) throw new Error(`Unresolved JSON schema reference: ${ref}`);
  return node as JsonSchema;
}
