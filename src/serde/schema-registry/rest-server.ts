/**
 * The subset of Confluent Schema Registry's REST API that clients use, served over a registry on
 * a loopback port (`streamsql start --schema-registry-port`), so that producers and consumers
 * written against Confluent's format can share an embedded log's schemas: subjects and their
 * versions, schemas by id, lookups, deletes, compatibility levels and checks. Errors are
 * Confluent's `{"error_code", "message"}` with its HTTP statuses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  COMPATIBILITY_LEVELS,
  ERROR_CODES,
  RegistryError,
  type CompatibilityLevel,
  type SchemaDefinition,
  type SchemaRegistry,
  type SchemaType,
} from './registry.js';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

type Params = Record<string, string>;
type Handler = (
  registry: SchemaRegistry,
  p: Params,
  q: URLSearchParams,
  body: unknown,
) => Promise<unknown>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handle: Handler;
}

function route(method: string, path: string, handle: Handler): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}/?$`,
  );
  return { method, pattern, names, handle };
}

function notFound(code: number, message: string): RegistryError {
  return new RegistryError(404, code, message);
}

function version(text: string): number | 'latest' {
  if (text === 'latest' || text === '-1') return 'latest';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new RegistryError(
      422,
      ERROR_CODES.invalidVersion,
      `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    );
  }
  return n;
}

function definition(body: unknown): SchemaDefinition {
  const b = (body ?? {}) as { schema?: unknown; schemaType?: unknown; references?: unknown };
  if (typeof b.schema !== 'string') {
    throw new RegistryError(422, ERROR_CODES.invalidSchema, 'Empty schema');
  }
  const type = (typeof b.schemaType === 'string' ? b.schemaType : 'AVRO').toUpperCase();
  if (type !== 'AVRO' && type !== 'PROTOBUF' && type !== 'JSON') {
    throw new RegistryError(422, ERROR_CODES.invalidSchema, `Invalid schema type ${type}`);
  }
  const refs = Array.isArray(b.references) ? (b.references as Record<string, unknown>[]) : [];
  return {
    schemaType: type as SchemaType,
    schema: b.schema,
    references: refs.map((r) => ({
      name: String(r.name),
      subject: String(r.subject),
      version: Number(r.version),
    })),
  };
}

/** A schema as the API shows it: `schemaType` only when not AVRO, `references` only when any. */
function shown(def: SchemaDefinition): Record<string, unknown> {
  return {
    ...(def.schemaType === 'AVRO' ? {} : { schemaType: def.schemaType }),
    ...(def.references.length > 0 ? { references: def.references } : {}),
    schema: def.schema,
  };
}

function level(body: unknown): CompatibilityLevel {
  const value = (body as { compatibility?: unknown } | null)?.compatibility;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  const found = COMPATIBILITY_LEVELS.find((l) => l === upper);
  if (!found) {
    throw new RegistryError(422, ERROR_CODES.invalidCompatibility, 'Invalid compatibility level');
  }
  return found;
}

async function existingSubject(registry: SchemaRegistry, subject: string): Promise<void> {
  if ((await registry.versions(subject)).length === 0) {
    throw notFound(ERROR_CODES.subjectNotFound, `Subject '${subject}' not found.`);
  }
}

