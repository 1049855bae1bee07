/**
 * The DELIMITED format: columns as one CSV record (commons-csv rules, see csv.ts), with ksqlDB's
 * per-type text: an empty field is null whatever the type; BOOLEAN is `true` in any case (anything
 * else is false); numbers as Java parses and prints them; DECIMAL plain (`0.1200`), never in
 * E-notation; BYTES base64; TIMESTAMP, TIME and DATE as epoch numbers. Only the first record of
 * the text is used, and its field count must be the column count.
 */
import type { SqlType } from '../../common/sql-types.js';
import { decimalParts, fitDecimal } from '../decimal-fit.js';
import { FieldError } from '../field-error.js';
import { decodeJavaBase64, encodeBase64 } from '../java/base64.js';
import {
  bigDecimalSyntaxMessage,
  bigDecimalToPlainString,
  parseBigDecimal,
} from '../java/decimal-text.js';
import { javaDoubleToString, parseDoubleMessage, parseJavaDouble } from '../java/double-text.js';
import { parseIntegerMessage, parseJavaInt, parseJavaLong } from '../java/integer-text.js';
import { columnCountMismatch, rowLengthError } from '../row-errors.js';
import { SerdeError, type Serde, type SerdeColumn, type SerdeOptions } from '../serde.js';
import { CsvError, parseCsv, printCsvValue } from './csv.js';

type FieldParser = (text: string) => unknown;
type FieldPrinter = (value: unknown) => string;

const MILLIS_PER_DAY = 86400000;

/** The SQL types DELIMITED can hold: primitives only. */
export function delimitedSupportsType(type: SqlType): boolean {
  return type.base !== 'ARRAY' && type.base !== 'MAP' && type.base !== 'STRUCT';
}

export function createDelimitedSerde(
  columns: readonly SerdeColumn[],
  options: SerdeOptions,
): Serde {
  const delimiter = options.delimiter ?? ',';
  const topic = options.topic ?? '';
  const parsers = columns.map((c) => parserFor(c.type));
  const printers = columns.map((c) => printerFor(c.type));
  const count = columns.length;
  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== count) throw rowLengthError(count, row.length, topic);
      let out = '';
      try {
        for (let i = 0; i < count; i++) {
          const value = row[i];
          const text = value === null || value === undefined ? null : printers[i]!(value);
          out += (i === 0 ? '' : delimiter) + printCsvValue(text, i === 0, delimiter);
        }
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        throw new SerdeError('Error serializing CSV message', [e.reason]);
      }
      return Buffer.from(out, 'utf8');
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      try {
        const fields = firstRecord(bytes.toString('utf8'), delimiter);
        if (fields.length !== count) {
          throw new FieldError(columnCountMismatch(count, fields.length, false, topic));
        }
        const row = new Array<unknown>(count);
        for (let i = 0; i < count; i++) {
          const text = fields[i]!;
          row[i] = text === '' ? null : parsers[i]!(text);
        }
        return row;
      } catch (e) {
        const reason =
          e instanceof FieldError ? e.reason : e instanceof CsvError ? e.message : null;
        if (reason === null) throw e;
        throw new SerdeError('Error deserializing delimited', [reason]);
      }
    },
  };
}

function firstRecord(text: string, delimiter: string): string[] {
  const records = parseCsv(text, delimiter);
  if (records.length === 0) throw new FieldError('No fields in record');
  return records[0]!;
}

function parserFor(type: SqlType): FieldParser {
  switch (type.base) {
    case 'BOOLEAN':
      return (s) => s.toLowerCase() === 'true';
    case 'INTEGER':
      return (s) => parseJavaInt(s) ?? fail(parseIntegerMessage(s));
    case 'BIGINT':
      return parseLong;
    case 'DOUBLE':
      return (s) => parseJavaDouble(s) ?? fail(parseDoubleMessage(s));
    case 'STRING':
      return (s) => s;
    case 'DECIMAL': {
      const { precision, scale } = type;
      return (s) =>
        fitDecimal(parseBigDecimal(s) ?? fail(bigDecimalSyntaxMessage(s)), precision, scale);
    }
    case 'TIMESTAMP':
    case 'DATE':
      return (s) => Number(parseLong(s));
    case 'TIME':
      return parseTime;
    case 'BYTES':
      return (s) => decodeJavaBase64(s) ?? fail(`Value is not a valid Base64 encoded string: ${s}`);
    default:
      throw new Error(`DELIMITED cannot hold ${type.base}`);
  }
}

function parseLong(s: string): bigint {
  return parseJavaLong(s) ?? fail(parseIntegerMessage(s));
}

function parseTime(s: string): number {
  const millis = parseLong(s);
  if (millis < 0n || millis > BigInt(MILLIS_PER_DAY)) {
    fail(
      `Time values must use number of milliseconds greater than 0 and less than ${MILLIS_PER_DAY}.`,
    );
  }
  return Number(millis);
}

function fail(reason: string): never {
  throw new FieldError(reason);
}

function printerFor(type: SqlType): FieldPrinter {
  switch (type.base) {
    case 'BOOLEAN':
      return (v) => (v ? 'true' : 'false');
    case 'DOUBLE':
      return (v) => javaDoubleToString(v as number);
    case 'STRING':
      return (v) => v as string;
    case 'DECIMAL': {
      const scale = type.scale;
      return (v) =>
        bigDecimalToPlainString(decimalParts(v as { toFixed(dp: number): string }, scale));
    }
    case 'BYTES':
      return (v) => encodeBase64(v as Buffer);
    default:
      return (v) => String(v as number | bigint);
  }
}
