/**
 * `topic produce` into a topic that a stream or table is declared on, without --key-format or
 * --value-format: each line's key and value are read as JSON against the source's columns (as
 * INSERT VALUES would take them) and written in the source's own formats, so an INT key becomes
 * Kafka's 4-byte integer, an AVRO value gets its registered schema, and so on.
 */
import { stringify as stringifyLossless } from 'lossless-json';
import type { DataSource } from '../engine/data-source.js';
import { createSerde } from '../serde/create-serde.js';
import { runtimeOptions } from '../serde/runtime-options.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { RecordSide, Serde } from '../serde/serde.js';
import type { Encoder } from './record-encoder.js';

export function sourceEncoders(
  source: DataSource,
  registry: SchemaRegistry | undefined,
): { key: Encoder; value: Encoder } {
  return {
    key: sideEncoder(source, 'key', registry),
    value: sideEncoder(source, 'value', registry),
  };
}

/** How the defaults were chosen, for the notice `topic produce` prints. */
export function describeSourceFormats(source: DataSource): string {
  const keys = source.columns.filter((c) => c.namespace === 'key');
  const keyText =
    keys.length === 0
      ? 'no key columns'
      : `key ${source.keyFormat.format} (${keys.length} column(s))`;
  return `the formats of ${source.sourceType} ${source.name}: ${keyText}, value ${source.valueFormat.format}`;
}

function sideEncoder(
  source: DataSource,
  side: RecordSide,
  registry: SchemaRegistry | undefined,
): Encoder {
  const columns = source.columns.filter((c) => c.namespace === side);
  if (columns.length === 0) return () => null;
  const format = side === 'key' ? source.keyFormat : source.valueFormat;
  // JSON of the same columns and wrapping parses the line's part with ksqlDB's JSON rules.
  const json: Serde = createSerde('JSON', columns, side, {
    ...format.options,
    topic: source.topic,
  });
  const target = createSerde(
    format.format,
    columns,
    side,
    runtimeOptions(format, source.topic, registry),
  );
  return (value) => {
    if (value === null) return null;
    const row = json.deserialize(Buffer.from(stringifyLossless(value) ?? 'null', 'utf8'));
    return target.serialize(row);
  };
}
