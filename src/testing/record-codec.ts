/**
 * Records between their QTT JSON shapes and bytes, by the formats of the source declared on the
 * topic, as ksqlDB's harness serializes them (SerdeUtil): not through the source's columns, but
 * as the test wrote them. JSON (and JSON_SR, after its 5-byte schema-registry header) is the JSON
 * text as given; DELIMITED a string as is; KAFKA one column by its type (kafka-bytes.ts); NONE no
 * bytes at all. Windowed keys are wrapped in ksqlDB's windowed key formats (windowed-key.ts).
 */
import { UnsupportedError } from '../common/errors.js';
import type { Column } from '../common/schema.js';
import type { DataSource } from '../engine/data-source.js';
import type { Header, ProducerRecord } from '../log/log.js';
import { isJsonNumber, jsonText, parseJsonText, type JsonValue } from './json-text.js';
import { decodeKafka, encodeKafka } from './kafka-bytes.js';
import type { HeaderSpec, RecordSpec, WindowSpec } from './test-case.js';
import { unwrapWindowedKey, wrapWindowedKey } from './windowed-key.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { FormatName, SerdeOptions } from '../serde/serde.js';
import {
  decodeNoSrSide,
  decodeRegistrySide,
  encodeNoSrSide,
  encodeRegistrySide,
} from './sr-spec-codec.js';

/** Where schema-registry formats find their schemas, and the topic that names the subject. */
export interface RegistryContext {
  readonly registry: SchemaRegistry;
  readonly topic: string;
  /** The source's KEY_/VALUE_SCHEMA_FULL_NAME: the Protobuf message inputs are written as. */
  readonly fullName?: { readonly key?: string; readonly value?: string };
}

/** The header of JSON_SR bytes: magic byte 0 and schema id 1, as ksqlDB's harness writes. */
const JSON_SR_HEADER = Buffer.from([0, 0, 0, 0, 1]);

type Side = 'key' | 'value';

function sideColumns(source: DataSource, side: Side): Column[] {
  return source.columns.filter((c) => c.namespace === side);
}

/** Bytes of one side of a record in a format. */
export function encodeSide(
  value: JsonValue,
  format: string,
  columns: readonly Column[],
  side: Side,
  sr?: RegistryContext,
  options?: SerdeOptions,
): Buffer | null {
  // A source without key columns has ksqlDB's NONE key format, whatever the test gives: no key.
  if (value === null || (side === 'key' && columns.length === 0)) return null;
  switch (format) {
    case 'NONE':
      return null;
    case 'JSON':
      return Buffer.from(jsonText(value), 'utf8');
    case 'JSON_SR':
      return Buffer.concat([JSON_SR_HEADER, Buffer.from(jsonText(value), 'utf8')]);
    case 'DELIMITED':
      if (typeof value === 'string') return Buffer.from(value, 'utf8');
      if (isJsonNumber(value) || typeof value === 'boolean')
        return Buffer.from(String(value), 'utf8');
      throw new Error(`a DELIMITED ${side} must be given as a string, not ${jsonText(value)}`);
    case 'KAFKA':
      return encodeKafka(value, singleColumn(columns, side).type);
    case 'PROTOBUF_NOSR':
      return encodeNoSrSide(value, side, columns, options);
    case 'AVRO':
    case 'PROTOBUF':
      if (!sr) throw new UnsupportedError(`writing ${format} records needs a schema registry`);
      return encodeRegistrySide(
        value,
        format as FormatName,
        sr.topic,
        side,
        columns,
        sr.registry,
        sr.fullName?.[side],
      );
    default:
      throw new UnsupportedError(`writing ${format} records in tests is not supported yet`);
  }
}

/** The JSON shape of one side's bytes in a format. */
export function decodeSide(
  bytes: Buffer | null,
  format: string,
  columns: readonly Column[],
  side: Side,
  sr?: RegistryContext,
  options?: SerdeOptions,
): JsonValue {
  if (bytes === null || (side === 'key' && columns.length === 0)) return null;
  switch (format) {
    case 'NONE':
      return null;
    case 'JSON':
      return parseJsonText(bytes.toString('utf8'), false);
    case 'JSON_SR':
      if (bytes.length < 5 || bytes[0] !== 0)
        throw new Error(`JSON_SR ${side} without its schema-registry header`);
      return parseJsonText(bytes.subarray(5).toString('utf8'), false);
    case 'DELIMITED':
      return bytes.toString('utf8');
    case 'KAFKA':
      return decodeKafka(bytes, singleColumn(columns, side).type);
    case 'PROTOBUF_NOSR':
      return decodeNoSrSide(bytes, side, columns, options);
    case 'AVRO':
    case 'PROTOBUF':
      if (!sr) throw new UnsupportedError(`reading ${format} records needs a schema registry`);
      return decodeRegistrySide(bytes, format, sr.topic, side, sr.registry);
    default:
      throw new UnsupportedError(`reading ${format} records in tests is not supported yet`);
  }
}

