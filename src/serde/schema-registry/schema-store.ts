/**
 * The registry's state, kept in memory and changed only by applying records in the layout of
 * Confluent's `_schemas` topic (keys `{"keytype":"SCHEMA","subject","version","magic":1}`,
 * `CONFIG` and `DELETE_SUBJECT`), so that replaying the topic rebuilds it. Operations are planned
 * here (checked, ids and versions chosen) and return the records that make them happen; the
 * log-backed registry appends those records and then applies them.
 */
import { checkCompatibility } from './compatibility.js';
import {
  ERROR_CODES,
  RegistryError,
  type CompatibilityLevel,
  type CompatibilityResult,
  type RegisteredSchema,
  type SchemaDefinition,
  type SchemaReference,
  type SubjectVersion,
} from './registry.js';
import { canonicalKey, validateSchema } from './schema-validation.js';

export interface StoreRecord {
  readonly key: Readonly<Record<string, unknown>>;
  readonly value: Readonly<Record<string, unknown>> | null;
}

interface VersionEntry {
  readonly id: number;
  deleted: boolean;
}

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

export class SchemaStore {
  private readonly schemas = new Map<number, SchemaDefinition>();
  private readonly byKey = new Map<string, number>();
  private readonly subjectsMap = new Map<string, Map<number, VersionEntry>>();
  private readonly config = new Map<string | null, CompatibilityLevel>();
  private maxId = 0;

  /** Applies one `_schemas` record (null value: a tombstone). Unknown records are ignored. */
  apply(record: StoreRecord): void {
    const { key, value } = record;
    const subject = typeof key.subject === 'string' ? key.subject : null;
    switch (key.keytype) {
      case 'SCHEMA': {
        const version = Number(key.version);
        if (subject === null || !Number.isInteger(version)) return;
        const versions = this.versionMap(subject);
        if (value === null) {
          versions.delete(version);
          if (versions.size === 0) this.subjectsMap.delete(subject);
          return;
        }
        const id = Number(value.id);
        const def = definitionOf(value);
        if (!this.schemas.has(id)) {
          this.schemas.set(id, def);
          const k = canonicalKey(def);
          if (!this.byKey.has(k)) this.byKey.set(k, id);
        }
        this.maxId = Math.max(this.maxId, id);
        versions.set(version, { id, deleted: value.deleted === true });
        return;
      }
      case 'CONFIG': {
        const level = value?.compatibilityLevel;
        if (typeof level === 'string') this.config.set(subject, level as CompatibilityLevel);
        else this.config.delete(subject);
        return;
      }
      case 'DELETE_SUBJECT': {
        const upTo = Number(value?.version ?? Infinity);
        for (const [v, entry] of this.versionMap(subject ?? ''))
          if (v <= upTo) entry.deleted = true;
        return;
      }
      default:
        return;
    }
  }

  // --- queries -------------------------------------------------------------------------------

  schemaById(id: number): RegisteredSchema | undefined {
    const def = this.schemas.get(id);
    return def === undefined ? undefined : { id, ...def };
  }

  subjectVersion(subject: string, version: number | 'latest'): SubjectVersion | undefined {
    const versions = this.subjectsMap.get(subject);
    if (!versions) return undefined;
    let v: number | undefined;
    if (version === 'latest' || version === -1) {
      for (const [n, e] of versions) if (!e.deleted && (v === undefined || n > v)) v = n;
    } else if (versions.get(version) !== undefined && !versions.get(version)!.deleted) {
      v = version;
    }
    if (v === undefined) return undefined;
    const id = versions.get(v)!.id;
    return { subject, version: v, id, ...this.schemas.get(id)! };
  }

  subjects(includeDeleted = false): string[] {
    return [...this.subjectsMap]
      .filter(([, vs]) => includeDeleted || [...vs.values()].some((e) => !e.deleted))
      .map(([s]) => s)
      .sort();
  }

  versions(subject: string, includeDeleted = false): number[] {
    const vs = this.subjectsMap.get(subject);
    if (!vs) return [];
    return [...vs]
      .filter(([, e]) => includeDeleted || !e.deleted)
      .map(([v]) => v)
      .sort((a, b) => a - b);
  }

  lookup(subject: string, def: SchemaDefinition): SubjectVersion | undefined {
    const key = canonicalKey(def);
    for (const v of this.versions(subject)) {
      const sv = this.subjectVersion(subject, v)!;
      if (canonicalKey(sv) === key) return sv;
    }
    return undefined;
  }

  subjectVersionsForId(id: number): { subject: string; version: number }[] {
    const out: { subject: string; version: number }[] = [];
    for (const [subject, vs] of this.subjectsMap) {
      for (const [version, e] of vs) if (e.id === id && !e.deleted) out.push({ subject, version });
    }
    return out;
  }

  ownCompatibility(subject?: string): CompatibilityLevel | undefined {
    return this.config.get(subject ?? null);
  }

  compatibility(subject?: string): CompatibilityLevel {
    return (
      (subject === undefined ? undefined : this.config.get(subject)) ??
      this.config.get(null) ??
      DEFAULT_COMPATIBILITY
    );
  }

  /** The schema a reference points at. */
  resolve(ref: SchemaReference): SchemaDefinition | undefined {
    return this.subjectVersion(ref.subject, ref.version);
  }

  testCompatibility(
    subject: string,
    def: SchemaDefinition,
    version?: number | 'latest',
  ): CompatibilityResult {
    const level = this.compatibility(subject);
    let previous: SchemaDefinition[];
    if (version !== undefined) {
      const sv = this.subjectVersion(subject, version);
      if (!sv) throw versionNotFound(subject, version);
      previous = [sv];
    } else {
      const all = this.versions(subject).map((v) => this.subjectVersion(subject, v)!);
      previous = level.endsWith('_TRANSITIVE') ? all : all.slice(-1);
    }
    const level1 = version !== undefined && level === 'NONE' ? 'BACKWARD' : level;
    const messages = checkCompatibility(def, previous, level1, (r) => this.resolve(r));
    return { compatible: messages.length === 0, messages };
  }

