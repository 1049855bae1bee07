/**
 * The schemas registered before a case's statements run, as ksqlDB's harness does: first the
 * schemas of the CREATE statements that declare columns (for sides whose topic declares no
 * schema), then those the case declares under `topics`: each reference first, under a subject
 * named after it, then the schema itself under `<topic>-key` / `<topic>-value`, with the id the
 * case gives when it gives one. Ids are handed out in that order, as the cases' ids expect.
 */
import { analyzeCreateSource } from '../analyzer/analyze-create-source.js';
import type { Metastore } from '../engine/metastore.js';
import { sourceSides } from '../engine/source-schemas.js';
import { parseStatement } from '../parser/parse.js';
import { registerColumnSchemas } from '../serde/schema-registry/columns-schema.js';
import { subjectFor, type SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { TestCase, TopicSchema } from './test-case.js';

export async function registerTopicSchemas(
  testCase: TestCase,
  registry: SchemaRegistry,
  metastore: Metastore,
): Promise<void> {
  const declared = new Set<string>();
  for (const topic of testCase.topics) {
    if (topic.keySchema) declared.add(subjectFor(topic.name, 'key'));
    if (topic.valueSchema) declared.add(subjectFor(topic.name, 'value'));
  }
  for (const sql of testCase.statements) {
    const source = statementSource(sql, metastore);
    if (!source) continue;
    const sides = sourceSides(source);
    await registerColumnSchemas(
      registry,
      {
        ...sides,
        sides: sides.sides.filter((s) => !declared.has(subjectFor(sides.topic, s.side))),
      },
      true,
    ).catch(() => undefined);
  }
  for (const topic of testCase.topics) {
    if (topic.keySchema) await register(registry, subjectFor(topic.name, 'key'), topic.keySchema);
    if (topic.valueSchema) {
      await register(registry, subjectFor(topic.name, 'value'), topic.valueSchema);
    }
  }
}

async function register(
  registry: SchemaRegistry,
  subject: string,
  schema: TopicSchema,
): Promise<void> {
  // The harness's registry numbers a schema before its references: keep that id for the schema
  // and give the references the ones after it.
  const reserved =
    schema.id === undefined && schema.references.length > 0 ? nextFreeId(registry) : undefined;
  const id = schema.id ?? reserved;
  const references = [];
  for (const [i, ref] of schema.references.entries()) {
    const def = { schemaType: ref.schemaType, schema: ref.schema, references: [] };
    const known = await registry.lookup(ref.name, def);
    if (!known) {
      await registry.register(
        ref.name,
        def,
        reserved === undefined ? {} : { id: freeIdAfter(registry, reserved + i) },
      );
    }
    const version = (await registry.lookup(ref.name, def))?.version ?? 1;
    references.push({ name: ref.name, subject: ref.name, version });
  }
  await registry.register(
    subject,
    { schemaType: schema.schemaType, schema: schema.schema, references },
    id !== undefined ? { id } : {},
  );
}

function nextFreeId(registry: SchemaRegistry): number {
  return freeIdAfter(registry, 0);
}

/** The first id after `n` that holds no schema. */
function freeIdAfter(registry: SchemaRegistry, n: number): number {
  let id = n + 1;
  while (registry.sync.schemaById(id)) id++;
  return id;
}

/** The source a CREATE statement with columns declares; undefined for anything else. */
function statementSource(sql: string, metastore: Metastore) {
  try {
    const stmt = parseStatement(sql);
    if (stmt.kind !== 'createSource' || stmt.elements.length === 0) return undefined;
    return analyzeCreateSource(stmt, metastore);
  } catch {
    // The statement's own run reports what is wrong with it.
    return undefined;
  }
}

/** Whether a case declares schemas or names a schema-registry format (else nothing to register). */
export function usesSchemaRegistry(testCase: TestCase): boolean {
  return (
    testCase.topics.some((t) => t.keySchema !== undefined || t.valueSchema !== undefined) ||
    testCase.statements.some((s) => /\b(AVRO|PROTOBUF|JSON_SR)\b/i.test(s))
  );
}
