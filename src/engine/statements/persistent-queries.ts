/**
 * CREATE STREAM/TABLE AS SELECT and INSERT INTO … SELECT: analyze, plan, create the sink, start
 * the query, and record it (with its plan) in the command topic.
 */
import { QueryStateDir } from '../../runtime/state/query-state-dir.js';
import { numberProperty, stringProperty } from '../../analyzer/analyze-create-source.js';
import { analyzeQuery, type QueryAnalysis } from '../../analyzer/analyze-query.js';
import { checkPartitionCounts } from '../../analyzer/check-partition-counts.js';
import { checkIntermediateTypes } from '../../analyzer/check-intermediate-types.js';
import { checkKeyTypes } from '../../analyzer/key-checks.js';
import { visitAst } from '../../analyzer/ast-children.js';
import { printAst } from '../../analyzer/print-ast.js';
import { canWiden, castTo } from '../../analyzer/coercion.js';
import { AnalysisError, UnsupportedError } from '../../common/errors.js';
import { type Column } from '../../common/schema.js';
import { formatType } from '../../common/sql-types.js';
import type { CreateAsSelect, InsertInto, Properties, Query } from '../../parser/ast.js';
import { decodePlan, encodePlan } from '../../planner/plan-codec.js';
import { planQuery } from '../../planner/plan-query.js';
import { insertRepartitions } from '../../planner/rules/insert-repartitions.js';
import type { QueryPlan, SinkSpec } from '../../planner/plan.js';
import { PersistentQuery } from '../../runtime/persistent-query.js';
import { formatName, resolveFormats } from '../../serde/format-properties.js';
import type { FormatName } from '../../serde/serde.js';
import { registerColumnSchemas } from '../../serde/schema-registry/columns-schema.js';
import { checkSchemaIdColumns } from '../../serde/schema-registry/schema-id-check.js';
import { sourceSides } from '../source-schemas.js';
import { checkFormatSupports } from '../../serde/format-support.js';
import type { DataSource, FormatInfo } from '../data-source.js';
import type { Span } from '../../common/span.js';
import { offsetReset, propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function createAsSelect(
  stmt: CreateAsSelect,
  ctx: EngineContext,
): Promise<StatementResult> {
  const existing = ctx.metastore.getSource(stmt.name);
  if (existing && stmt.ifNotExists) {
    return {
      kind: 'message',
      text: `${existing.sourceType === 'stream' ? 'Stream' : 'Table'} ${stmt.name} already exists.`,
    };
  }
  if (existing && !stmt.orReplace) {
    throw new AnalysisError(
      `Cannot add ${stmt.sourceType} '${stmt.name}': A ${existing.sourceType} with the same name already exists`,
      stmt.nameSpan,
    );
  }
  if (existing)
    throw new UnsupportedError('CREATE OR REPLACE … AS SELECT is not supported yet', stmt.span);

  let analysis: QueryAnalysis;
  try {
    analysis = analyzeQuery(stmt.query, ctx, stmt.name);
  } catch (err) {
    // Past the SELECT checks, a CTAS words a missing GROUP BY its own way.
    const ungrouped =
      err instanceof AnalysisError && err.message.startsWith('Use of aggregate function ');
    if (ungrouped && stmt.sourceType === 'table') refuseUngroupedAggregates(stmt, ctx);
    throw err;
  }
  refuseWindowedTables(analysis);
  await refuseUncopartitioned(analysis, stmt.span, ctx);
  if (analysis.outputType !== stmt.sourceType) {
    const produces = analysis.outputType.toUpperCase();
    throw new AnalysisError(
      `Invalid result type. Your SELECT query produces a ${produces}. Please use CREATE ${produces} AS SELECT statement instead.`,
      stmt.span,
    );
  }
  const columns = analysis.projection.map((p) => p.column);
  checkIntermediateTypes(analysis, ctx.functions);
  const formats = sinkFormats(stmt.properties, analysis, columns, stmt.sourceType, ctx);
  const topic =
    stringProperty(stmt.properties, 'KAFKA_TOPIC') ??
    (ctx.properties.get('ksql.output.topic.name.prefix') ?? '') + stmt.name;
  const sink: DataSource = {
    name: stmt.name,
    sourceType: stmt.sourceType,
    topic,
    columns,
    keyFormat: formats.key,
    valueFormat: formats.value,
    ...sinkWindow(analysis),
    ...sinkTimestamp(stmt.properties, columns),
    readOnly: false,
    writtenBy: '',
    sql: stmt.text,
  };
  if (!ctx.replaying) checkSchemaIdColumns(ctx.schemaRegistry, sourceSides(sink));
  const prefix = stmt.sourceType === 'stream' ? 'CSAS' : 'CTAS';
  const queryId = ctx.replayCommand?.queryId ?? ctx.nextQueryId(`${prefix}_${stmt.name}`);
  await ensureSinkTopic(topic, stmt.properties, analysis, stmt.sourceType, ctx);
  if (!ctx.replaying) await registerColumnSchemas(ctx.schemaRegistry, sourceSides(sink), false);
  ctx.metastore.putSource({ ...sink, writtenBy: queryId });
  await startQuery(queryId, sink, analysis, stmt.text, ctx, keyPassesThrough(stmt.query, analysis));
  return { kind: 'message', text: `Created query with ID ${queryId}`, queryId };
}

export async function insertIntoSelect(
  stmt: InsertInto,
  ctx: EngineContext,
): Promise<StatementResult> {
  const target = ctx.metastore.getSource(stmt.target);
  if (!target) {
    throw new AnalysisError(`Source \`${stmt.target}\` does not exist.`, stmt.targetSpan);
  }
  if (target.sourceType !== 'stream') {
    throw new AnalysisError(
      `INSERT INTO can only be used to insert into a stream. ${target.name} is a table.`,
      stmt.targetSpan,
    );
  }
  if (target.readOnly) {
    throw new AnalysisError(`Cannot insert into read-only stream: ${target.name}`, stmt.targetSpan);
  }
  if (target.columns.some((c) => c.namespace === 'header')) {
    throw new AnalysisError(
      `Cannot insert into ${target.name} because it has header columns`,
      stmt.targetSpan,
    );
  }
  const analysis = analyzeQuery(stmt.query, ctx, stmt.target);
  refuseWindowedTables(analysis);
  await refuseUncopartitioned(analysis, stmt.span, ctx);
  if (analysis.outputType !== 'stream') {
    throw new AnalysisError(
      `INSERT INTO can only be used to insert into a stream. The query produces a table.`,
      stmt.span,
    );
  }
  const result = analysis.projection.map((p) => p.column);
  const sinkColumns = target.columns.filter((c) => c.namespace !== 'header');
  if (!compatibleColumns(result, sinkColumns)) {
    throw new AnalysisError(
      `Incompatible schema between results and sink.\nResult schema is ${schemaText(result)}\nSink schema is ${schemaText(sinkColumns)}`,
      stmt.span,
    );
  }
  // Columns that differ in type are cast to the sink's (ksqlDB's implicit casts: INT into DECIMAL).
  const projection = analysis.projection.map((p, i) => ({
    column: sinkColumns[i]!,
    expression: castTo(p.expression, sinkColumns[i]!.type),
  }));
  const queryId = ctx.replayCommand?.queryId ?? ctx.nextQueryId('INSERTQUERY');
  await startQuery(
    queryId,
    target,
    { ...analysis, projection },
    stmt.text,
    ctx,
    keyPassesThrough(stmt.query, analysis),
  );
  return { kind: 'message', text: `Created query with ID ${queryId}`, queryId };
}

async function startQuery(
  queryId: string,
  sink: DataSource,
  analysis: QueryAnalysis,
  sql: string,
  ctx: EngineContext,
  passesKeyThrough: boolean,
): Promise<void> {
  const sinkSpec: SinkSpec = {
    sourceName: sink.name,
    topic: sink.topic,
    sourceType: sink.sourceType,
    keyFormat: sink.keyFormat,
    valueFormat: sink.valueFormat,
    ...(sink.window ? { window: sink.window } : {}),
    ...(sink.timestamp
      ? {
          timestamp: {
            index: sink.columns.findIndex((c) => c.name === sink.timestamp!.column),
            ...(sink.timestamp.format !== undefined ? { format: sink.timestamp.format } : {}),
          },
        }
      : {}),
    ...(passesKeyThrough ? { keyPassesThrough: true } : {}),
  };
  const plan: QueryPlan = ctx.replayCommand?.plan
    ? decodePlan<QueryPlan>(ctx.replayCommand.plan)
    : {
        v: 1,
        queryId,
        root: insertRepartitions(planQuery(analysis, ctx.properties), {
          defaultKeyFormat: defaultKeyFormat(ctx),
          foreignKeyJoinInOrder:
            ctx.properties.get('streamsql.foreign.key.join.in.order')?.toLowerCase() === 'true',
        }),
        sink: sinkSpec,
        sources: [analysis.source.name],
        partitioned: true,
      };
  const query = new PersistentQuery(
    plan,
    sql,
    ctx.log,
    ctx.functions,
    (m) => ctx.notice(m),
    ctx.schemaRegistry,
    ctx.stateDir !== undefined ? QueryStateDir.of(ctx.stateDir, plan.queryId) : undefined,
  );
  try {
    await query.open(offsetReset(ctx));
  } catch (err) {
    // Its store files were opened while it restored: close them, or they stay open for good.
    await query.closeState().catch(() => undefined);
    throw err;
  }
  ctx.queries.set(queryId, query);
  if (!ctx.replaying) {
    await ctx.recordCommand({
      v: 1,
      statement: sql,
      properties: propertiesObject(ctx),
      queryId,
      plan: encodePlan(plan),
    });
  }
}

/**
 * Joins of sources with different partition counts, as ksqlDB refuses them. Not when replaying
 * the command topic: a query accepted before this check runs on as it did (one task).
 */
export async function refuseUncopartitioned(
  analysis: QueryAnalysis,
  span: Span,
  ctx: EngineContext,
): Promise<void> {
  if (ctx.replayCommand) return;
  await checkPartitionCounts(
    analysis.from.relation,
    async (topic) => (await ctx.log.describeTopic(topic))?.partitions,
    span,
  );
}

/** `ksql.persistence.default.format.key`, as the planner needs it for repartition topics. */
function defaultKeyFormat(ctx: EngineContext): FormatName {
  const name = ctx.properties.get('ksql.persistence.default.format.key')?.toUpperCase();
  const known: readonly FormatName[] = [
    'KAFKA',
    'JSON',
    'DELIMITED',
    'AVRO',
    'PROTOBUF',
    'PROTOBUF_NOSR',
    'JSON_SR',
    'NONE',
  ];
  return known.find((f) => f === name) ?? 'KAFKA';
}

function sinkFormats(
  props: Properties,
  analysis: QueryAnalysis,
  columns: readonly Column[],
  sourceType: 'stream' | 'table',
  ctx: EngineContext,
): { key: FormatInfo; value: FormatInfo } {
  const source = analysis.source;
  const keys = columns.filter((c) => c.namespace === 'key');
  const values = columns.filter((c) => c.namespace === 'value');
  const explicitKey = stringProperty(props, 'KEY_FORMAT');
  if (
    sourceType === 'stream' &&
    keys.length === 0 &&
    explicitKey !== undefined &&
    explicitKey.toUpperCase() !== 'NONE'
  ) {
    throw new AnalysisError('Key format specified for stream without key columns.');
  }
  // A result with keys from a key-less source takes the default key format.
  const defaultKey = formatName(
    ctx.properties.get('ksql.persistence.default.format.key') ?? 'KAFKA',
  );
  const resolved = resolveFormats(props, {
    keyFormat:
      source.keyFormat.format === 'NONE' && keys.length > 0 ? defaultKey : source.keyFormat.format,
    valueFormat: source.valueFormat.format,
  });
  const inheritsValue = props.VALUE_FORMAT === undefined && props.FORMAT === undefined;
  const value: FormatInfo =
    inheritsValue &&
    source.valueFormat.options.delimiter !== undefined &&
    resolved.value.options.delimiter === undefined
      ? {
          format: resolved.value.format,
          options: { ...resolved.value.options, delimiter: source.valueFormat.options.delimiter },
        }
      : resolved.value;
  const key: FormatInfo = keys.length === 0 ? { format: 'NONE', options: {} } : resolved.key;
  checkKeyTypes(keys);
  checkFormatSupports(key.format, keys, 'key');
  checkFormatSupports(value.format, values, 'value');
  return { key, value };
}

function sinkWindow(analysis: QueryAnalysis): Pick<DataSource, 'window'> {
  const w = analysis.aggregate?.window;
  if (!w) {
    // A stateless query over a windowed source keeps its windowed keys.
    // So does a join of windowed sources (they join on key and window).
    const inherited = !analysis.aggregate ? analysis.source.window : undefined;
    return inherited ? { window: inherited } : {};
  }
  return {
    window: w.kind === 'session' ? { type: 'session' } : { type: w.kind, sizeMs: w.sizeMs },
  };
}

function sinkTimestamp(
  props: Properties,
  columns: readonly Column[],
): Pick<DataSource, 'timestamp'> {
  const name = stringProperty(props, 'TIMESTAMP');
  if (name === undefined) return {};
  const normalized = name.startsWith('`') ? name.slice(1, -1) : name.toUpperCase();
  if (!columns.some((c) => c.name === normalized)) {
    throw new AnalysisError(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${normalized}'`,
    );
  }
  const format = stringProperty(props, 'TIMESTAMP_FORMAT');
  return { timestamp: { column: normalized, ...(format !== undefined ? { format } : {}) } };
}

async function ensureSinkTopic(
  topic: string,
  props: Properties,
  analysis: QueryAnalysis,
  sourceType: 'stream' | 'table',
  ctx: EngineContext,
): Promise<void> {
  const sourceInfo = await ctx.log.describeTopic(analysis.source.topic);
  const partitions = numberProperty(props, 'PARTITIONS') ?? sourceInfo?.partitions ?? 1;
  const replicas = numberProperty(props, 'REPLICAS') ?? sourceInfo?.replicas ?? 1;
  const existing = await ctx.log.describeTopic(topic);
  if (existing) {
    if (existing.partitions !== partitions && props.PARTITIONS !== undefined) {
      throw new AnalysisError(
        `A Kafka topic with the name '${topic}' already exists, with different partition/replica configuration than required. KSQL expects ${partitions} partitions (topic has ${existing.partitions}).`,
      );
    }
    return;
  }
  await ctx.log.createTopic(topic, {
    partitions,
    replicas,
    ...(sourceType === 'table' ? { config: { 'cleanup.policy': 'compact' } } : {}),
  });
}

function refuseWindowedTables(analysis: QueryAnalysis): void {
  if (analysis.from.sources.some((s) => s.source.sourceType === 'table' && s.source.window)) {
    throw new AnalysisError('KSQL does not support persistent queries on windowed tables.');
  }
}

/** ksqlDB's CTAS check: aggregates need a GROUP BY (COUNT(*) counts ROWTIME there). */
function refuseUngroupedAggregates(stmt: CreateAsSelect, ctx: EngineContext): void {
  const calls: string[] = [];
  for (const item of stmt.query.select) {
    if (item.kind !== 'selectExpression') continue;
    visitAst(item.expression, (x) => {
      if (x.kind !== 'call' || ctx.functions.kindOf(x.name) !== 'aggregate') return;
      const args = x.args.length === 0 ? 'ROWTIME' : x.args.map((a) => printAst(a)).join(', ');
      calls.push(`${x.name.toUpperCase()}(${args})`);
    });
  }
  if (calls.length === 0) return;
  throw new AnalysisError(
    `CREATE TABLE AS SELECT statement does not support aggregate function [${calls.join(', ')}] without a GROUP BY clause.`,
    stmt.query.span,
  );
}

/** Whether the query writes its source's key as it read it (nothing computes a new key). */
function keyPassesThrough(query: Query, analysis: QueryAnalysis): boolean {
  return !query.partitionBy && !analysis.aggregate && !analysis.from.isJoin;
}

/** ksqlDB's LogicalSchema.compatibleSchema: same names and namespaces, types that widen. */
function compatibleColumns(a: readonly Column[], b: readonly Column[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (c, i) =>
        c.name === b[i]!.name && c.namespace === b[i]!.namespace && canWiden(c.type, b[i]!.type),
    )
  );
}

/** A schema as ksqlDB's INSERT INTO messages print it: `` `K` STRING KEY, `V` INTEGER ``. */
function schemaText(columns: readonly Column[]): string {
  return columns
    .map((c) => `\`${c.name}\` ${formatType(c.type)}${c.namespace === 'key' ? ' KEY' : ''}`)
    .join(', ');
}
