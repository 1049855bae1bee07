/**
 * The top-level fields a registered schema requires a writer to fill: AVRO record fields whose
 * type does not admit null and that have no default, JSON_SR properties listed in `required`.
 * PROTOBUF (proto3) has no required fields. Used to refuse a CREATE … AS SELECT whose schema id
 * names a schema that the query's rows could never be written with.
 */
import type { SchemaDefinition } from './registry.js';

export function requiredFields(def: SchemaDefinition): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(def.schema);
  } catch {
    return [];
  }
  if (!isObject(parsed)) return [];
  switch (def.schemaType) {
    case 'AVRO': {
      if (parsed.type !== 'record' || !Array.isArray(parsed.fields)) return [];
      return parsed.fields.flatMap((f: unknown) =>
        isObject(f) && typeof f.name === 'string' && !('default' in f) && !admitsNull(f.type)
          ? [f.name]
          : [],
      );
    }
    case 'JSON':
      return Array.isArray(parsed.required)
        ? parsed.required.filter((n: unknown): n is string => typeof n === 'string')
        : [];
    default:
      return [];
  }
}

function admitsNull(type: unknown): boolean {
  if (type === 'null') return true;
  if (Array.isArray(type)) return type.some(admitsNull);
  return isObject(type) && type.type === 'null';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
