/**
 * Records of the schema-registry formats between their QTT JSON shapes and bytes, as ksqlDB's
 * harness converts them (ConnectSerdeSupplier): an input is written with the latest schema of its
 * subject (`<topic>-key` / `<topic>-value`), its fields matched to the JSON by name; an output is
 * read with the schema its header names and shown with that schema's own field names. When the
 * subject has no schema yet, the source's columns give one, registered as a serializer would.
 */
import type { Column } from '../common/schema.js';
import { isLosslessNumber } from 'lossless-json';
import type { SqlType } from '../common/sql-types.js';
import { createSerde } from '../serde/create-serde.js';
import { createJsonSerde } from '../serde/json/json-serde.js';
import { subjectFor, type SchemaRegistry } from '../serde/schema-registry/registry.js';
import { schemaColumns, type SchemaColumns } from '../serde/schema-registry/schema-columns.js';
import { decodeMessageIndexes, readFrame } from '../serde/schema-registry/wire-format.js';
import { fullNameOf, messageAt, parseProtoSchema } from '../serde/protobuf/proto-parse.js';
import type { FormatName, RecordSide, SerdeColumn, SerdeOptions } from '../serde/serde.js';
import { jsonText, parseJsonText, type JsonValue } from './json-text.js';

interface Layout {
  readonly columns: SerdeColumn[];
  /** The JSON shape is the one column's value (not an object of columns). */
  readonly bare: boolean;
}

/**
 * How a schema's columns are laid out: a one-field Avro key record is read as one STRUCT column,
 * since a single key column is otherwise its bare value.
 */
function layoutOf(sc: SchemaColumns, format: FormatName, side: RecordSide): Layout {
  if (format === 'AVRO' && side === 'key' && !sc.unwrapped && sc.columns.length === 1) {
    return {
      columns: [{ name: 'ROWKEY', type: { base: 'STRUCT', fields: sc.columns } }],
      bare: true,
    };
  }
  return { columns: sc.columns, bare: sc.unwrapped };
}

function wrapOption(layout: Layout, format: FormatName): SerdeOptions {
  if (format === 'PROTOBUF' || layout.columns.length !== 1) return {};
  return { wrapSingleValue: !layout.bare };
}

function specToRow(value: JsonValue, layout: Layout): unknown[] | null {
  const json = createJsonSerde(layout.columns, 'value', { wrapSingleValue: !layout.bare });
  const aligned = layout.bare
    ? alignNames(value, layout.columns[0]!.type)
    : alignFields(value, layout.columns);
  return json.deserialize(Buffer.from(jsonText(aligned), 'utf8'));
}

/**
 * A spec's field names matched to a registered schema's, ignoring case, as ksqlDB's harness
 * fills a schema's fields from the spec (its `VAL` fills a schema field `val`); exact names win.
 */
function alignFields(value: JsonValue, fields: readonly SerdeColumn[]): JsonValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (isLosslessNumber(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [name, v] of Object.entries(value)) {
    const field =
      fields.find((f) => f.name === name) ??
      fields.find((f) => f.name.toUpperCase() === name.toUpperCase());
    out[field?.name ?? name] = field ? alignNames(v, field.type) : v;
  }
  return out;
}

function alignNames(value: JsonValue, type: SqlType): JsonValue {
  switch (type.base) {
    case 'STRUCT':
      return alignFields(value, type.fields);
    case 'ARRAY':
      return Array.isArray(value) ? value.map((v) => alignNames(v, type.items)) : value;
    default:
      return value;
  }
}

/**
 * A row read back in its QTT shape. An empty BYTES field of a record is null there: ksqlDB's
 * harness compares a record's top-level bytes fields so (TestExecutor.coerceRecordFields), which
 * is what a Protobuf `bytes` field left at its default reads as.
 */
function rowToSpec(row: unknown[] | null, layout: Layout): JsonValue {
  if (row === null) return null;
  if (!layout.bare) {
    row = row.map((v, i) =>
      layout.columns[i]?.type.base === 'BYTES' && v instanceof Uint8Array && v.length === 0
        ? null
        : v,
    );
  }
  const json = createJsonSerde(layout.columns, 'value', { wrapSingleValue: !layout.bare });
  const bytes = json.serialize(row);
  return bytes === null ? null : parseJsonText(bytes.toString('utf8'), false);
}

