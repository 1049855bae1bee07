/**
 * A client of an external schema registry's REST API (Confluent's, or `streamsql start
 * --schema-registry-port`), chosen with `--schema-registry-url`. Schemas never change once
 * registered, so ids and numbered versions are cached. Serdes look schemas up without awaiting
 * (registry.ts): a lookup that misses the cache is made synchronously, by a short child process
 * doing the HTTP request, once per schema.
 */
import { execFileSync } from 'node:child_process';
import {
  ERROR_CODES,
  RegistryError,
  type CompatibilityLevel,
  type CompatibilityResult,
  type RegisterOptions,
  type RegisteredSchema,
  type SchemaDefinition,
  type SchemaRegistry,
  type SchemaType,
  type SubjectVersion,
  type SyncSchemaLookup,
} from './registry.js';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** The child process's program: one request, its status and JSON body on stdout. */
const SYNC_REQUEST = `
const [url, method, body, type] = process.argv.slice(1);
fetch(url, { method, headers: { 'Content-Type': type, Accept: type }, body: body || undefined })
  .then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })))
  .catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

function parse(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function definitionOf(body: Record<string, unknown>): SchemaDefinition {
  const type = typeof body.schemaType === 'string' ? body.schemaType : 'AVRO';
  const refs = Array.isArray(body.references) ? (body.references as Record<string, unknown>[]) : [];
  return {
    schemaType: (type === 'PROTOBUF' || type === 'JSON' ? type : 'AVRO') as SchemaType,
    schema: String(body.schema),
    references: refs.map((r) => ({
      name: String(r.name),
      subject: String(r.subject),
      version: Number(r.version),
    })),
  };
}

function requestBody(def: SchemaDefinition, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schema: def.schema,
    ...(def.schemaType === 'AVRO' ? {} : { schemaType: def.schemaType }),
    ...(def.references.length > 0 ? { references: def.references } : {}),
    ...extra,
  });
}

export class RemoteSchemaRegistry implements SchemaRegistry {
  private readonly byId = new Map<number, RegisteredSchema>();
  private readonly versionsCache = new Map<string, SubjectVersion>();
  private readonly base: string;

  constructor(url: string) {
    this.base = url.replace(/\/+$/, '');
  }

  readonly sync: SyncSchemaLookup = {
    schemaById: (id) => {
      const cached = this.byId.get(id);
      if (cached) return cached;
      const reply = this.requestSync('GET', `/schemas/ids/${id}`);
      if (reply.status === 404) return undefined;
      return this.remember(id, definitionOf(this.ok(reply) as Record<string, unknown>));
    },
    subjectVersion: (subject, version) => {
      const key = `${subject}\u0000${version}`;
      const cached = version === 'latest' ? undefined : this.versionsCache.get(key);
      if (cached) return cached;
      const reply = this.requestSync('GET', this.versionPath(subject, version));
      if (reply.status === 404) return undefined;
      return this.rememberVersion(this.ok(reply) as Record<string, unknown>);
    },
    ensureRegistered: (subject, schema) => {
      const reply = this.requestSync(
        'POST',
        `/subjects/${encodeURIComponent(subject)}/versions`,
        requestBody(schema),
      );
      const id = Number((this.ok(reply) as { id: unknown }).id);
      this.remember(id, schema);
      return id;
    },
  };

  async register(subject: string, schema: SchemaDefinition, options: RegisterOptions = {}) {
    const body = requestBody(schema, options.id !== undefined ? { id: options.id } : {});
    const reply = await this.request(
      'POST',
      `/subjects/${encodeURIComponent(subject)}/versions`,
      body,
    );
    const id = Number((reply as { id: unknown }).id);
    this.remember(id, schema);
    return id;
  }

  async lookup(subject: string, schema: SchemaDefinition): Promise<SubjectVersion | undefined> {
    const reply = await this.request(
      'POST',
      `/subjects/${encodeURIComponent(subject)}`,
      requestBody(schema),
      true,
    );
    return reply === undefined ? undefined : this.rememberVersion(reply as Record<string, unknown>);
  }

  async schemaById(id: number): Promise<RegisteredSchema | undefined> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const reply = await this.request('GET', `/schemas/ids/${id}`, undefined, true);
    return reply === undefined
      ? undefined
      : this.remember(id, definitionOf(reply as Record<string, unknown>));
  }

  async subjectVersion(subject: string, version: number | 'latest') {
    const reply = await this.request('GET', this.versionPath(subject, version), undefined, true);
    return reply === undefined ? undefined : this.rememberVersion(reply as Record<string, unknown>);
  }

  async subjects(includeDeleted = false): Promise<string[]> {
    return (await this.request(
      'GET',
      `/subjects${includeDeleted ? '?deleted=true' : ''}`,
    )) as string[];
  }

  async versions(subject: string, includeDeleted = false): Promise<number[]> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions${includeDeleted ? '?deleted=true' : ''}`;
    return ((await this.request('GET', path, undefined, true)) as number[] | undefined) ?? [];
  }

  async subjectVersionsForId(id: number) {
    return ((await this.request('GET', `/schemas/ids/${id}/versions`, undefined, true)) ?? []) as {
      subject: string;
      version: number;
    }[];
  }

  async deleteSubject(subject: string, permanent = false): Promise<number[]> {
    const path = `/subjects/${encodeURIComponent(subject)}${permanent ? '?permanent=true' : ''}`;
    return (await this.request('DELETE', path)) as number[];
  }

  async deleteVersion(subject: string, version: number | 'latest', permanent = false) {
    const path = `${this.versionPath(subject, version)}${permanent ? '?permanent=true' : ''}`;
    return Number(await this.request('DELETE', path));
  }

  async compatibility(subject?: string): Promise<CompatibilityLevel> {
    const path =
      subject === undefined
        ? '/config'
        : `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`;
    return ((await this.request('GET', path)) as { compatibilityLevel: CompatibilityLevel })
      .compatibilityLevel;
  }

  async ownCompatibility(subject?: string): Promise<CompatibilityLevel | undefined> {
    const path = subject === undefined ? '/config' : `/config/${encodeURIComponent(subject)}`;
    const reply = (await this.request('GET', path, undefined, true)) as
      { compatibilityLevel: CompatibilityLevel } | undefined;
    return reply?.compatibilityLevel;
  }

  async setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    const path = subject === undefined ? '/config' : `/config/${encodeURIComponent(subject)}`;
    await this.request('PUT', path, JSON.stringify({ compatibility: level }));
  }

  async testCompatibility(
    subject: string,
    schema: SchemaDefinition,
    version?: number | 'latest',
  ): Promise<CompatibilityResult> {
    const path = `/compatibility/subjects/${encodeURIComponent(subject)}/versions${
      version === undefined ? '' : `/${version}`
    }?verbose=true`;
    const reply = (await this.request('POST', path, requestBody(schema))) as {
      is_compatible: boolean;
      messages?: string[];
    };
    return { compatible: reply.is_compatible, messages: reply.messages ?? [] };
  }

  async close(): Promise<void> {}

  private versionPath(subject: string, version: number | 'latest'): string {
    return `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
  }

  private remember(id: number, def: SchemaDefinition): RegisteredSchema {
    const schema = { id, ...def };
    this.byId.set(id, schema);
    return schema;
  }

  private rememberVersion(body: Record<string, unknown>): SubjectVersion {
    const sv: SubjectVersion = {
      subject: String(body.subject),
      version: Number(body.version),
      id: Number(body.id),
      ...definitionOf(body),
    };
    this.remember(sv.id, sv);
    this.versionsCache.set(`${sv.subject}\u0000${sv.version}`, sv);
    return sv;
  }

  /** A reply's body, or the registry's error as a RegistryError. */
  private ok(reply: Reply): unknown {
    if (reply.status >= 200 && reply.status < 300) return reply.body;
    const err = (reply.body ?? {}) as { error_code?: unknown; message?: unknown };
    throw new RegistryError(
      reply.status,
      typeof err.error_code === 'number' ? err.error_code : ERROR_CODES.internal,
      typeof err.message === 'string' ? err.message : `HTTP ${reply.status}`,
    );
  }

  /** `missingOk`: a 404 resolves to undefined. */
  private async request(
    method: string,
    path: string,
    body?: string,
    missingOk = false,
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: { 'Content-Type': CONTENT_TYPE, Accept: CONTENT_TYPE },
        ...(body !== undefined ? { body } : {}),
      });
    } catch (e) {
      throw this.unreachable(e);
    }
    const reply = { status: response.status, body: parse(await response.text()) };
    if (missingOk && reply.status === 404) return undefined;
    return this.ok(reply);
  }

  private requestSync(method: string, path: string, body = ''): Reply {
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        ['-e', SYNC_REQUEST, this.base + path, method, body, CONTENT_TYPE],
        { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (e) {
      throw this.unreachable(e);
    }
    const raw = JSON.parse(out) as { status: number; body: string };
    return { status: raw.status, body: parse(raw.body) };
  }

  private unreachable(e: unknown): RegistryError {
    const reason = e instanceof Error ? e.message : String(e);
    return new RegistryError(
      503,
      ERROR_CODES.internal,
      `Could not reach the schema registry at ${this.base}: ${reason}`,
    );
  }
}