  // --- plans ---------------------------------------------------------------------------------

  /** Checks a registration; returns its id and the record to append (none when already there). */
  planRegister(
    subject: string,
    def: SchemaDefinition,
    explicitId?: number,
  ): { id: number; version: number; record?: StoreRecord } {
    validateSchema(def, (r) => this.resolve(r));
    const existing = this.lookup(subject, def);
    if (existing && (explicitId === undefined || existing.id === explicitId)) {
      return { id: existing.id, version: existing.version };
    }
    const key = canonicalKey(def);
    let id: number;
    if (explicitId !== undefined) {
      const held = this.schemas.get(explicitId);
      if (held !== undefined && canonicalKey(held) !== key) {
        throw new RegistryError(
          422,
          ERROR_CODES.idInUse,
          `Schema id ${explicitId} already holds another schema`,
        );
      }
      id = explicitId;
    } else {
      const level = this.compatibility(subject);
      if (level !== 'NONE') {
        const result = this.testCompatibility(subject, def);
        if (!result.compatible) {
          throw new RegistryError(
            409,
            ERROR_CODES.incompatible,
            `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: ${result.messages.join('; ')}`,
          );
        }
      }
      id = this.byKey.get(key) ?? this.maxId + 1;
    }
    const version = Math.max(0, ...this.versions(subject, true)) + 1;
    return { id, version, record: schemaRecord(subject, version, id, def, false) };
  }

  planDeleteSubject(
    subject: string,
    permanent: boolean,
  ): { versions: number[]; records: StoreRecord[] } {
    const live = this.versions(subject);
    const all = this.versions(subject, true);
    if (all.length === 0) throw subjectNotFound(subject);
    if (!permanent) {
      if (live.length === 0) {
        throw new RegistryError(
          404,
          ERROR_CODES.subjectSoftDeleted,
          `Subject '${subject}' was soft deleted`,
        );
      }
      const last = live[live.length - 1]!;
      return {
        versions: live,
        records: [
          {
            key: { keytype: 'DELETE_SUBJECT', subject, magic: 0 },
            value: { subject, version: last },
          },
        ],
      };
    }
    if (live.length > 0) {
      throw new RegistryError(
        404,
        ERROR_CODES.subjectNotSoftDeleted,
        `Subject '${subject}' was not deleted first before being permanently deleted`,
      );
    }
    return {
      versions: all,
      records: all.map((v) => ({ key: schemaKey(subject, v), value: null })),
    };
  }

  planDeleteVersion(
    subject: string,
    version: number | 'latest',
    permanent: boolean,
  ): { version: number; records: StoreRecord[] } {
    if (this.versions(subject, true).length === 0) throw subjectNotFound(subject);
    const entries = this.subjectsMap.get(subject)!;
    const v = version === 'latest' ? this.subjectVersion(subject, 'latest')?.version : version;
    const entry = v === undefined ? undefined : entries.get(v);
    if (v === undefined || entry === undefined) throw versionNotFound(subject, version);
    if (permanent) {
      if (!entry.deleted) {
        throw new RegistryError(
          404,
          ERROR_CODES.subjectNotSoftDeleted,
          `Version ${v} of subject '${subject}' was not deleted first before being permanently deleted`,
        );
      }
      return { version: v, records: [{ key: schemaKey(subject, v), value: null }] };
    }
    if (entry.deleted) throw versionNotFound(subject, version);
    const def = this.schemas.get(entry.id)!;
    return { version: v, records: [schemaRecord(subject, v, entry.id, def, true)] };
  }

  planConfig(level: CompatibilityLevel, subject?: string): StoreRecord {
    return {
      key: { keytype: 'CONFIG', subject: subject ?? null, magic: 0 },
      value: { compatibilityLevel: level },
    };
  }

  private versionMap(subject: string): Map<number, VersionEntry> {
    let versions = this.subjectsMap.get(subject);
    if (!versions) {
      versions = new Map();
      this.subjectsMap.set(subject, versions);
    }
    return versions;
  }
}

function schemaKey(subject: string, version: number): Record<string, unknown> {
  return { keytype: 'SCHEMA', subject, version, magic: 1 };
}

function schemaRecord(
  subject: string,
  version: number,
  id: number,
  def: SchemaDefinition,
  deleted: boolean,
): StoreRecord {
  return {
    key: schemaKey(subject, version),
    value: {
      subject,
      version,
      id,
      ...(def.schemaType === 'AVRO' ? {} : { schemaType: def.schemaType }),
      ...(def.references.length > 0 ? { references: def.references } : {}),
      schema: def.schema,
      deleted,
    },
  };
}

function definitionOf(value: Readonly<Record<string, unknown>>): SchemaDefinition {
  const type = value.schemaType;
  const refs = Array.isArray(value.references) ? (value.references as SchemaReference[]) : [];
  return {
    schemaType: type === 'PROTOBUF' || type === 'JSON' ? type : 'AVRO',
    schema: String(value.schema),
    references: refs.map((r) => ({ name: r.name, subject: r.subject, version: Number(r.version) })),
  };
}

export function subjectNotFound(subject: string): RegistryError {
  return new RegistryError(404, ERROR_CODES.subjectNotFound, `Subject '${subject}' not found.`);
}

export function versionNotFound(subject: string, version: number | 'latest'): RegistryError {
  return new RegistryError(
    404,
    ERROR_CODES.versionNotFound,
    `Version ${version} not found for subject '${subject}'.`,
  );
}
