/** CREATE [OR REPLACE] [SOURCE] STREAM/TABLE over a topic. */
import { analyzeCreateSource, numberProperty } from '../../analyzer/analyze-create-source.js';
import { AnalysisError, UnsupportedError } from '../../common/errors.js';
import type { CreateSource } from '../../parser/ast.js';
import { inferColumns } from '../../serde/schema-registry/infer-columns.js';
import { registerColumnSchemas } from '../../serde/schema-registry/columns-schema.js';
import { sourceSides } from '../source-schemas.js';
import type { DataSource } from '../data-source.js';
import { propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function createSource(
  stmt: CreateSource,
  ctx: EngineContext,
): Promise<StatementResult> {
  const kind = stmt.sourceType === 'stream' ? 'Stream' : 'Table';
  const existing = ctx.metastore.getSource(stmt.name);
  if (existing && stmt.ifNotExists) {
    return { kind: 'message', text: `${kind} ${stmt.name} already exists.` };
  }
  // Neither a new source stream nor an existing one may be replaced.
  if (stmt.orReplace && (stmt.readOnly || existing?.readOnly)) {
    throw new AnalysisError(
      `Cannot add ${stmt.sourceType} '${stmt.name}': CREATE OR REPLACE is not supported on source ${stmt.sourceType}s.`,
      stmt.span,
    );
  }
  if (existing && !stmt.orReplace) {
    throw new AnalysisError(
      `Cannot add ${stmt.sourceType} '${stmt.name}': A ${existing.sourceType} with the same name already exists`,
      stmt.nameSpan,
    );
  }
  if (existing && existing.sourceType !== stmt.sourceType) {
    throw new AnalysisError(
      `Cannot add ${stmt.sourceType} '${stmt.name}': A ${existing.sourceType} with the same name already exists`,
      stmt.nameSpan,
    );
  }
  const source = analyzeCreateSource(stmt, ctx.metastore, (side, format, required) =>
    inferColumns(ctx.schemaRegistry, topicOf(stmt), side, format, required),
  );
  if (existing?.writtenBy) {
    throw new UnsupportedError(
      `CREATE OR REPLACE of ${stmt.name}, which a query writes, is not supported yet`,
    );
  }
  await ensureTopic(source, stmt, ctx);
  if (!ctx.replaying) await registerColumnSchemas(ctx.schemaRegistry, sourceSides(source), true);
  ctx.metastore.putSource(source);
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  return { kind: 'message', text: `${kind} created` };
}

async function ensureTopic(
  source: DataSource,
  stmt: CreateSource,
  ctx: EngineContext,
): Promise<void> {
  const partitions = numberProperty(stmt.properties, 'PARTITIONS');
  const replicas = numberProperty(stmt.properties, 'REPLICAS');
  const info = await ctx.log.describeTopic(source.topic);
  if (info) {
    if (partitions !== undefined && partitions !== info.partitions) {
      throw new AnalysisError(
        `A Kafka topic with the name '${source.topic}' already exists, with different partition/replica configuration than required. KSQL expects ${partitions} partitions (topic has ${info.partitions}).`,
        stmt.span,
      );
    }
    return;
  }
  if (partitions === undefined) {
    throw new AnalysisError(
      `Topic '${source.topic}' does not exist. If you want to create a new topic for the ${stmt.sourceType} please re-run the statement providing the required 'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For example: CREATE ${stmt.sourceType.toUpperCase()} ${stmt.name} (...) WITH (KAFKA_TOPIC='${source.topic}', PARTITIONS=2, REPLICAS=1, ...);`,
      stmt.span,
    );
  }
  await ctx.log.createTopic(source.topic, {
    partitions,
    // Without REPLICAS, the cluster's default replication factor, as ksqlDB.
    ...(replicas === undefined ? {} : { replicas }),
    ...(source.sourceType === 'table' ? { config: { 'cleanup.policy': 'compact' } } : {}),
  });
}

/** The KAFKA_TOPIC of a CREATE (checked present by the analyzer before inference runs). */
function topicOf(stmt: CreateSource): string {
  const topic = stmt.properties.KAFKA_TOPIC;
  return topic === undefined || topic === null ? '' : String(topic);
}
