/**
 * Which column sets each format can hold, refused with ksqlDB's messages so that the analyzer can
 * reject a statement before any record flows: KAFKA holds at most one INTEGER, BIGINT, DOUBLE,
 * STRING or BYTES column; DELIMITED only primitive columns; NONE no column; JSON anything whose
 * maps have STRING keys. Also which formats accept WRAP_SINGLE_VALUE=true / false.
 */
import { AnalysisError, UnsupportedError } from '../common/errors.js';
import type { SqlType } from '../common/sql-types.js';
import { invalidAvroName } from './avro/avro-schema.js';
import { delimitedSupportsType } from './delimited/delimited-serde.js';
import { kafkaSupportsType } from './kafka-serde.js';
import type { FormatName, RecordSide, SerdeColumn, SerdeOptions } from './serde.js';
import { columnsText } from './type-text.js';

/** The formats streamsql can read and write so far. */
export const IMPLEMENTED_FORMATS: ReadonlySet<FormatName> = new Set([
  'KAFKA',
  'JSON',
  'DELIMITED',
  'NONE',
  'AVRO',
  'PROTOBUF',
  'PROTOBUF_NOSR',
  'JSON_SR',
]);

interface WrappingSupport {
  readonly wrap: boolean;
  readonly unwrap: boolean;
}

const WRAPPING: Record<FormatName, WrappingSupport> = {
  KAFKA: { wrap: false, unwrap: true },
  JSON: { wrap: true, unwrap: true },
  DELIMITED: { wrap: false, unwrap: true },
  NONE: { wrap: false, unwrap: false },
  AVRO: { wrap: true, unwrap: true },
  JSON_SR: { wrap: true, unwrap: true },
  PROTOBUF: { wrap: true, unwrap: false },
  PROTOBUF_NOSR: { wrap: true, unwrap: false },
};

/** Whether `format` accepts WRAP_SINGLE_VALUE set to `wrap`. */
export function supportsWrapping(format: FormatName, wrap: boolean): boolean {
  return wrap ? WRAPPING[format].wrap : WRAPPING[format].unwrap;
}

/** ksqlDB's message for a WRAP_SINGLE_VALUE setting the format refuses. */
export function wrappingNotSupportedMessage(format: FormatName, wrap: boolean): string {
  return `Format '${format}' does not support 'WRAP_SINGLE_VALUE' set to '${wrap}'.`;
}

/**
 * Throws an AnalysisError, worded as ksqlDB's, when `format` cannot hold `columns` on `side`
 * (with `options.wrapSingleValue` as given in the WITH clause), and an UnsupportedError for
 * formats streamsql does not implement yet.
 */
export function checkFormatSupports(
  format: FormatName,
  columns: readonly SerdeColumn[],
  side: RecordSide,
  options: SerdeOptions = {},
): void {
  if (!IMPLEMENTED_FORMATS.has(format)) {
    throw new UnsupportedError(`The '${format}' format is not supported yet`);
  }
  const wrap = options.wrapSingleValue;
  if (side === 'value' && wrap !== undefined) {
    if (!supportsWrapping(format, wrap)) {
      throw new AnalysisError(wrappingNotSupportedMessage(format, wrap));
    }
    if (columns.length !== 1) {
      throw new AnalysisError("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
    }
  }
  const reason = schemaProblem(format, columns, side) ?? optionsProblem(format, options);
  if (reason === null) return;
  const features = featuresText(format, columns.length, side, wrap);
  throw new AnalysisError(
    `${side === 'key' ? 'Key' : 'Value'} format does not support schema.\n` +
      `format: ${format}\n` +
      `schema: Persistence{columns=${columnsText(columns, side)}, features=${features}}\n` +
      `reason: ${reason}`,
  );
}

function schemaProblem(
  format: FormatName,
  columns: readonly SerdeColumn[],
  side: RecordSide,
): string | null {
  switch (format) {
    case 'NONE':
      return columns.length === 0
        ? null
        : `The 'NONE' format can only be used when no columns are defined. Got: ${columnsText(columns, side)}`;
    case 'KAFKA': {
      if (columns.length > 1) {
        return `The 'KAFKA' format only supports a single field. Got: ${columnsText(columns, side)}`;
      }
      const column = columns[0];
      return column === undefined || kafkaSupportsType(column.type)
        ? null
        : `The 'KAFKA' format does not support type '${column.type.base}'`;
    }
    case 'DELIMITED': {
      const column = columns.find((c) => !delimitedSupportsType(c.type));
      return column === undefined
        ? null
        : `The 'DELIMITED' format does not support type '${column.type.base}', column: \`${column.name}\``;
    }
    case 'JSON':
    case 'JSON_SR':
      return columns.some((c) => hasNonStringMapKey(c.type))
        ? 'JSON only supports MAP types with STRING keys'
        : null;
    case 'AVRO': {
      if (columns.some((c) => hasNonStringMapKey(c.type))) {
        return 'Avro only supports MAPs with STRING keys';
      }
      const badName = invalidAvroName(columns);
      return badName === undefined ? null : `Schema is not compatible with Avro: ${badName}`;
    }
    case 'PROTOBUF':
    case 'PROTOBUF_NOSR':
      return columns.some((c) => hasNonStringMapKey(c.type))
        ? 'PROTOBUF format only supports MAP types with STRING keys'
        : null;
    default:
      return null;
  }
}

function optionsProblem(format: FormatName, options: SerdeOptions): string | null {
  if (format === 'DELIMITED' && options.delimiter === '"') {
    return "The quoteChar character and the delimiter cannot be the same ('\"')";
  }
  return null;
}

function hasNonStringMapKey(type: SqlType): boolean {
  switch (type.base) {
    case 'MAP':
      return type.key.base !== 'STRING' || hasNonStringMapKey(type.value);
    case 'ARRAY':
      return hasNonStringMapKey(type.items);
    case 'STRUCT':
      return type.fields.some((f) => hasNonStringMapKey(f.type));
    default:
      return false;
  }
}

/** The serde features ksqlDB would have set, as its PersistenceSchema prints them. */
function featuresText(
  format: FormatName,
  columnCount: number,
  side: RecordSide,
  wrap: boolean | undefined,
): string {
  const support = WRAPPING[format];
  if (columnCount !== 1) return '[]';
  if (side === 'key') return support.wrap && support.unwrap ? '[UNWRAP_SINGLES]' : '[]';
  if (wrap !== undefined) return wrap ? '[WRAP_SINGLES]' : '[UNWRAP_SINGLES]';
  return support.wrap ? '[WRAP_SINGLES]' : '[]';
}
