/**
 * Named Avro types (records, enums, fixed) by full name, so that a schema that refers to a type
 * by name after defining it can be followed, as Avro's parser does; and the resolution of a
 * schema node (a name, an object or a union) to the node it stands for.
 */
import {
  PRIMITIVES,
  avroFullName,
  avroKind,
  avroObject,
  type AvroSchema,
  type AvroSchemaObject,
} from './avro-types.js';

/** A schema node with the namespace its names resolve against. */
export interface ScopedNode {
  readonly node: AvroSchema;
  readonly namespace: string | undefined;
}

export class AvroNames {
  private readonly named = new Map<string, ScopedNode>();

  constructor(roots: readonly AvroSchema[]) {
    for (const root of roots) this.index(root, undefined);
  }

  /** Follows a reference by name; other nodes are returned as they are. */
  resolve(node: AvroSchema, namespace: string | undefined): ScopedNode {
    if (typeof node === 'string' && !PRIMITIVES.has(node)) {
      const full = node.includes('.') || !namespace ? node : `${namespace}.${node}`;
      const found = this.named.get(full) ?? this.named.get(node);
      if (!found) throw new Error(`Undefined name: ${node}`);
      return found;
    }
    if (typeof node === 'object' && !Array.isArray(node)) {
      const obj = node as AvroSchemaObject;
      if (typeof obj.type === 'string' && !PRIMITIVES.has(obj.type) && !COMPLEX.has(obj.type)) {
        return this.resolve(obj.type, namespace);
      }
    }
    return { node, namespace };
  }

  private index(node: AvroSchema, namespace: string | undefined): void {
    if (Array.isArray(node)) {
      for (const b of node) this.index(b, namespace);
      return;
    }
    if (typeof node !== 'object') return;
    const obj = avroObject(node);
    const kind = avroKind(obj);
    let ns = namespace;
    if (kind === 'record' || kind === 'error' || kind === 'enum' || kind === 'fixed') {
      const full = avroFullName(obj, namespace);
      if (full !== undefined) {
        this.named.set(full, { node: obj, namespace: namespaceOf(full) });
        ns = namespaceOf(full);
      }
    }
    if (obj.fields) for (const f of obj.fields) this.index(f.type, ns);
    if (obj.items !== undefined) this.index(obj.items, ns);
    if (obj.values !== undefined) this.index(obj.values, ns);
    if (typeof obj.type === 'object') this.index(obj.type, ns);
  }
}

const COMPLEX: ReadonlySet<string> = new Set(['record', 'error', 'enum', 'fixed', 'array', 'map']);

export function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? undefined : fullName.slice(0, dot);
}

/** The namespace a record's fields resolve names against. */
export function innerNamespace(obj: AvroSchemaObject, namespace: string | undefined) {
  const full = avroFullName(obj, namespace);
  return full === undefined ? namespace : namespaceOf(full);
}
