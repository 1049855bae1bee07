/**
 * The schemas a case declares under `topics`, registered before its statements run, as ksqlDB's
 * harness does: each reference first, under a subject named after it, then the schema itself under
 * `<topic>-key` / `<topic>-value`, with the id the case gives when it gives one.
 */
import { subjectFor, type SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { TestCase, TopicSchema } from './test-case.js';

export async function registerTopicSchemas(
  testCase: TestCase,
  registry: SchemaRegistry,
): Promise<void> {
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
  const references = [];
  for (const ref of schema.references) {
    const def = { schemaType: ref.schemaType, schema: ref.schema, references: [] };
    await registry.register(ref.name, def);
    const version = (await registry.lookup(ref.name, def))?.version ?? 1;
    references.push({ name: ref.name, subject: ref.name, version });
  }
  await registry.register(
    subject,
    { schemaType: schema.schemaType, schema: schema.schema, references },
    schema.id !== undefined ? { id: schema.id } : {},
  );
}
