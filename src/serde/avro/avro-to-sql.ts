/**
 * The SQL type of an Avro schema, as ksqlDB infers columns from the registry (through Connect's
 * AvroData): `["null", T]` is T; other unions become a STRUCT with a field per branch, named by
 * the branch's type; enums are STRING, fixed BYTES, float DOUBLE; the decimal, date, time-millis
 * and timestamp-millis logical types are DECIMAL, DATE, TIME and TIMESTAMP; maps are
 * MAP<STRING, V>; records are STRUCTs. Names are upper-cased unless the original names are asked
 * for (a schema chosen by id keeps them).
 */
import {
  arrayType,
  decimalType,
  mapType,
  structType,
  type SqlType,
} from '../../common/sql-types.js';
import { AvroNames, innerNamespace } from './avro-names.js';
import { avroKind, avroObject, unionBranchName, type AvroSchema } from './avro-types.js';

/** Connect's default precision when a decimal schema gives none. */
const DEFAULT_DECIMAL_PRECISION = 64;

export interface AvroToSqlOptions {
  /** Keep field names as written (ksqlDB does when the schema is chosen by id). */
  readonly originalNames: boolean;
}

/** The SQL type of a schema; throws an Error naming what ksqlDB cannot represent. */
export function avroToSqlType(
  schema: AvroSchema,
  options: AvroToSqlOptions,
  names: AvroNames = new AvroNames([schema]),
): SqlType {
  return convert(schema, undefined, names, options, new Set());
}

function convert(
  raw: AvroSchema,
  namespace: string | undefined,
  names: AvroNames,
  options: AvroToSqlOptions,
  seen: Set<unknown>,
): SqlType {
  const { node, namespace: ns } = names.resolve(raw, namespace);
  if (Array.isArray(node)) return unionType(node, ns, names, options, seen);
  const obj = avroObject(node);
  const kind = avroKind(obj);
  switch (obj.logicalType) {
    case 'decimal':
      if (kind === 'bytes' || kind === 'fixed') {
        return decimalType(obj.precision ?? DEFAULT_DECIMAL_PRECISION, obj.scale ?? 0);
      }
      break;
    case 'date':
      if (kind === 'int') return { base: 'DATE' };
      break;
    case 'time-millis':
      if (kind === 'int') return { base: 'TIME' };
      break;
    case 'timestamp-millis':
      if (kind === 'long') return { base: 'TIMESTAMP' };
      break;
  }
  switch (kind) {
    case 'boolean':
      return { base: 'BOOLEAN' };
    case 'int':
      return { base: 'INTEGER' };
    case 'long':
      return { base: 'BIGINT' };
    case 'float':
    case 'double':
      return { base: 'DOUBLE' };
    case 'string':
    case 'enum':
      return { base: 'STRING' };
    case 'bytes':
    case 'fixed':
      return { base: 'BYTES' };
    case 'array':
      return arrayType(convert(obj.items!, ns, names, options, seen));
    case 'map':
      return mapType({ base: 'STRING' }, convert(obj.values!, ns, names, options, seen));
    case 'record':
    case 'error': {
      if (seen.has(obj)) throw new Error('Recursive Avro schemas are not supported');
      const inner = new Set(seen).add(obj);
      const fieldNs = innerNamespace(obj, ns);
      return structType(
        (obj.fields ?? []).map((f) => ({
          name: options.originalNames ? f.name : f.name.toUpperCase(),
          type: convert(f.type, fieldNs, names, options, inner),
        })),
      );
    }
    default:
      throw new Error(`Unsupported Avro type: ${kind}`);
  }
}

function unionType(
  branches: readonly AvroSchema[],
  namespace: string | undefined,
  names: AvroNames,
  options: AvroToSqlOptions,
  seen: Set<unknown>,
): SqlType {
  const nonNull = branches.filter((b) => avroKind(b) !== 'null');
  if (nonNull.length === 1) return convert(nonNull[0]!, namespace, names, options, seen);
  if (nonNull.length === 0) throw new Error('A union of only null is not supported');
  return structType(
    nonNull.map((b) => {
      const name = unionFieldName(b, namespace);
      return {
        name: options.originalNames ? name : name.toUpperCase(),
        type: convert(b, namespace, names, options, seen),
      };
    }),
  );
}

/** The STRUCT field name Connect gives a union branch: the simple name of a named type. */
export function unionFieldName(branch: AvroSchema, namespace: string | undefined): string {
  const name = unionBranchName(branch, namespace);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(dot + 1);
}
