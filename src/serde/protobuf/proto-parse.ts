/**
 * Protobuf schema text, as the registry holds it, parsed with protobufjs: imports resolved from the
 * schema's references, protobufjs's well-known types and Confluent's built-ins; the file's
 * top-level messages listed in order, which is what Confluent's message indexes count. Confluent's
 * `(confluent.field_meta)` options (decimal precision and scale) use list syntax protobufjs does
 * not read, so they are rewritten to a plain string option first.
 */
import protobuf from 'protobufjs';
import type { SchemaDefinition, SchemaReference } from '../schema-registry/registry.js';
import { BUILTIN_PROTO_FILES } from './proto-builtins.js';

export type ProtoType = protobuf.Type;
export type ProtoField = protobuf.Field;
export type ProtoEnum = protobuf.Enum;

/** A parsed Protobuf schema: its file's top-level messages, in order, all types resolved. */
export interface ProtoSchema {
  readonly root: protobuf.Root;
  readonly messages: readonly ProtoType[];
}

export type ReferenceResolver = (ref: SchemaReference) => SchemaDefinition | undefined;

const cache = new Map<string, ProtoSchema>();

export class ProtoSchemaError extends Error {}

/** Parses a Protobuf schema with its references; throws ProtoSchemaError when it cannot. */
export function parseProtoSchema(def: SchemaDefinition, resolve: ReferenceResolver): ProtoSchema {
  const key = JSON.stringify([def.schema, def.references]);
  const cached = cache.get(key);
  if (cached) return cached;
  const root = new protobuf.Root();
  let messages: ProtoType[];
  try {
    const parsed = parseInto(def.schema, root);
    const ns = parsed.package ? root.lookup(parsed.package) : root;
    messages = topLevelMessages(ns, parsed.before);
    const loaded = new Set<string>();
    loadImports(parsed.imports, def.references, root, resolve, loaded);
    root.resolveAll();
  } catch (e) {
    if (e instanceof ProtoSchemaError) throw e;
    throw new ProtoSchemaError(e instanceof Error ? e.message : String(e));
  }
  if (messages.length === 0) throw new ProtoSchemaError('The schema defines no message');
  const schema = { root, messages };
  if (cache.size > 10_000) cache.clear();
  cache.set(key, schema);
  return schema;
}

interface Parsed {
  readonly package: string | undefined;
  readonly imports: readonly string[];
  /** Names already nested in the package before this file was added. */
  readonly before: ReadonlySet<string>;
}

function parseInto(text: string, root: protobuf.Root): Parsed {
  const result = protobuf.parse(rewriteFieldMeta(text), root, { keepCase: true });
  const imports = [...(result.imports ?? []), ...(result.weakImports ?? [])];
  return { package: result.package, imports, before: new Set() };
}

function topLevelMessages(
  ns: protobuf.ReflectionObject | null,
  before: ReadonlySet<string>,
): ProtoType[] {
  if (!(ns instanceof protobuf.Namespace)) return [];
  return ns.nestedArray.filter(
    (n): n is ProtoType => n instanceof protobuf.Type && !before.has(n.name),
  );
}

function loadImports(
  imports: readonly string[],
  references: readonly SchemaReference[],
  root: protobuf.Root,
  resolve: ReferenceResolver,
  loaded: Set<string>,
): void {
  for (const name of imports) {
    if (loaded.has(name)) continue;
    loaded.add(name);
    const ref = references.find((r) => r.name === name);
    if (ref) {
      const def = resolve(ref);
      if (!def) {
        throw new ProtoSchemaError(
          `Reference '${name}' (subject ${ref.subject}, version ${ref.version}) not found`,
        );
      }
      const parsed = parseInto(def.schema, root);
      loadImports(parsed.imports, def.references, root, resolve, loaded);
      continue;
    }
    const common = protobuf.common.get(name);
    if (common) {
      root.addJSON(common.nested ?? {});
      continue;
    }
    const builtin = BUILTIN_PROTO_FILES.get(name);
    if (builtin !== undefined) {
      parseInto(builtin, root);
      continue;
    }
    throw new ProtoSchemaError(`Import '${name}' is neither a reference nor a known file`);
  }
}

/**
 * `[(confluent.field_meta) = { params: [{key: "precision", value: "4"}, …] }]` becomes
 * `[(confluent.field_meta) = "precision=4;…"]`; other contents of the option are dropped.
 */
export function rewriteFieldMeta(text: string): string {
  const marker = /\(\s*confluent\.field_meta\s*\)\s*=\s*\{/g;
  let out = '';
  let last = 0;
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(text, open);
    const body = text.slice(open + 1, close);
    const params: string[] = [];
    const pair = /\{([^{}]*)\}/g;
    for (let p = pair.exec(body); p !== null; p = pair.exec(body)) {
      const k = /key\s*:\s*"([^"]*)"/.exec(p[1]!)?.[1];
      const v = /value\s*:\s*"([^"]*)"/.exec(p[1]!)?.[1];
      if (k !== undefined && v !== undefined) params.push(`${k}=${v}`);
    }
    out += `${text.slice(last, m.index)}(confluent.field_meta) = "${params.join(';')}"`;
    last = close + 1;
    marker.lastIndex = last;
  }
  return out + text.slice(last);
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = text.indexOf('"', i + 1);
      if (i < 0) break;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new ProtoSchemaError('Unbalanced braces in (confluent.field_meta)');
}

/** The params of a field's `(confluent.field_meta)` option (`precision`, `scale`). */
export function fieldMetaParams(field: ProtoField): ReadonlyMap<string, string> {
  const raw = field.options?.['(confluent.field_meta)'];
  const out = new Map<string, string>();
  if (typeof raw !== 'string') return out;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

/** The message at Confluent message indexes (`[0]` the first top-level message). */
export function messageAt(schema: ProtoSchema, indexes: readonly number[]): ProtoType | undefined {
  let current: ProtoType | undefined = schema.messages[indexes[0] ?? 0];
  for (const i of indexes.slice(1)) {
    current = current?.nestedArray.filter((n): n is ProtoType => n instanceof protobuf.Type)[i];
  }
  return current;
}

/** The message indexes of a message of the schema's file. */
export function indexesOf(schema: ProtoSchema, type: ProtoType): number[] {
  const path: number[] = [];
  let current: protobuf.ReflectionObject = type;
  while (current.parent instanceof protobuf.Type) {
    const siblings = current.parent.nestedArray.filter((n) => n instanceof protobuf.Type);
    path.unshift(siblings.indexOf(current as ProtoType));
    current = current.parent;
  }
  path.unshift(schema.messages.indexOf(current as ProtoType));
  return path;
}

/** The full name of a type, without protobufjs's leading dot. */
export function fullNameOf(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

/** Every message of the file, nested ones included, in declaration order. */
export function allMessages(schema: ProtoSchema): ProtoType[] {
  const out: ProtoType[] = [];
  const visit = (t: ProtoType): void => {
    out.push(t);
    for (const n of t.nestedArray) if (n instanceof protobuf.Type) visit(n);
  };
  schema.messages.forEach(visit);
  return out;
}

/** A message of the file by full name (or by simple name when unambiguous). */
export function messageNamed(schema: ProtoSchema, name: string): ProtoType | undefined {
  const all = allMessages(schema);
  return (
    all.find((t) => fullNameOf(t) === name) ??
    (all.filter((t) => t.name === name).length === 1 ? all.find((t) => t.name === name) : undefined)
  );
}

export { protobuf };
