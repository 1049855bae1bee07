/**
 * Schema inference for CREATE STREAM/TABLE without columns, as ksqlDB's DefaultSchemaInjector:
 * the columns of a side come from the schema KEY_SCHEMA_ID / VALUE_SCHEMA_ID names, else from the
 * latest version of the topic's subject (`<topic>-key` / `<topic>-value`). Field names are
 * upper-cased unless the schema was chosen by id. A value schema that is not a record is one
 * column, ROWVAL, read unwrapped; a key schema is one column, ROWKEY (a STRUCT for a record),
 * except in PROTOBUF, whose key messages are always wrapped.
 */
import { AnalysisError } from '../../common/errors.js';
import type { RecordSide, SerdeColumn, SerdeOptions, FormatName } from '../serde.js';
import {
  schemaTypeOfFormat,
  subjectFor,
  type RegisteredSchema,
  type SchemaRegistry,
} from './registry.js';
import { schemaColumns } from './schema-columns.js';

export interface InferredColumns {
  readonly columns: readonly SerdeColumn[];
  /** The side is one unwrapped column (a value then needs WRAP_SINGLE_VALUE=false). */
  readonly unwrapped: boolean;
}

/** Whether a format's schemas can be read from the registry. */
export function supportsInference(format: FormatName): boolean {
  return schemaTypeOfFormat(format) !== undefined;
}

/**
 * The columns of one side from the registry. `required`: a missing schema is an error (values);
 * otherwise undefined is returned (a key without a registered schema has no columns).
 */
export function inferColumns(
  registry: SchemaRegistry,
  topic: string,
  side: RecordSide,
  format: { readonly format: FormatName; readonly options: SerdeOptions },
  required: boolean,
): InferredColumns | undefined {
  const type = schemaTypeOfFormat(format.format);
  if (type === undefined) return undefined;
  const subject = subjectFor(topic, side);
  const byId = format.options.schemaId;
  const schema: RegisteredSchema | undefined =
    byId !== undefined
      ? registry.sync.schemaById(byId)
      : registry.sync.subjectVersion(subject, 'latest');
  if (!schema) {
    if (!required && byId === undefined) return undefined;
    const what = side === 'key' ? 'keys' : 'values';
    throw new AnalysisError(
      byId !== undefined
        ? `Schema with id ${byId} for message ${what} on topic '${topic}' does not exist in the Schema Registry.`
        : `Schema for message ${what} on topic '${topic}' does not exist in the Schema Registry.\nSubject: ${subject}`,
    );
  }
  if (schema.schemaType !== type) {
    throw new AnalysisError(
      `Unable to verify if the schema for topic: ${topic} is compatible with ksqlDB. The schema is a ${schema.schemaType} schema, but the format is ${format.format}.`,
    );
  }
  try {
    const sc = schemaColumns(
      schema,
      side,
      (ref) => registry.sync.subjectVersion(ref.subject, ref.version),
      {
        originalNames: byId !== undefined,
        ...(format.options.schemaFullName !== undefined
          ? { fullName: format.options.schemaFullName }
          : {}),
      },
    );
    if (side === 'value' && format.options.wrapSingleValue === false && !sc.unwrapped) {
      // WRAP_SINGLE_VALUE=false: the whole record is the one column.
      return {
        columns: [{ name: 'ROWVAL', type: { base: 'STRUCT', fields: sc.columns } }],
        unwrapped: true,
      };
    }
    if (side === 'key' && format.format !== 'PROTOBUF' && !sc.unwrapped) {
      // ksqlDB infers keys unwrapped (UNWRAP_SINGLES) where the format allows it: a record key,
      // whatever its number of fields, is one STRUCT column. PROTOBUF keys are always wrapped.
      return {
        columns: [{ name: 'ROWKEY', type: { base: 'STRUCT', fields: sc.columns } }],
        unwrapped: true,
      };
    }
    return sc;
  } catch (e) {
    if (e instanceof AnalysisError) throw e;
    throw new AnalysisError(
      `Unable to verify if the ${side} schema for topic: ${topic} is compatible with ksqlDB.\nReason: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
