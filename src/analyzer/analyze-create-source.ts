/**
 * CREATE [SOURCE] STREAM/TABLE over a topic: columns, key rules, formats, TIMESTAMP and window
 * properties, with ksqlDB's checks and messages. Produces the DataSource the metastore keeps.
 */
import { AnalysisError } from '../common/errors.js';
import { RESERVED_COLUMN_NAMES, type Column } from '../common/schema.js';
import { formatType } from '../common/sql-types.js';
import type { DataSource, TimestampInfo, WindowInfo } from '../engine/data-source.js';
import type { Metastore } from '../engine/metastore.js';
import type { CreateSource, Properties, PropertyValue } from '../parser/ast.js';
import { resolveFormats, type ResolvedFormat } from '../serde/format-properties.js';
import { supportsInference, type InferredColumns } from '../serde/schema-registry/infer-columns.js';
import { checkFormatSupports } from '../serde/format-support.js';
import { checkKeyTypes } from './key-checks.js';
import { resolveType } from './resolve-type.js';

/** The WITH properties CREATE STREAM/TABLE accepts. */
const KNOWN_PROPERTIES = new Set([
  'KAFKA_TOPIC',
  'PARTITIONS',
  'REPLICAS',
  'RETENTION_MS',
  'CLEANUP_POLICY',
  'FORMAT',
  'KEY_FORMAT',
  'VALUE_FORMAT',
  'TIMESTAMP',
  'TIMESTAMP_FORMAT',
  'WRAP_SINGLE_VALUE',
  'WINDOW_TYPE',
  'WINDOW_SIZE',
  'VALUE_DELIMITER',
  'KEY_DELIMITER',
  'KEY_SCHEMA_ID',
  'VALUE_SCHEMA_ID',
  'KEY_SCHEMA_FULL_NAME',
  'VALUE_SCHEMA_FULL_NAME',
  'VALUE_AVRO_SCHEMA_FULL_NAME',
  'KEY_PROTOBUF_NULLABLE_REPRESENTATION',
  'VALUE_PROTOBUF_NULLABLE_REPRESENTATION',
  'SOURCE_CONNECTOR',
]);

/**
 * Reads a side's columns from the schema registry, for a CREATE that declares none of them
 * (`required`: a missing schema is an error). Undefined: the side has no schema to read.
 */
export type ColumnInference = (
  side: 'key' | 'value',
  format: ResolvedFormat,
  required: boolean,
) => InferredColumns | undefined;

