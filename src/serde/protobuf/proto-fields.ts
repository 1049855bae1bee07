/**
 * How streamsql classifies a Protobuf field: the kind of value it holds (a scalar, an enum, a
 * well-known type that maps to a SQL type, or a nested message) and whether it can be absent
 * (message fields, `optional` scalars and members of a oneof have presence; other proto3 scalars
 * read as their default when absent).
 */
import { WELL_KNOWN, WRAPPERS } from './proto-builtins.js';
import { fullNameOf, protobuf, type ProtoField, type ProtoType } from './proto-parse.js';

export type FieldKind =
  | { readonly kind: 'scalar'; readonly scalar: string }
  | { readonly kind: 'enum'; readonly enumType: protobuf.Enum }
  | { readonly kind: 'wrapper'; readonly scalar: string }
  | { readonly kind: 'timestamp' | 'date' | 'time' | 'decimal' }
  | { readonly kind: 'message'; readonly message: ProtoType };

/** The kind of value one element of a field holds (an item of a repeated field, a map's value). */
export function fieldKind(field: ProtoField): FieldKind {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', enumType: resolved };
  if (resolved instanceof protobuf.Type) {
    const name = fullNameOf(resolved);
    const wrapped = WRAPPERS.get(name);
    if (wrapped !== undefined) return { kind: 'wrapper', scalar: wrapped };
    if (name === WELL_KNOWN.timestamp) return { kind: 'timestamp' };
    if (name === WELL_KNOWN.date) return { kind: 'date' };
    if (name === WELL_KNOWN.time) return { kind: 'time' };
    if (name === WELL_KNOWN.decimal) return { kind: 'decimal' };
    return { kind: 'message', message: resolved };
  }
  return { kind: 'scalar', scalar: field.type };
}

/** Whether an unset field reads as null rather than as its type's default. */
export function hasPresence(field: ProtoField): boolean {
  if (field.repeated || field.map) return false;
  if (field.resolvedType instanceof protobuf.Type) return true;
  return field.partOf !== null && field.partOf !== undefined;
}

/** The map key type of a map field. */
export function mapKeyType(field: ProtoField): string {
  return (field as ProtoField & { keyType: string }).keyType;
}

/** The scalar types whose values are 64-bit (Long in protobufjs). */
export const LONG_SCALARS: ReadonlySet<string> = new Set([
  'int64',
  'uint64',
  'sint64',
  'fixed64',
  'sfixed64',
]);

/** The fields of a message, real oneofs excluded (proto3 `optional` fields kept). */
export function plainFields(type: ProtoType): ProtoField[] {
  return type.fieldsArray.filter((f) => !isRealOneofMember(f));
}

/** The real oneofs of a message (not the synthetic ones of proto3 `optional`). */
export function realOneofs(type: ProtoType): protobuf.OneOf[] {
  return type.oneofsArray.filter((o) => !o.fieldsArray.every((f) => f.options?.proto3_optional));
}

function isRealOneofMember(field: ProtoField): boolean {
  return field.partOf !== null && field.partOf !== undefined && !field.options?.proto3_optional;
}
