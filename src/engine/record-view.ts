/**
 * How a raw topic record is shown to people (PRINT, `topic print`): keys and values deserialized
 * with the formats of a source declared on the topic when there is one, else read as UTF-8 text
 * (JSON when it parses), else base64.
 */
import type { LogRecord } from '../log/log.js';
import { createSerde } from '../serde/create-serde.js';
import type { Serde } from '../serde/serde.js';
import { runtimeOptions } from '../serde/runtime-options.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { DataSource } from './data-source.js';
import { toJsonValue } from './json-value.js';

export interface RecordView {
  readonly key: unknown;
  readonly value: unknown;
  /** Set when bytes could not be read in the declared format and are shown as base64. */
  readonly note?: string;
}

/** Shows records of a topic, with serdes built once for the source declared on it. */
export function recordViewer(
  source: DataSource | undefined,
  registry?: SchemaRegistry,
): (record: LogRecord) => RecordView {
  if (!source) return guess;
  const keys = source.columns.filter((c) => c.namespace === 'key');
  const values = source.columns.filter((c) => c.namespace === 'value');
  let keySerde: Serde | undefined;
  let valueSerde: Serde;
  try {
    keySerde =
      keys.length === 0
        ? undefined
        : createSerde(
            source.keyFormat.format,
            keys,
            'key',
            runtimeOptions(source.keyFormat, source.topic, registry),
          );
    valueSerde = createSerde(
      source.valueFormat.format,
      values,
      'value',
      runtimeOptions(source.valueFormat, source.topic, registry),
    );
  } catch (err) {
    const note = `not readable as ${source.name}'s formats: ${(err as Error).message}`;
    return (record) => ({ ...guess(record), note });
  }
  return (record) => {
    try {
      const key = keySerde ? keySerde.deserialize(record.key) : null;
      const value = valueSerde.deserialize(record.value);
      return {
        key:
          key === null
            ? null
            : keys.length === 1
              ? toJsonValue(key[0])
              : Object.fromEntries(keys.map((c, i) => [c.name, toJsonValue(key[i])])),
        value:
          value === null
            ? null
            : Object.fromEntries(values.map((c, i) => [c.name, toJsonValue(value[i])])),
      };
    } catch (err) {
      return {
        ...guess(record),
        note: `not readable as ${source.name}'s formats: ${(err as Error).message}`,
      };
    }
  };
}

function guess(record: LogRecord): RecordView {
  return { key: guessBytes(record.key), value: guessBytes(record.value) };
}

function guessBytes(bytes: Buffer | null): unknown {
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes) && !hasControlCharacters(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return { base64: bytes.toString('base64') };
}

/** Control characters other than tab, newline and carriage return mark binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true;
  }
  return false;
}
