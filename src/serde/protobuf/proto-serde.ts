/**
 * The PROTOBUF and PROTOBUF_NOSR formats. PROTOBUF is Confluent's wire format (magic byte, schema
 * id, message indexes) around a Protobuf message: records are read with the schema and message
 * their header names, fields matched to the columns by name; they are written with the schema
 * generated from the columns (registered under `<topic>-key` / `<topic>-value`) or the one
 * KEY_SCHEMA_ID / VALUE_SCHEMA_ID names, its message chosen by *_SCHEMA_FULL_NAME. PROTOBUF_NOSR
 * is the bare message of the schema generated from the columns, with no registry. Protobuf sides
 * are always messages: a single column is never unwrapped.
 */
import {
  asReadError,
  asWriteError,
  requireRegistry,
  schemaForId,
  subjectOf,
} from '../schema-registry/sr-serde-support.js';
import {
  decodeMessageIndexes,
  encodeMessageIndexes,
  frameHeader,
  readFrame,
} from '../schema-registry/wire-format.js';
import type { SchemaRegistry } from '../schema-registry/registry.js';
import { rowLengthError } from '../row-errors.js';
import {
  SerdeError,
  type RecordSide,
  type Serde,
  type SerdeColumn,
  type SerdeOptions,
} from '../serde.js';
import {
  indexesOf,
  messageAt,
  messageNamed,
  parseProtoSchema,
  type ProtoSchema,
  type ProtoType,
} from './proto-parse.js';
import { messageReader } from './proto-read.js';
import { DEFAULT_PROTOBUF_MESSAGE, protoSchemaForColumns } from './proto-schema.js';
import { messageWriter } from './proto-write.js';

type RowReader = (bytes: Uint8Array) => unknown[];
type RowWriter = (row: readonly unknown[]) => Buffer;

function compileReader(type: ProtoType, columns: readonly SerdeColumn[]): RowReader {
  const read = messageReader(type, columns, true);
  return (bytes) => read(type.decode(bytes) as unknown as Record<string, unknown>) as unknown[];
}

function compileWriter(type: ProtoType, columns: readonly SerdeColumn[]): RowWriter {
  const write = messageWriter(type, columns, true);
  return (row) => Buffer.from(type.encode(type.fromObject(write(row))).finish());
}

/** The message of a schema named by `fullName`, else its first message. */
function chooseMessage(schema: ProtoSchema, fullName: string | undefined): ProtoType {
  if (fullName === undefined) return schema.messages[0]!;
  const found = messageNamed(schema, fullName);
  if (!found) throw new Error(`Schema does not contain a message named ${fullName}`);
  return found;
}

function resolverOf(registry: SchemaRegistry) {
  return (ref: { subject: string; version: number }) =>
    registry.sync.subjectVersion(ref.subject, ref.version);
}

function generatedSchema(columns: readonly SerdeColumn[], options: SerdeOptions): ProtoSchema {
  const text = protoSchemaForColumns(
    columns,
    options.schemaFullName ?? DEFAULT_PROTOBUF_MESSAGE,
    options.nullableRepresentation,
  );
  return parseProtoSchema(
    { schemaType: 'PROTOBUF', schema: text, references: [] },
    () => undefined,
  );
}

export function createProtobufSerde(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): Serde {
  const registry = requireRegistry('PROTOBUF', options);
  const topic = options.topic ?? '';
  const readers = new Map<string, RowReader>();
  let writer: { header: Buffer; write: RowWriter } | undefined;

  const readerFor = (id: number, indexes: readonly number[]): RowReader => {
    const key = `${id}:${indexes.join(',')}`;
    let reader = readers.get(key);
    if (!reader) {
      const registered = schemaForId(registry, id, 'PROTOBUF', side, topic);
      const schema = parseProtoSchema(registered, resolverOf(registry));
      const type = messageAt(schema, indexes);
      if (!type) {
        throw new SerdeError('Invalid message indexes', [`No message at indexes [${indexes}]`]);
      }
      reader = compileReader(type, columns);
      readers.set(key, reader);
    }
    return reader;
  };

  const writerFor = () => {
    if (!writer) {
      let id: number;
      let schema: ProtoSchema;
      let fullName = options.schemaFullName;
      if (options.schemaId !== undefined) {
        const registered = schemaForId(registry, options.schemaId, 'PROTOBUF', side, topic);
        id = options.schemaId;
        schema = parseProtoSchema(registered, resolverOf(registry));
      } else {
        const text = protoSchemaForColumns(
          columns,
          fullName ?? DEFAULT_PROTOBUF_MESSAGE,
          options.nullableRepresentation,
        );
        const def = { schemaType: 'PROTOBUF' as const, schema: text, references: [] };
        schema = parseProtoSchema(def, () => undefined);
        id = registry.sync.ensureRegistered(subjectOf(side, options), def);
        fullName = undefined;
      }
      const type = chooseMessage(schema, fullName);
      const header = Buffer.concat([
        frameHeader(id),
        encodeMessageIndexes(indexesOf(schema, type)),
      ]);
      writer = { header, write: compileWriter(type, columns) };
    }
    return writer;
  };

  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== columns.length) throw rowLengthError(columns.length, row.length, topic);
      // A key whose columns are all null is a null key, not an empty message.
      if (side === 'key' && row.every((v) => v === null || v === undefined)) return null;
      try {
        const w = writerFor();
        return Buffer.concat([w.header, w.write(row)]);
      } catch (e) {
        throw asWriteError(e, topic);
      }
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      try {
        const { id, payload } = readFrame(bytes);
        let read: () => unknown[];
        try {
          const { indexes, offset } = decodeMessageIndexes(payload);
          const reader = readerFor(id, indexes);
          const message = payload.subarray(offset);
          read = () => reader(message);
        } catch (e) {
          // Some clients (@kafkajs/confluent-schema-registry) write no message indexes: when the
          // indexes do not name a message, the payload is read as the schema's first message.
          if (e instanceof SerdeError && !e.message.startsWith('Invalid message indexes')) throw e;
          const reader = readerFor(id, [0]);
          read = () => reader(payload);
        }
        return read();
      } catch (e) {
        throw asReadError(e, side, topic);
      }
    },
  };
}

/** PROTOBUF_NOSR: the bare message of the schema generated from the columns. */
export function createProtobufNoSrSerde(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): Serde {
  const topic = options.topic ?? '';
  const schema = generatedSchema(columns, options);
  const type = chooseMessage(schema, undefined);
  const read = compileReader(type, columns);
  const write = compileWriter(type, columns);
  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== columns.length) throw rowLengthError(columns.length, row.length, topic);
      try {
        return write(row);
      } catch (e) {
        throw asWriteError(e, topic);
      }
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      try {
        return read(bytes);
      } catch (e) {
        throw asReadError(e, side, topic);
      }
    },
  };
}
