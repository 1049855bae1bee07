/**
 * The JSON format for one side of a record. Columns are wrapped in an object keyed by column name,
 * except a single column that is unwrapped (always for keys, and for values with
 * WRAP_SINGLE_VALUE=false), which is the bare JSON value. Reading matches field names exactly,
 * then by upper-cased JSON name; absent columns read as null and extra fields are ignored.
 */
import type { SqlType } from '../../common/sql-types.js';
import { FieldError } from '../field-error.js';
import {
  type RecordSide,
  type Serde,
  type SerdeColumn,
  type SerdeOptions,
  SerdeError,
} from '../serde.js';
import { rowLengthError } from '../row-errors.js';
import { connectTypeText } from '../type-text.js';
import { fastRowReader, type FastRowReader } from './json-fast-row.js';
import { JsonSyntaxError, parseJson } from './json-parser.js';
import {
  atPath,
  conversionError,
  jsonReaderFor,
  upperCaseKeys,
  type JsonReader,
} from './json-read.js';
import { quoteJson } from './json-text.js';
import type { JsonObject, JsonRoot } from './json-tree.js';
import { jsonWriterFor, type JsonWriter } from './json-write.js';

/** Whether a single column is written bare rather than inside an object. */
export function isUnwrapped(columnCount: number, side: RecordSide, options: SerdeOptions): boolean {
  if (columnCount !== 1) return false;
  return side === 'key' || options.wrapSingleValue === false;
}

export function createJsonSerde(
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions,
): Serde {
  const topic = options.topic ?? '';
  const codec = isUnwrapped(columns.length, side, options)
    ? unwrappedCodec(columns[0]!.type)
    : wrappedCodec(columns);
  const count = columns.length;
  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== count) throw rowLengthError(count, row.length, topic);
      let text: string | null;
      try {
        text = codec.write(row);
      } catch (e) {
        throw writeError(e, topic);
      }
      // Without an encoding argument Buffer.from and toString go straight to UTF-8.
      return text === null ? null : Buffer.from(text);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      const text = bytes.toString();
      if (codec.fast) {
        try {
          const row = codec.fast(text);
          if (row !== undefined) return row;
        } catch {
          // A value a column cannot take: the exact path below words the error.
        }
      }
      try {
        return codec.read(parseJson(text));
      } catch (e) {
        throw readError(e, side, topic);
      }
    },
  };
}

interface RowCodec {
  write(row: readonly unknown[]): string | null;
  read(tree: JsonRoot): unknown[] | null;
  /** Reads the common shape of record without the tree, or says to take `read` (undefined). */
  readonly fast?: FastRowReader;
}

function unwrappedCodec(type: SqlType): RowCodec {
  const write = jsonWriterFor(type);
  const read = jsonReaderFor(type);
  return {
    write: (row) => (row[0] === null || row[0] === undefined ? null : write(row[0])),
    read: (tree) => [read(tree)],
  };
}

function wrappedCodec(columns: readonly SerdeColumn[]): RowCodec {
  const names = columns.map((c) => c.name);
  const readers: JsonReader[] = columns.map((c) => jsonReaderFor(c.type));
  const writers: JsonWriter[] = columns.map((c) => jsonWriterFor(c.type));
  const prefixes = names.map((n, i) => `${i === 0 ? '{' : ','}${quoteJson(n)}:`);
  const rowType = connectTypeText({ base: 'STRUCT', fields: columns });
  const fast = fastRowReader(names, readers);
  return {
    ...(fast ? { fast } : {}),
    write: (row) => {
      let out = '';
      for (let i = 0; i < writers.length; i++) out += prefixes[i]! + writers[i]!(row[i]);
      return `${out}}`;
    },
    read: (tree) => {
      if (tree === null) return null;
      if (!(tree instanceof Map)) throw conversionError(tree, rowType);
      return readColumns(tree, names, readers);
    },
  };
}

function readColumns(
  obj: JsonObject,
  names: readonly string[],
  readers: readonly JsonReader[],
): unknown[] {
  const row = new Array<unknown>(names.length);
  let upper: JsonObject | undefined;
  let i = 0;
  try {
    for (; i < names.length; i++) {
      let value = obj.get(names[i]!);
      if (value === undefined) value = (upper ??= upperCaseKeys(obj)).get(names[i]!);
      row[i] = readers[i]!(value);
    }
  } catch (e) {
    throw atPath(e, `.${names[i]!}`);
  }
  return row;
}

function readError(e: unknown, side: RecordSide, topic: string): unknown {
  let reason: string;
  let causes: string[];
  if (e instanceof FieldError) {
    reason = e.withPath;
    causes = [e.withPath, e.reason];
  } else if (e instanceof JsonSyntaxError) {
    reason = e.message;
    causes = [e.message];
  } else {
    return e;
  }
  return new SerdeError(`Failed to deserialize ${side} from topic: ${topic}. ${reason}`, causes);
}

function writeError(e: unknown, topic: string): unknown {
  if (!(e instanceof FieldError)) return e;
  return new SerdeError(`Error serializing message to topic: ${topic}. ${e.reason}`, [e.reason]);
}
