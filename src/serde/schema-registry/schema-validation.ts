/**
 * Checking a schema before it is registered (it must parse in its language, references resolved),
 * and the canonical key under which equal schemas are recognised: Avro and JSON schemas compare as
 * parsed JSON, so whitespace does not matter; Protobuf schemas as trimmed text.
 */
import { avroType, parseAvroSchema, type AvroSchema } from '../avro/avro-types.js';
import { parseProtoSchema, type ReferenceResolver } from '../protobuf/proto-parse.js';
import { ERROR_CODES, RegistryError, type SchemaDefinition } from './registry.js';

/** Throws RegistryError 42201 when the schema does not parse. */
export function validateSchema(def: SchemaDefinition, resolve: ReferenceResolver): void {
  try {
    switch (def.schemaType) {
      case 'AVRO':
        avroType(parseAvroSchema(def.schema), referencedAvroTypes(def, resolve));
        return;
      case 'PROTOBUF':
        parseProtoSchema(def, resolve);
        return;
      case 'JSON': {
        const parsed: unknown = JSON.parse(def.schema);
        if (typeof parsed !== 'object' && typeof parsed !== 'boolean') {
          throw new Error('A JSON schema must be an object or a boolean');
        }
        return;
      }
    }
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    throw new RegistryError(
      422,
      ERROR_CODES.invalidSchema,
      `Invalid schema ${def.schema}, details: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The named Avro types a schema's references define, for parsing the schema that uses them. */
export function referencedAvroTypes(
  def: SchemaDefinition,
  resolve: ReferenceResolver,
): AvroSchema[] {
  const out: AvroSchema[] = [];
  for (const ref of def.references) {
    const target = resolve(ref);
    if (target && target.schemaType === 'AVRO') {
      out.push(...referencedAvroTypes(target, resolve), parseAvroSchema(target.schema));
    }
  }
  return out;
}

/** A key equal for schemas the registry treats as the same. */
export function canonicalKey(def: SchemaDefinition): string {
  let text = def.schema.trim();
  if (def.schemaType !== 'PROTOBUF') {
    try {
      text = JSON.stringify(JSON.parse(text));
    } catch {
      // An unparseable schema keeps its text; validation refuses it anyway.
    }
  }
  return `${def.schemaType}\u0000${text}\u0000${JSON.stringify(def.references)}`;
}