function resolver(registry: SchemaRegistry) {
  return (ref: { subject: string; version: number }) =>
    registry.sync.subjectVersion(ref.subject, ref.version);
}

/** The bytes of one side of an input record in AVRO or PROTOBUF. */
export function encodeRegistrySide(
  value: JsonValue,
  format: FormatName,
  topic: string,
  side: RecordSide,
  columns: readonly Column[],
  registry: SchemaRegistry,
  fullName?: string,
): Buffer | null {
  if (value === null) return null;
  const latest = registry.sync.subjectVersion(subjectFor(topic, side), 'latest');
  if (!latest) {
    const serde = createSerde(format, columns, side, { topic, registry });
    const sc = { columns: [...columns], unwrapped: columns.length === 1 && side === 'key' };
    return serde.serialize(specToRow(value, layoutOf(sc, format, side)));
  }
  const named = fullName !== undefined && format === 'PROTOBUF' ? { fullName } : {};
  const sc = schemaColumns(latest, side, resolver(registry), { originalNames: true, ...named });
  const layout = layoutOf(sc, format, side);
  // With the schema id given, the side only decides null keys: a PROTOBUF key given as an
  // object is a message even when its fields are null, so it is written as a value would be.
  const writeSide = format === 'PROTOBUF' ? 'value' : side;
  const serde = createSerde(format, layout.columns, writeSide, {
    topic,
    registry,
    schemaId: latest.id,
    ...(named.fullName !== undefined ? { schemaFullName: named.fullName } : {}),
    ...wrapOption(layout, format),
  });
  return serde.serialize(specToRow(value, layout));
}

/** The JSON shape of one side of an output record in AVRO or PROTOBUF. */
export function decodeRegistrySide(
  bytes: Buffer,
  format: FormatName,
  topic: string,
  side: RecordSide,
  registry: SchemaRegistry,
): JsonValue {
  const { id, payload } = readFrame(bytes);
  const schema = registry.sync.schemaById(id);
  if (!schema) throw new Error(`no schema with id ${id} in the registry`);
  let fullName: string | undefined;
  if (format === 'PROTOBUF') {
    const message = messageAt(
      parseProtoSchema(schema, resolver(registry)),
      decodeMessageIndexes(payload).indexes,
    );
    if (message) fullName = fullNameOf(message);
  }
  const sc = schemaColumns(schema, side, resolver(registry), {
    originalNames: true,
    ...(fullName !== undefined ? { fullName } : {}),
  });
  const layout = layoutOf(sc, format, side);
  const serde = createSerde(format, layout.columns, side, {
    topic,
    registry,
    ...wrapOption(layout, format),
  });
  return rowToSpec(serde.deserialize(bytes), layout);
}

/**
 * PROTOBUF_NOSR has no registry: the source's columns are the schema, both ways, with the
 * source's nullable representation (optional fields or wrapper messages), as the source reads.
 */
export function encodeNoSrSide(
  value: JsonValue,
  side: RecordSide,
  columns: readonly Column[],
  options: SerdeOptions = {},
): Buffer | null {
  if (value === null) return null;
  const layout = { columns: [...columns], bare: false };
  return noSrSerde(side, columns, options).serialize(specToRow(value, layout));
}

export function decodeNoSrSide(
  bytes: Buffer,
  side: RecordSide,
  columns: readonly Column[],
  options: SerdeOptions = {},
) {
  const layout = { columns: [...columns], bare: false };
  return rowToSpec(noSrSerde(side, columns, options).deserialize(bytes), layout);
}

function noSrSerde(side: RecordSide, columns: readonly Column[], options: SerdeOptions) {
  const nullable = options.nullableRepresentation;
  return createSerde(
    'PROTOBUF_NOSR',
    columns,
    side,
    nullable !== undefined ? { nullableRepresentation: nullable } : {},
  );
}
