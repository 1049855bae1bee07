/**
 * The WITH-clause properties that choose a source's formats, resolved as ksqlDB resolves them:
 * FORMAT sets both sides and conflicts with KEY_FORMAT / VALUE_FORMAT; the key format defaults to
 * KAFKA (`ksql.persistence.default.format.key`); VALUE_DELIMITER / KEY_DELIMITER take one
 * character or TAB / SPACE and only DELIMITED accepts them; WRAP_SINGLE_VALUE must be a boolean the
 * value format supports. Errors carry ksqlDB's messages.
 */
import { AnalysisError } from '../common/errors.js';
import { supportsWrapping, wrappingNotSupportedMessage } from './format-support.js';
import { javaTrim } from './java/double-text.js';
import type { FormatName, SerdeOptions } from './serde.js';

export type FormatPropertyValue = string | number | boolean | null;

/** One side's format and the options its serde takes. */
export interface ResolvedFormat {
  readonly format: FormatName;
  readonly options: SerdeOptions;
}

export interface ResolvedFormats {
  readonly key: ResolvedFormat;
  readonly value: ResolvedFormat;
}

/** Formats used where the statement names none, e.g. a CREATE … AS SELECT's source formats. */
export interface FormatDefaults {
  readonly keyFormat?: FormatName;
  readonly valueFormat?: FormatName;
  /** Options kept with a defaulted key format (its delimiter) unless the statement sets them. */
  readonly keyOptions?: SerdeOptions;
  /** Options kept with a defaulted value format (its delimiter) unless the statement sets them. */
  readonly valueOptions?: SerdeOptions;
}

const FORMAT_NAMES: readonly FormatName[] = [
  'AVRO',
  'JSON',
  'JSON_SR',
  'PROTOBUF',
  'PROTOBUF_NOSR',
  'KAFKA',
  'DELIMITED',
  'NONE',
];

const NAMED_DELIMITERS: ReadonlyMap<string, string> = new Map([
  ['TAB', '\t'],
  ['SPACE', ' '],
]);

const EITHER_FORMAT =
  "properties, as 'FORMAT' sets both key and value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.";

export function resolveFormats(
  props: Readonly<Record<string, FormatPropertyValue>>,
  defaults: FormatDefaults = {},
): ResolvedFormats {
  const p = upperCaseKeys(props);
  const valueFormat = stringProperty(p, 'VALUE_FORMAT');
  const wrap = booleanProperty(p, 'WRAP_SINGLE_VALUE');
  const keyDelimiter = delimiterProperty(p, 'KEY_DELIMITER');
  const valueDelimiter = delimiterProperty(p, 'VALUE_DELIMITER');
  const keyFormat = stringProperty(p, 'KEY_FORMAT');
  const format = stringProperty(p, 'FORMAT');
  if (format !== undefined) {
    if (keyFormat !== undefined) {
      throw new AnalysisError(`Cannot supply both 'KEY_FORMAT' and 'FORMAT' ${EITHER_FORMAT}`);
    }
    if (valueFormat !== undefined) {
      throw new AnalysisError(`Cannot supply both 'VALUE_FORMAT' and 'FORMAT' ${EITHER_FORMAT}`);
    }
  }

  const keyName = format ?? keyFormat;
  const valueName = format ?? valueFormat;
  if (valueName === undefined && defaults.valueFormat === undefined) {
    throw new AnalysisError(
      "Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.",
    );
  }
  const key = keyName === undefined ? (defaults.keyFormat ?? 'KAFKA') : formatName(keyName);
  const value = valueName === undefined ? defaults.valueFormat! : formatName(valueName);

  const keyOptions = sideOptions(
    key,
    keyDelimiter,
    keyName === undefined ? defaults.keyOptions : undefined,
  );
  const valueOptions = sideOptions(
    value,
    valueDelimiter,
    valueName === undefined ? defaults.valueOptions : undefined,
  );
  if (wrap !== undefined && !supportsWrapping(value, wrap)) {
    throw new AnalysisError(wrappingNotSupportedMessage(value, wrap));
  }
  const keySchema = schemaOptions(p, 'KEY', key);
  const valueSchema = schemaOptions(p, 'VALUE', value);
  return {
    key: { format: key, options: { ...keyOptions, ...keySchema } },
    value: {
      format: value,
      options: {
        ...valueOptions,
        ...valueSchema,
        ...(wrap === undefined ? {} : { wrapSingleValue: wrap }),
      },
    },
  };
}

const SCHEMA_FORMATS: ReadonlySet<FormatName> = new Set(['AVRO', 'PROTOBUF', 'JSON_SR']);

/**
 * <SIDE>_SCHEMA_ID, <SIDE>_SCHEMA_FULL_NAME (VALUE_AVRO_SCHEMA_FULL_NAME, the legacy name) and
 * <SIDE>_PROTOBUF_NULLABLE_REPRESENTATION, for the formats that take them.
 */