export function analyzeCreateSource(
  stmt: CreateSource,
  metastore: Metastore,
  infer?: ColumnInference,
): DataSource {
  checkProperties(stmt.properties, stmt);
  const topic = stringProperty(stmt.properties, 'KAFKA_TOPIC');
  if (topic === undefined) {
    throw new AnalysisError(
      'Missing required property "KAFKA_TOPIC" which has no default value.',
      stmt.span,
    );
  }
  let formats = resolveFormats(stmt.properties);
  const declaresKey = stmt.elements.some(
    (e) => e.constraint?.kind === 'key' || e.constraint?.kind === 'primaryKey',
  );
  const declaresValue = stmt.elements.some((e) => e.constraint === undefined);
  if (stmt.elements.length === 0 && !supportsInference(formats.value.format)) {
    throw new AnalysisError('No columns supplied.', stmt.span);
  }
  if (declaresKey && formats.key.options.schemaId !== undefined) {
    throw new AnalysisError(
      'Table elements and KEY_SCHEMA_ID cannot both exist for create statement.',
      stmt.span,
    );
  }
  if (declaresValue && formats.value.options.schemaId !== undefined) {
    throw new AnalysisError(
      'Table elements and VALUE_SCHEMA_ID cannot both exist for create statement.',
      stmt.span,
    );
  }
  const inferKey = infer !== undefined && !declaresKey && supportsInference(formats.key.format);
  const inferValue =
    infer !== undefined && !declaresValue && supportsInference(formats.value.format);
  const columns = analyzeColumns(stmt, metastore, { key: inferKey, value: inferValue });
  if (inferKey) {
    const key = infer('key', formats.key, formats.key.options.schemaId !== undefined);
    if (key) columns.unshift(...key.columns.map((c) => ({ ...c, namespace: 'key' as const })));
  }
  if (inferValue) {
    const value = infer('value', formats.value, true)!;
    columns.push(...value.columns.map((c) => ({ ...c, namespace: 'value' as const })));
    if (value.unwrapped && formats.value.format !== 'PROTOBUF') {
      formats = {
        ...formats,
        value: { ...formats.value, options: { ...formats.value.options, wrapSingleValue: false } },
      };
    }
  }
  if (
    stmt.sourceType === 'table' &&
    !columns.some((c) => c.namespace === 'key') &&
    columns.length > 0
  ) {
    throw new AnalysisError(
      'Tables require a PRIMARY KEY. Please define the PRIMARY KEY.',
      stmt.span,
    );
  }
  const keyColumns = columns.filter((c) => c.namespace === 'key');
  const valueColumns = columns.filter((c) => c.namespace === 'value');
  checkKeyTypes(keyColumns);
  checkFormatSupports(formats.key.format, keyColumns, 'key');
  checkFormatSupports(formats.value.format, valueColumns, 'value');

  const window = windowProperty(stmt.properties, stmt);
  if (window && keyColumns.length === 0) {
    throw new AnalysisError('Windowed sources require a key column.', stmt.span);
  }
  const timestamp = timestampProperty(stmt.properties, columns, stmt);
  return {
    name: stmt.name,
    sourceType: stmt.sourceType,
    topic,
    columns,
    keyFormat: formats.key,
    valueFormat: formats.value,
    ...(timestamp ? { timestamp } : {}),
    ...(window ? { window } : {}),
    readOnly: stmt.readOnly,
    sql: stmt.text,
  };
}

function analyzeColumns(
  stmt: CreateSource,
  metastore: Metastore,
  inferred: { readonly key: boolean; readonly value: boolean },
): Column[] {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const el of stmt.elements) {
    if (RESERVED_COLUMN_NAMES.has(el.name)) {
      throw new AnalysisError(`'${el.name}' is a reserved column name.`, el.span);
    }
    if (seen.has(el.name)) {
      throw new AnalysisError(`Duplicate column names:\n\t${el.name}`, el.span);
    }
    seen.add(el.name);
    const type = resolveType(el.type, (n) => metastore.getType(n));
    const c = el.constraint;
    if (c?.kind === 'key' && stmt.sourceType === 'table') {
      throw new AnalysisError(
        `Column \`${el.name}\` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
        el.span,
      );
    }
    if (c?.kind === 'primaryKey' && stmt.sourceType === 'stream') {
      throw new AnalysisError(
        `Column \`${el.name}\` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
        el.span,
      );
    }
    if (c?.kind === 'headers' && formatType(type) !== 'ARRAY<STRUCT<KEY STRING, VALUE BYTES>>') {
      throw new AnalysisError(
        `Invalid type for HEADERS column: expected ARRAY<STRUCT<\`KEY\` STRING, \`VALUE\` BYTES>>, got ${formatType(type)}`,
        el.span,
      );
    }
    if (c?.kind === 'header' && type.base !== 'BYTES') {
      throw new AnalysisError(
        `Invalid type for HEADER('${c.key}') column: expected BYTES, got ${formatType(type)}`,
        el.span,
      );
    }
    const namespace =
      c?.kind === 'key' || c?.kind === 'primaryKey'
        ? 'key'
        : c?.kind === 'headers' || c?.kind === 'header'
          ? 'header'
          : 'value';
    columns.push({
      name: el.name,
      type,
      namespace,
      ...(c?.kind === 'header' ? { headerKey: c.key } : {}),
    });
  }
  if (
    stmt.sourceType === 'table' &&
    !inferred.key &&
    !columns.some((c) => c.namespace === 'key') &&
    columns.length > 0
  ) {
    throw new AnalysisError(
      'Tables require a PRIMARY KEY. Please define the PRIMARY KEY.',
      stmt.span,
    );
  }
  return columns;
}

