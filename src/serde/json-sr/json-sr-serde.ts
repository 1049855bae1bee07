/**
 * The JSON_SR format: JSON text behind Confluent's 5-byte header (magic byte, schema id). Values
 * read and write as the JSON format does; the header is checked on read (ksqlDB's JSON_SR reader
 * only skips it), and on write carries the id of the schema generated from the columns
 * (registered under `<topic>-key` / `<topic>-value`) or of KEY_SCHEMA_ID / VALUE_SCHEMA_ID.
 */
import { createJsonSerde } from '../json/json-serde.js';
import {
  asReadError,
  isUnwrappedSide,
  requireRegistry,
  schemaForId,
  subjectOf,
} from '../schema-registry/sr-serde-support.js';
import { frameHeader, readFrame } from '../schema-registry/wire-format.js';
import type { RecordSide, Serde, SerdeColumn, SerdeOptions } from '../serde.js';
import { jsonSchemaForColumns, jsonSchemaToSqlType, type JsonSchema } from './json-schema.js';

export function createJsonSrSerde(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): Serde {
  const registry = requireRegistry('JSON_SR', options);
  const topic = options.topic ?? '';
  const json = createJsonSerde(columns, side, options);
  const writeJson = options.schemaId === undefined ? json : schemaWriter(columns, side, options);
  let header: Buffer | undefined;
  const headerFor = (): Buffer => {
    if (!header) {
      let id: number;
      if (options.schemaId !== undefined) {
        id = schemaForId(registry, options.schemaId, 'JSON', side, topic).id;
      } else {
        const schema = jsonSchemaForColumns(columns, isUnwrappedSide(columns, side, options));
        id = registry.sync.ensureRegistered(subjectOf(side, options), {
          schemaType: 'JSON',
          schema: JSON.stringify(schema),
          references: [],
        });
      }
      header = frameHeader(id);
    }
    return header;
  };
  return {
    serialize(row) {
      const bytes = writeJson.serialize(row);
      return bytes === null ? null : Buffer.concat([headerFor(), bytes]);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      let payload: Buffer;
      try {
        payload = readFrame(bytes).payload;
      } catch (e) {
        throw asReadError(e, side, topic);
      }
      return json.deserialize(payload);
    },
  };
}

/**
 * With a schema id, records are written with the schema's fields, in its order: columns matched
 * by name (exactly, then ignoring case), fields the columns lack written as null.
 */
function schemaWriter(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): { serialize(row: readonly unknown[] | null): Buffer | null } {
  const registry = requireRegistry('JSON_SR', options);
  const topic = options.topic ?? '';
  let compiled: { serialize(row: readonly unknown[] | null): Buffer | null } | undefined;
  return {
    serialize(row) {
      if (!compiled) {
        const schema = schemaForId(registry, options.schemaId!, 'JSON', side, topic);
        const type = jsonSchemaToSqlType(JSON.parse(schema.schema) as JsonSchema);
        if (type.base !== 'STRUCT' || isUnwrappedSide(columns, side, options)) {
          compiled = createJsonSerde(columns, side, options);
        } else {
          const fields = type.fields.map((f) => {
            const i = columns.findIndex((c) => c.name === f.name);
            const index =
              i >= 0 ? i : columns.findIndex((c) => c.name.toUpperCase() === f.name.toUpperCase());
            return { field: index >= 0 ? { name: f.name, type: columns[index]!.type } : f, index };
          });
          const inner = createJsonSerde(
            fields.map((f) => f.field),
            side,
            { ...options, wrapSingleValue: true },
          );
          compiled = {
            serialize: (r) =>
              r === null
                ? null
                : inner.serialize(fields.map((f) => (f.index >= 0 ? r[f.index] : null))),
          };
        }
      }
      return compiled.serialize(row);
    },
  };
}