function schemaOptions(
  p: ReadonlyMap<string, string | number | boolean>,
  side: 'KEY' | 'VALUE',
  format: FormatName,
): SerdeOptions {
  const idText = p.get(`${side}_SCHEMA_ID`);
  const fullName =
    stringProperty(p, `${side}_SCHEMA_FULL_NAME`) ??
    (side === 'VALUE' ? stringProperty(p, 'VALUE_AVRO_SCHEMA_FULL_NAME') : undefined);
  const nullable = stringProperty(p, `${side}_PROTOBUF_NULLABLE_REPRESENTATION`)?.toUpperCase();
  const out: { -readonly [K in keyof SerdeOptions]: SerdeOptions[K] } = {};
  if (idText !== undefined) {
    if (!SCHEMA_FORMATS.has(format)) {
      throw new AnalysisError(
        `${side}_FORMAT should support schema inference when ${side}_SCHEMA_ID is provided. Current format is ${format}.`,
      );
    }
    const id = Number(idText);
    if (!Number.isInteger(id)) {
      throw invalidValue(`${side}_SCHEMA_ID`, idText, 'Expected value to be a whole number');
    }
    out.schemaId = id;
  }
  if (fullName === '') {
    throw new AnalysisError(
      'fullSchemaName cannot be empty. Format configuration: {fullSchemaName=}',
    );
  }
  if (fullName !== undefined) {
    if (format !== 'AVRO' && format !== 'PROTOBUF' && format !== 'PROTOBUF_NOSR') {
      throw new AnalysisError(`${format} does not support the following configs: [fullSchemaName]`);
    }
    out.schemaFullName = fullName;
  }
  if (nullable !== undefined) {
    if (format !== 'PROTOBUF' && format !== 'PROTOBUF_NOSR') {
      throw new AnalysisError(
        `${format} does not support the following configs: [nullableRepresentation]`,
      );
    }
    if (nullable !== 'OPTIONAL' && nullable !== 'WRAPPER') {
      throw invalidValue(
        `${side}_PROTOBUF_NULLABLE_REPRESENTATION`,
        nullable,
        'String must be one of: OPTIONAL, WRAPPER',
      );
    }
    out.nullableRepresentation = nullable;
  }
  return out;
}

function sideOptions(
  format: FormatName,
  delimiter: string | undefined,
  inherited: SerdeOptions | undefined,
): SerdeOptions {
  if (delimiter !== undefined) {
    if (format !== 'DELIMITED') {
      throw new AnalysisError(`${format} does not support the following configs: [delimiter]`);
    }
    return { delimiter };
  }
  const kept = format === 'DELIMITED' ? inherited?.delimiter : undefined;
  return kept === undefined ? {} : { delimiter: kept };
}

export function formatName(name: string): FormatName {
  const upper = name.toUpperCase();
  const found = FORMAT_NAMES.find((f) => f === upper);
  if (found === undefined) throw new AnalysisError(`Unknown format: ${upper}`);
  return found;
}

function upperCaseKeys(
  props: Readonly<Record<string, FormatPropertyValue>>,
): ReadonlyMap<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  for (const [k, v] of Object.entries(props)) if (v !== null) out.set(k.toUpperCase(), v);
  return out;
}

/** A STRING property as Kafka's ConfigDef parses it: strings only, trimmed. */
function stringProperty(
  p: ReadonlyMap<string, string | number | boolean>,
  name: string,
): string | undefined {
  const v = p.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    throw invalidValue(name, v, `Expected value to be a string, but it was a ${javaClassOf(v)}`);
  }
  return javaTrim(v);
}

function booleanProperty(
  p: ReadonlyMap<string, string | number | boolean>,
  name: string,
): boolean | undefined {
  const v = p.get(name);
  if (v === undefined || typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? javaTrim(v).toLowerCase() : '';
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalidValue(name, v, 'Expected value to be either true or false');
}

/** A delimiter property: one character, or TAB / SPACE, as ksqlDB's Delimiter.parse. */
function delimiterProperty(
  p: ReadonlyMap<string, string | number | boolean>,
  name: string,
): string | undefined {
  const text = stringProperty(p, name);
  if (text === undefined) return undefined;
  const example = "\nExample valid value: ';'";
  // ksqlDB checks the WITH clause while it prepares the statement, and says so.
  const prepare = 'Failed to prepare statement: ';
  if (text === '') {
    throw new AnalysisError(
      `${prepare}Configuration ${name} is invalid: Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use the special values 'TAB' or 'SPACE'${example}`,
    );
  }
  if (text.length === 1) return text;
  const named = NAMED_DELIMITERS.get(text);
  if (named !== undefined) return named;
  throw new AnalysisError(
    `${prepare}Configuration ${name} is invalid: Invalid delimiter value: '${text}'. Delimiter must be a single character or TAB,SPACE${example}`,
  );
}

function invalidValue(
  name: string,
  value: string | number | boolean,
  reason: string,
): AnalysisError {
  return new AnalysisError(`Invalid value ${String(value)} for property ${name}: ${reason}`);
}

function javaClassOf(v: number | boolean): string {
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (!Number.isInteger(v)) return 'java.math.BigDecimal';
  return v >= -2147483648 && v <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
}