function checkProperties(props: Properties, stmt: CreateSource): void {
  for (const name of Object.keys(props)) {
    if (!KNOWN_PROPERTIES.has(name)) {
      throw new AnalysisError(`Invalid config variable(s) in the WITH clause: ${name}`, stmt.span);
    }
  }
}

export function stringProperty(props: Properties, name: string): string | undefined {
  const v: PropertyValue | undefined = props[name];
  return v === undefined || v === null ? undefined : String(v);
}

export function numberProperty(props: Properties, name: string): number | undefined {
  const v = props[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) {
    throw new AnalysisError(`Invalid value for ${name}: ${String(v)}: expected a whole number`);
  }
  return n;
}

function timestampProperty(
  props: Properties,
  columns: readonly Column[],
  stmt: CreateSource,
): TimestampInfo | undefined {
  const name = stringProperty(props, 'TIMESTAMP');
  if (name === undefined) return undefined;
  const normalized = name.startsWith('`') ? name.slice(1, -1) : name.toUpperCase();
  const column = columns.find((c) => c.name === normalized);
  if (!column) {
    throw new AnalysisError(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${normalized}'`,
      stmt.span,
    );
  }
  const format = stringProperty(props, 'TIMESTAMP_FORMAT');
  if (column.type.base === 'STRING' && format === undefined) {
    throw new AnalysisError(
      `A String timestamp field has been specified without also specifying the TIMESTAMP_FORMAT property.`,
      stmt.span,
    );
  }
  if (!['BIGINT', 'TIMESTAMP', 'STRING'].includes(column.type.base)) {
    throw new AnalysisError(
      `Timestamp column, \`${normalized}\`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified.`,
      stmt.span,
    );
  }
  return { column: normalized, ...(format !== undefined ? { format } : {}) };
}

function windowProperty(props: Properties, stmt: CreateSource): WindowInfo | undefined {
  const type = stringProperty(props, 'WINDOW_TYPE')?.toUpperCase();
  if (type === undefined) return undefined;
  if (type !== 'TUMBLING' && type !== 'HOPPING' && type !== 'SESSION') {
    throw new AnalysisError(
      `Invalid value ${type} for property WINDOW_TYPE: String must be one of: SESSION, HOPPING, TUMBLING`,
      stmt.span,
    );
  }
  const sizeText = stringProperty(props, 'WINDOW_SIZE');
  if (type === 'SESSION') {
    if (sizeText !== undefined) {
      throw new AnalysisError(`'WINDOW_SIZE' should not be set for SESSION windows.`, stmt.span);
    }
    return { type: 'session' };
  }
  if (sizeText === undefined) {
    throw new AnalysisError(
      `${type} windows require 'WINDOW_SIZE' to be provided in the WITH clause. For example: 'WINDOW_SIZE'='10 SECONDS'`,
      stmt.span,
    );
  }
  return {
    type: type === 'TUMBLING' ? 'tumbling' : 'hopping',
    sizeMs: parseDuration(sizeText, stmt),
  };
}

const UNIT_MS: Record<string, number> = {
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** `'10 SECONDS'` → 10000, as ksqlDB reads WINDOW_SIZE. */
export function parseDuration(text: string, stmt: CreateSource): number {
  const m = /^\s*(\d+)\s+([A-Za-z]+?)S?\s*$/i.exec(text);
  const unit = m ? UNIT_MS[m[2]!.toUpperCase()] : undefined;
  if (!m || unit === undefined) {
    throw new AnalysisError(`Invalid duration: '${text}'. e.g. 10 SECONDS`, stmt.span);
  }
  return Number(m[1]) * unit;
}
