/**
 * Formats turn one side of a record (its key or its value) into bytes and back.
 * A serde is made once per source side, for its columns, and then called per record.
 * Values are in the runtime representation of common/sql-types.ts.
 */
import type { SqlType } from '../common/sql-types.js';
import type { SchemaRegistry } from './schema-registry/registry.js';

export type FormatName =
  'KAFKA' | 'JSON' | 'DELIMITED' | 'NONE' | 'AVRO' | 'PROTOBUF' | 'PROTOBUF_NOSR' | 'JSON_SR';

export interface SerdeColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface SerdeOptions {
  /**
   * WRAP_SINGLE_VALUE: with one column, whether the value is wrapped in an object/record
   * (`{"COL": 1}`) or written bare (`1`). Undefined: the format's default (wrapped for values;
   * keys are never wrapped with a single column).
   */
  readonly wrapSingleValue?: boolean;
  /** VALUE_DELIMITER / KEY_DELIMITER for DELIMITED: a single character, or TAB / SPACE already resolved. Default ','. */
  readonly delimiter?: string;
  /**
   * The topic's name, used only in error messages, which ksqlDB words with the topic in them
   * (`Failed to deserialize value from topic: T. …`). Default: empty.
   */
  readonly topic?: string;
  /**
   * KEY_SCHEMA_ID / VALUE_SCHEMA_ID (AVRO, PROTOBUF, JSON_SR): write with this registered schema
   * (its fields matched to the columns by name) instead of the one generated from the columns.
   */
  readonly schemaId?: number;
  /**
   * KEY_SCHEMA_FULL_NAME / VALUE_SCHEMA_FULL_NAME: the record name of a generated Avro schema, or
   * the message of a Protobuf schema to use.
   */
  readonly schemaFullName?: string;
  /** KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION: how PROTOBUF schemas let scalars be null. */
  readonly nullableRepresentation?: 'OPTIONAL' | 'WRAPPER';
  /**
   * The schema registry of AVRO, PROTOBUF and JSON_SR serdes, where the subject is
   * `<topic>-key` / `<topic>-value`. A run-time handle, never part of a stored plan: attach it
   * where the serde is made (registries serialize to nothing in JSON).
   */
  readonly registry?: SchemaRegistry;
}

/** The side of the record a serde is for; formats differ (KAFKA keys, key wrapping). */
export type RecordSide = 'key' | 'value';

export interface Serde {
  /** Column values → bytes; `null` row → null bytes (a tombstone for values, a null key). */
  serialize(row: readonly unknown[] | null): Buffer | null;
  /**
   * Bytes → column values, one per column in order; null bytes → null.
   * Throws SerdeError for bytes that do not fit the columns.
   */
  deserialize(bytes: Buffer | null): unknown[] | null;
}

/**
 * Bytes that cannot be read (or values that cannot be written) in a format; goes to the processing log.
 * The message is ksqlDB's top-level message; `causes` are the messages of ksqlDB's cause chain, which
 * its processing log records as `cause`.
 */
export class SerdeError extends Error {
  constructor(
    message: string,
    readonly causes: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SerdeError';
  }
}
