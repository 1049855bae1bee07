/**
 * The schema a schema-registry format writes for a side's columns (the one its serde registers),
 * and registering it for a source, as ksqlDB's SchemaRegisterInjector does when a CREATE declares
 * columns or a CREATE … AS SELECT creates a sink: under `<topic>-key` / `<topic>-value`.
 */
import { AnalysisError } from '../../common/errors.js';
import { DEFAULT_AVRO_FULL_NAME, avroSchemaForColumns } from '../avro/avro-schema.js';
import { jsonSchemaForColumns } from '../json-sr/json-schema.js';
import { DEFAULT_PROTOBUF_MESSAGE, protoSchemaForColumns } from '../protobuf/proto-schema.js';
import type { FormatName, RecordSide, SerdeColumn, SerdeOptions } from '../serde.js';
import {
  RegistryError,
  subjectFor,
  type SchemaDefinition,
  type SchemaRegistry,
} from './registry.js';
import { isUnwrappedSide } from './sr-serde-support.js';

/** The schema written for `columns`; undefined for formats without a registry. */
export function schemaForColumns(
  format: FormatName,
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): SchemaDefinition | undefined {
  switch (format) {
    case 'AVRO': {
      const schema = avroSchemaForColumns(
        columns,
        isUnwrappedSide(columns, side, options),
        options.schemaFullName ?? DEFAULT_AVRO_FULL_NAME,
      );
      return { schemaType: 'AVRO', schema: JSON.stringify(schema), references: [] };
    }
    case 'PROTOBUF':
      return {
        schemaType: 'PROTOBUF',
        schema: protoSchemaForColumns(
          columns,
          options.schemaFullName ?? DEFAULT_PROTOBUF_MESSAGE,
          options.nullableRepresentation,
        ),
        references: [],
      };
    case 'JSON_SR': {
      const schema = jsonSchemaForColumns(columns, isUnwrappedSide(columns, side, options));
      return { schemaType: 'JSON', schema: JSON.stringify(schema), references: [] };
    }
    default:
      return undefined;
  }
}

export interface SourceSides {
  readonly topic: string;
  readonly sides: readonly {
    readonly side: RecordSide;
    readonly format: FormatName;
    readonly options: SerdeOptions;
    readonly columns: readonly SerdeColumn[];
  }[];
}

/**
 * Registers the schemas of a source's sides. `onlyWhenAbsent`: leave a subject that has a schema
 * alone (a CREATE over an existing topic reads what is there). Sides given a schema id, or
 * without columns, register nothing.
 */
export async function registerColumnSchemas(
  registry: SchemaRegistry,
  source: SourceSides,
  onlyWhenAbsent: boolean,
): Promise<void> {
  for (const s of source.sides) {
    if (s.columns.length === 0 || s.options.schemaId !== undefined) continue;
    const def = schemaForColumns(s.format, s.columns, s.side, s.options);
    if (!def) continue;
    const subject = subjectFor(source.topic, s.side);
    if (onlyWhenAbsent && (await registry.subjectVersion(subject, 'latest'))) continue;
    try {
      await registry.register(subject, def);
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
      throw new AnalysisError(`Could not register schema for topic: ${e.message}`);
    }
  }
}
