/**
 * The run-time part of a serde's options, which no stored plan holds: the topic (the registry's
 * subject is named after it) and the schema registry handle of the engine, both added only for
 * the formats that use a registry (every format names the topic in its error messages).
 */
import type { SchemaRegistry } from './schema-registry/registry.js';
import type { FormatName, SerdeOptions } from './serde.js';

const REGISTRY_FORMATS: ReadonlySet<FormatName> = new Set(['AVRO', 'PROTOBUF', 'JSON_SR']);

/** Whether a format keeps its schemas in a schema registry. */
export function usesSchemaRegistry(format: FormatName): boolean {
  return REGISTRY_FORMATS.has(format);
}

/** `format`'s planned options with the topic and registry a serde of it needs at run time. */
export function runtimeOptions(
  format: { readonly format: FormatName; readonly options: SerdeOptions },
  topic: string,
  registry: SchemaRegistry | undefined,
): SerdeOptions {
  if (!usesSchemaRegistry(format.format)) return { ...format.options, topic };
  return { ...format.options, topic, ...(registry ? { registry } : {}) };
}
