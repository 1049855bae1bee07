/**
 * What the schema-registry formats share: which schema registry and subject a serde uses, whether
 * a single column is unwrapped, and ksqlDB's wording for records that cannot be read or written.
 */
import { UnsupportedError } from '../../common/errors.js';
import { FieldError } from '../field-error.js';
import type { RecordSide, SerdeColumn, SerdeOptions } from '../serde.js';
import { SerdeError } from '../serde.js';
import {
  subjectFor,
  type RegisteredSchema,
  type SchemaRegistry,
  type SchemaType,
} from './registry.js';

/** Whether a side's single column is written bare (keys always; values with WRAP_SINGLE_VALUE=false). */
export function isUnwrappedSide(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): boolean {
  return columns.length === 1 && (side === 'key' || options.wrapSingleValue === false);
}

/** The registry a serde must have; formats that need one refuse to be made without it. */
export function requireRegistry(format: string, options: SerdeOptions): SchemaRegistry {
  if (!options.registry) {
    throw new UnsupportedError(
      `The '${format}' format needs a schema registry, and none was given to the serde`,
    );
  }
  return options.registry;
}

export function subjectOf(side: RecordSide, options: SerdeOptions): string {
  return subjectFor(options.topic ?? '', side);
}

/** The schema with `id`, of the expected type, or a SerdeError worded as ksqlDB's. */
export function schemaForId(
  registry: SchemaRegistry,
  id: number,
  type: SchemaType,
  side: RecordSide,
  topic: string,
): RegisteredSchema {
  const schema = registry.sync.schemaById(id);
  if (!schema) {
    throw readFailure(side, topic, `Error retrieving ${label(type)} ${side} schema for id ${id}`, [
      `Schema ${id} not found; error code: 40403`,
    ]);
  }
  if (schema.schemaType !== type) {
    throw readFailure(side, topic, `Schema ${id} is a ${schema.schemaType} schema, not ${type}`);
  }
  return schema;
}

function label(type: SchemaType): string {
  return type === 'AVRO' ? 'Avro' : type === 'PROTOBUF' ? 'Protobuf' : 'JSON';
}

/** A record that cannot be read: `Failed to deserialize value from topic: T. reason`. */
export function readFailure(
  side: RecordSide,
  topic: string,
  reason: string,
  causes: readonly string[] = [reason],
): SerdeError {
  return new SerdeError(`Failed to deserialize ${side} from topic: ${topic}. ${reason}`, causes);
}

/** Turns a converter's or a codec's error into a SerdeError for reading. */
export function asReadError(e: unknown, side: RecordSide, topic: string): unknown {
  if (e instanceof SerdeError) {
    return e.message.startsWith('Failed to deserialize')
      ? e
      : readFailure(side, topic, e.message, e.causes.length > 0 ? e.causes : [e.message]);
  }
  if (e instanceof FieldError) return readFailure(side, topic, e.withPath, [e.withPath, e.reason]);
  if (e instanceof Error) return readFailure(side, topic, e.message);
  return e;
}

/** Turns a converter's or a codec's error into a SerdeError for writing. */
export function asWriteError(e: unknown, topic: string): unknown {
  if (e instanceof SerdeError) return e;
  const reason = e instanceof FieldError ? e.withPath : e instanceof Error ? e.message : String(e);
  if (e instanceof Error) {
    return new SerdeError(`Error serializing message to topic: ${topic}. ${reason}`, [reason]);
  }
  return e;
}
