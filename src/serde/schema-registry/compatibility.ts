/**
 * Schema evolution checks, per Confluent's compatibility levels: BACKWARD (the new schema can read
 * data written with the old ones), FORWARD (the old schemas can read data written with the new
 * one), FULL (both); `_TRANSITIVE` levels check every earlier version, the others the latest.
 * Avro uses Avro's own schema resolution (avsc's resolvers). Protobuf and JSON Schema use the
 * rules that matter for streamsql's columns: a field (by number, or by property name) keeps its
 * type, and JSON Schema properties newly required break backward compatibility.
 */
import { avroType, parseAvroSchema } from '../avro/avro-types.js';
import { allMessages, parseProtoSchema, type ReferenceResolver } from '../protobuf/proto-parse.js';
import type { CompatibilityLevel, SchemaDefinition } from './registry.js';
import { referencedAvroTypes } from './schema-validation.js';

/** The reasons `next` is not compatible with `previous` at `level`; empty when it is. */
export function checkCompatibility(
  next: SchemaDefinition,
  previous: readonly SchemaDefinition[],
  level: CompatibilityLevel,
  resolve: ReferenceResolver,
): string[] {
  if (level === 'NONE') return [];
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  const messages: string[] = [];
  for (const old of previous) {
    if (old.schemaType !== next.schemaType) {
      messages.push(`Incompatible schema type: ${next.schemaType} after ${old.schemaType}`);
      continue;
    }
    if (backward) messages.push(...readable(next, old, resolve).map((m) => `BACKWARD: ${m}`));
    if (forward) messages.push(...readable(old, next, resolve).map((m) => `FORWARD: ${m}`));
  }
  return messages;
}

/** Why data written with `writer` cannot be read with `reader`. */
function readable(
  reader: SchemaDefinition,
  writer: SchemaDefinition,
  resolve: ReferenceResolver,
): string[] {
  try {
    switch (reader.schemaType) {
      case 'AVRO':
        return avroReadable(reader, writer, resolve);
      case 'PROTOBUF':
        return protoReadable(reader, writer, resolve);
      case 'JSON':
        return jsonReadable(JSON.parse(reader.schema), JSON.parse(writer.schema), '#');
    }
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

function avroReadable(
  reader: SchemaDefinition,
  writer: SchemaDefinition,
  resolve: ReferenceResolver,
): string[] {
  const r = avroType(parseAvroSchema(reader.schema), referencedAvroTypes(reader, resolve));
  const w = avroType(parseAvroSchema(writer.schema), referencedAvroTypes(writer, resolve));
  try {
    r.createResolver(w);
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

function protoReadable(
  reader: SchemaDefinition,
  writer: SchemaDefinition,
  resolve: ReferenceResolver,
): string[] {
  const r = parseProtoSchema(reader, resolve);
  const w = parseProtoSchema(writer, resolve);
  const out: string[] = [];
  const writerTypes = new Map(allMessages(w).map((t) => [t.fullName, t]));
  for (const rt of allMessages(r)) {
    const wt = writerTypes.get(rt.fullName);
    if (!wt) continue;
    for (const field of rt.fieldsArray) {
      const old = wt.fieldsById[field.id];
      if (!old) continue;
      const same =
        old.type === field.type &&
        old.repeated === field.repeated &&
        old.map === field.map &&
        (!field.map ||
          (old as typeof field & { keyType: string }).keyType ===
            (field as typeof field & { keyType: string }).keyType);
      if (!same) {
        out.push(
          `${rt.fullName.slice(1)}: field ${field.id} changed from ${old.type} to ${field.type}`,
        );
      }
    }
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function jsonReadable(reader: Json, writer: Json, path: string): string[] {
  if (!isObject(reader) || !isObject(writer)) return [];
  const out: string[] = [];
  const rt = reader.type;
  const wt = writer.type;
  if (typeof rt === 'string' && typeof wt === 'string' && rt !== wt) {
    if (!(rt === 'number' && wt === 'integer'))
      out.push(`${path}: type changed from ${wt} to ${rt}`);
  }
  const rProps = isObject(reader.properties) ? reader.properties : {};
  const wProps = isObject(writer.properties) ? writer.properties : {};
  for (const [name, schema] of Object.entries(rProps)) {
    if (name in wProps)
      out.push(...jsonReadable(schema, wProps[name]!, `${path}/properties/${name}`));
  }
  const required = Array.isArray(reader.required) ? reader.required : [];
  const wasRequired = Array.isArray(writer.required) ? writer.required : [];
  for (const name of required) {
    if (typeof name === 'string' && !wasRequired.includes(name) && !(name in wProps)) {
      out.push(`${path}: property '${name}' became required`);
    }
  }
  if (isObject(reader.items) && isObject(writer.items)) {
    out.push(...jsonReadable(reader.items, writer.items, `${path}/items`));
  }
  return out;
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
