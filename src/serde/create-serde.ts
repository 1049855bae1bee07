/**
 * The one entry point that builds a serde: checks that the format can hold the columns (with
 * ksqlDB's messages), then builds the format's serde once, with its per-column converters
 * precomputed, for the runtime to call per record.
 */
import { createDelimitedSerde } from './delimited/delimited-serde.js';
import { checkFormatSupports } from './format-support.js';
import { createAvroSerde } from './avro/avro-serde.js';
import { createJsonSerde } from './json/json-serde.js';
import { createJsonSrSerde } from './json-sr/json-sr-serde.js';
import { createProtobufNoSrSerde, createProtobufSerde } from './protobuf/proto-serde.js';
import { createKafkaSerde } from './kafka-serde.js';
import type { FormatName, RecordSide, Serde, SerdeColumn, SerdeOptions } from './serde.js';
import { VOID_SERDE } from './void-serde.js';

/**
 * A serde for one side of a record in `format`. Throws AnalysisError for combinations ksqlDB
 * refuses; the schema-registry formats need `options.registry` (PROTOBUF_NOSR excepted). Columns-less sides (a key-less
 * source) read and write nothing, whatever the format.
 */
export function createSerde(
  format: FormatName,
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions = {},
): Serde {
  checkFormatSupports(format, columns, side, options);
  if (columns.length === 0) return VOID_SERDE;
  switch (format) {
    case 'KAFKA':
      return createKafkaSerde(columns[0]!.type, options);
    case 'JSON':
      return createJsonSerde(columns, side, options);
    case 'DELIMITED':
      return createDelimitedSerde(columns, options);
    case 'NONE':
      return VOID_SERDE;
    case 'AVRO':
      return createAvroSerde(columns, side, options);
    case 'PROTOBUF':
      return createProtobufSerde(columns, side, options);
    case 'PROTOBUF_NOSR':
      return createProtobufNoSrSerde(columns, side, options);
    case 'JSON_SR':
      return createJsonSrSerde(columns, side, options);
  }
}
