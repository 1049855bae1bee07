/**
 * The AVRO format: Confluent's wire format (magic byte, schema id) around Avro binary. Records are
 * read with the schema their id names (fetched once per id) and their fields matched to the
 * columns by name; they are written with the schema generated from the columns (registered under
 * `<topic>-key` / `<topic>-value`), or with the schema KEY_SCHEMA_ID / VALUE_SCHEMA_ID names.
 */
import type { SqlType } from '../../common/sql-types.js';
import {
  asReadError,
  asWriteError,
  isUnwrappedSide,
  requireRegistry,
  schemaForId,
  subjectOf,
} from '../schema-registry/sr-serde-support.js';
import { readFrame, writeFrame } from '../schema-registry/wire-format.js';
import type { RecordSide, Serde, SerdeColumn, SerdeOptions } from '../serde.js';
import { rowLengthError } from '../row-errors.js';
import { AvroNames, avroReaderFor, recordReader } from './avro-read.js';
import { DEFAULT_AVRO_FULL_NAME, avroSchemaForColumns } from './avro-schema.js';
import {
  avroKind,
  avroObject,
  avroType,
  parseAvroSchema,
  unionBranchName,
  type AvroSchema,
  type AvroType,
} from './avro-types.js';
import { avroWriterFor, recordWriter, type AvroWriter } from './avro-write.js';
import { innerNamespace } from './avro-names.js';
import { referencedAvroTypes } from '../schema-registry/schema-validation.js';

type RowReader = (payload: Buffer) => unknown[] | null;

export function createAvroSerde(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): Serde {
  const registry = requireRegistry('AVRO', options);
  const topic = options.topic ?? '';
  const unwrapped = isUnwrappedSide(columns, side, options);
  const readers = new Map<number, RowReader>();
  let writer:
    { id: number; type: AvroType; write: (row: readonly unknown[]) => unknown } | undefined;

  const readerFor = (id: number): RowReader => {
    let reader = readers.get(id);
    if (!reader) {
      const schema = schemaForId(registry, id, 'AVRO', side, topic);
      const named = referencedAvroTypes(schema, (ref) =>
        registry.sync.subjectVersion(ref.subject, ref.version),
      );
      reader = compileReader(parseAvroSchema(schema.schema), named, columns, unwrapped);
      readers.set(id, reader);
    }
    return reader;
  };

  const writerFor = () => {
    if (!writer) {
      let id: number;
      let schema: AvroSchema;
      let named: AvroSchema[] = [];
      if (options.schemaId !== undefined) {
        const registered = schemaForId(registry, options.schemaId, 'AVRO', side, topic);
        id = options.schemaId;
        schema = parseAvroSchema(registered.schema);
        named = referencedAvroTypes(registered, (ref) =>
          registry.sync.subjectVersion(ref.subject, ref.version),
        );
      } else {
        schema = avroSchemaForColumns(
          columns,
          unwrapped,
          options.schemaFullName ?? DEFAULT_AVRO_FULL_NAME,
        );
        id = registry.sync.ensureRegistered(subjectOf(side, options), {
          schemaType: 'AVRO',
          schema: JSON.stringify(schema),
          references: [],
        });
      }
      writer = {
        id,
        type: avroType(schema, named),
        write: compileWriter(schema, named, columns, unwrapped),
      };
    }
    return writer;
  };

  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== columns.length) throw rowLengthError(columns.length, row.length, topic);
      if (unwrapped && (row[0] === null || row[0] === undefined)) return null;
      try {
        const w = writerFor();
        return writeFrame(w.id, w.type.toBuffer(w.write(row)));
      } catch (e) {
        throw asWriteError(e, topic);
      }
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      try {
        const { id, payload } = readFrame(bytes);
        return readerFor(id)(payload);
      } catch (e) {
        throw asReadError(e, side, topic);
      }
    },
  };
}

function compileReader(
  schema: AvroSchema,
  named: readonly AvroSchema[],
  columns: readonly SerdeColumn[],
  unwrapped: boolean,
): RowReader {
  const type = avroType(schema, named);
  const names = new AvroNames([...named, schema]);
  const root = rootRecord(schema, names);
  let convert: (value: unknown) => unknown[] | null;
  if (!unwrapped && root) {
    const read = recordReader(root.fields, columns, names, root.namespace, true);
    convert = (v) => {
      const rec =
        root.branch === undefined ? v : (v as Record<string, unknown> | null)?.[root.branch];
      return rec === null || rec === undefined ? null : (read(rec) as unknown[]);
    };
  } else {
    const read = avroReaderFor(schema, columns[0]!.type, names);
    convert = (v) => [read(v)];
  }
  return (payload) => convert(type.fromBuffer(payload));
}

function compileWriter(
  schema: AvroSchema,
  named: readonly AvroSchema[],
  columns: readonly SerdeColumn[],
  unwrapped: boolean,
): (row: readonly unknown[]) => unknown {
  const names = new AvroNames([...named, schema]);
  if (unwrapped) {
    const write: AvroWriter = avroWriterFor(schema, columns[0]!.type as SqlType, names);
    return (row) => write(row[0]);
  }
  const root = rootRecord(schema, names);
  if (!root) {
    throw new Error(`The Avro schema is not a record, so it cannot hold ${columns.length} columns`);
  }
  const write = recordWriter(root.fields, columns, names, root.namespace, true);
  return root.branch === undefined
    ? (row) => write(row)
    : (row) => ({ [root.branch!]: write(row) });
}

interface RootRecord {
  readonly fields: readonly { name: string; type: AvroSchema; default?: unknown }[];
  readonly namespace: string | undefined;
  /** The union branch holding the record, when the root is a union. */
  readonly branch?: string;
}

/** The record at the root of a schema (or the record branch of a root union). */
function rootRecord(schema: AvroSchema, names: AvroNames): RootRecord | undefined {
  const { node, namespace } = names.resolve(schema, undefined);
  if (Array.isArray(node)) {
    const records = node.filter((b) =>
      ['record', 'error'].includes(avroKind(names.resolve(b, namespace).node)),
    );
    if (records.length !== 1) return undefined;
    const inner = rootRecord(records[0]!, names);
    return inner ? { ...inner, branch: unionBranchName(records[0]!, namespace) } : undefined;
  }
  const obj = avroObject(node);
  const kind = avroKind(obj);
  if (kind !== 'record' && kind !== 'error') return undefined;
  return { fields: obj.fields ?? [], namespace: innerNamespace(obj, namespace) };
}