const ROUTES: readonly Route[] = [
  route('GET', '/', async () => ({})),
  route('GET', '/schemas/types', async () => ['AVRO', 'JSON', 'PROTOBUF']),
  route('GET', '/schemas/ids/{id}', async (r, p) => {
    const schema = await r.schemaById(Number(p.id));
    if (!schema) throw notFound(ERROR_CODES.schemaNotFound, `Schema ${p.id} not found`);
    return shown(schema);
  }),
  route('GET', '/schemas/ids/{id}/schema', async (r, p) => {
    const schema = await r.schemaById(Number(p.id));
    if (!schema) throw notFound(ERROR_CODES.schemaNotFound, `Schema ${p.id} not found`);
    return schema.schemaType === 'PROTOBUF' ? schema.schema : JSON.parse(schema.schema);
  }),
  route('GET', '/schemas/ids/{id}/versions', async (r, p) => r.subjectVersionsForId(Number(p.id))),
  route('GET', '/subjects', async (r, _p, q) => r.subjects(q.get('deleted') === 'true')),
  route('GET', '/subjects/{subject}/versions', async (r, p, q) => {
    const versions = await r.versions(p.subject!, q.get('deleted') === 'true');
    if (versions.length === 0) {
      throw notFound(ERROR_CODES.subjectNotFound, `Subject '${p.subject}' not found.`);
    }
    return versions;
  }),
  route('GET', '/subjects/{subject}/versions/{version}', async (r, p) => {
    const v = version(p.version!);
    await existingSubject(r, p.subject!);
    const sv = await r.subjectVersion(p.subject!, v);
    if (!sv) {
      throw notFound(ERROR_CODES.versionNotFound, `Version ${p.version} not found.`);
    }
    return { subject: sv.subject, version: sv.version, id: sv.id, ...shown(sv) };
  }),
  route('GET', '/subjects/{subject}/versions/{version}/schema', async (r, p) => {
    const sv = await r.subjectVersion(p.subject!, version(p.version!));
    if (!sv) throw notFound(ERROR_CODES.versionNotFound, `Version ${p.version} not found.`);
    return sv.schemaType === 'PROTOBUF' ? sv.schema : JSON.parse(sv.schema);
  }),
  route('POST', '/subjects/{subject}/versions', async (r, p, _q, body) => {
    const id = (body as { id?: unknown } | null)?.id;
    return {
      id: await r.register(p.subject!, definition(body), typeof id === 'number' ? { id } : {}),
    };
  }),
  route('POST', '/subjects/{subject}', async (r, p, _q, body) => {
    const def = definition(body);
    await existingSubject(r, p.subject!);
    const sv = await r.lookup(p.subject!, def);
    if (!sv) throw notFound(ERROR_CODES.schemaNotFound, 'Schema not found');
    return { subject: sv.subject, version: sv.version, id: sv.id, ...shown(sv) };
  }),
  route('DELETE', '/subjects/{subject}', async (r, p, q) =>
    r.deleteSubject(p.subject!, q.get('permanent') === 'true'),
  ),
  route('DELETE', '/subjects/{subject}/versions/{version}', async (r, p, q) =>
    r.deleteVersion(p.subject!, version(p.version!), q.get('permanent') === 'true'),
  ),
  route('GET', '/config', async (r) => ({ compatibilityLevel: await r.compatibility() })),
  route('PUT', '/config', async (r, _p, _q, body) => {
    const l = level(body);
    await r.setCompatibility(l);
    return { compatibility: l };
  }),
  route('GET', '/config/{subject}', async (r, p, q) => {
    const own = await r.ownCompatibility(p.subject!);
    if (own === undefined && q.get('defaultToGlobal') !== 'true') {
      throw notFound(
        ERROR_CODES.subjectNotFound,
        `Subject '${p.subject}' does not have subject-level compatibility configured`,
      );
    }
    return { compatibilityLevel: own ?? (await r.compatibility()) };
  }),
  route('PUT', '/config/{subject}', async (r, p, _q, body) => {
    const l = level(body);
    await r.setCompatibility(l, p.subject!);
    return { compatibility: l };
  }),
  route('POST', '/compatibility/subjects/{subject}/versions/{version}', async (r, p, q, body) => {
    const result = await r.testCompatibility(p.subject!, definition(body), version(p.version!));
    return {
      is_compatible: result.compatible,
      ...(q.get('verbose') === 'true' ? { messages: result.messages } : {}),
    };
  }),
  route('POST', '/compatibility/subjects/{subject}/versions', async (r, p, q, body) => {
    const result = await r.testCompatibility(p.subject!, definition(body));
    return {
      is_compatible: result.compatible,
      ...(q.get('verbose') === 'true' ? { messages: result.messages } : {}),
    };
  }),
];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new RegistryError(400, 400, 'Unrecognized JSON body');
  }
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE });
  res.end(JSON.stringify(value));
}

async function handle(registry: SchemaRegistry, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  try {
    for (const r of ROUTES) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.method !== req.method) continue;
      const params: Params = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : null;
      send(res, 200, await r.handle(registry, params, url.searchParams, body));
      return;
    }
    send(res, 404, { error_code: 404, message: 'HTTP 404 Not Found' });
  } catch (e) {
    if (e instanceof RegistryError) {
      send(res, e.status, { error_code: e.code, message: e.message });
    } else {
      send(res, 500, {
        error_code: ERROR_CODES.internal,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }
}

export interface RestServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `registry` on 127.0.0.1:`port` (0: any free port). */
export async function serveRegistry(registry: SchemaRegistry, port: number): Promise<RestServer> {
  const server: Server = createServer((req, res) => void handle(registry, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