function singleColumn(columns: readonly Column[], side: Side): Column {
  if (columns.length !== 1) {
    throw new Error(`KAFKA format only supports single column schemas (${side}).`);
  }
  return columns[0]!;
}

/** An input record as the bytes to produce (partition 0, as TopologyTestDriver has one partition). */
export function encodeInput(
  record: RecordSpec,
  source: DataSource,
  registry?: SchemaRegistry,
): ProducerRecord {
  const sr = registry
    ? {
        registry,
        topic: record.topic,
        fullName: {
          ...(source.keyFormat.options.schemaFullName !== undefined
            ? { key: source.keyFormat.options.schemaFullName }
            : {}),
          ...(source.valueFormat.options.schemaFullName !== undefined
            ? { value: source.valueFormat.options.schemaFullName }
            : {}),
        },
      }
    : undefined;
  let key: Buffer | null;
  try {
    key = encodeSide(
      record.key,
      source.keyFormat.format,
      sideColumns(source, 'key'),
      'key',
      sr,
      source.keyFormat.options,
    );
    if (source.window) {
      if (!record.window)
        throw new Error(`${source.name} is windowed: the input record needs a "window"`);
      key = wrapWindowedKey(key, record.window, source.window.type);
    }
  } catch (err) {
    throw rethrow(err, 'Failed to serialize key');
  }
  let value: Buffer | null;
  try {
    value = encodeSide(
      record.value,
      source.valueFormat.format,
      sideColumns(source, 'value'),
      'value',
      sr,
      source.valueFormat.options,
    );
  } catch (err) {
    throw rethrow(err, 'Failed to serialize value');
  }
  return {
    key,
    value,
    timestamp: record.timestamp ?? 0,
    headers: (record.headers ?? []).map(toHeader),
    partition: 0,
  };
}

function toHeader(h: HeaderSpec): Header {
  return { key: h.key, value: h.value === null ? null : Buffer.from(h.value, 'base64') };
}

function fromHeader(h: Header): HeaderSpec {
  return { key: h.key, value: h.value === null ? null : h.value.toString('base64') };
}

/** What the runner collects of a record written to a topic. */
export interface RawRecord {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers: readonly Header[];
}

/** A record read back in its QTT shape, by the formats of the source on its topic. */
export function decodeOutput(
  record: RawRecord,
  source: DataSource,
  registry?: SchemaRegistry,
): RecordSpec {
  const sr = registry ? { registry, topic: record.topic } : undefined;
  let key: JsonValue;
  let window: WindowSpec | undefined;
  try {
    let keyBytes = record.key;
    if (source.window && keyBytes !== null) {
      const unwrapped = unwrapWindowedKey(keyBytes, source.window.type, source.window.sizeMs);
      keyBytes = unwrapped.inner;
      window = unwrapped.window;
    }
    key = decodeSide(
      keyBytes,
      source.keyFormat.format,
      sideColumns(source, 'key'),
      'key',
      sr,
      source.keyFormat.options,
    );
  } catch (err) {
    throw rethrow(err, 'Failed to deserialize key');
  }
  let value: JsonValue;
  try {
    value = decodeSide(
      record.value,
      source.valueFormat.format,
      sideColumns(source, 'value'),
      'value',
      sr,
      source.valueFormat.options,
    );
  } catch (err) {
    throw rethrow(err, 'Failed to deserialize value');
  }
  return {
    topic: record.topic,
    key,
    value,
    timestamp: record.timestamp,
    ...(window ? { window } : {}),
    ...(record.headers.length > 0 ? { headers: record.headers.map(fromHeader) } : {}),
  };
}

function rethrow(err: unknown, what: string): Error {
  if (err instanceof UnsupportedError) return err;
  return new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
}
