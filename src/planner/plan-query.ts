/**
 * Turns an analyzed query into its plan: source → filter → flatMap → project. The sink is added
 * by the engine for persistent queries (CSAS, CTAS, INSERT INTO).
 */
import type { RelationAnalysis } from '../analyzer/analyze-from.js';
import type { QueryAnalysis } from '../analyzer/analyze-query.js';
import type { Column } from '../common/schema.js';
import type { DataSource } from '../engine/data-source.js';
import type { WindowExpression } from '../parser/ast.js';
import { defaultGraceMs } from '../runtime/windows.js';
import type { AggregateNode, PlanNode, SourceNode } from './plan.js';

/** `properties`: the session's, of which aggregates keep the `ksql.functions.*` ones. */
export function planQuery(
  a: QueryAnalysis,
  properties: ReadonlyMap<string, string> = new Map(),
): PlanNode {
  const settings = Object.fromEntries(
    [...properties].filter(([k]) => k.startsWith('ksql.functions.')),
  );
  const hasSettings = Object.keys(settings).length > 0;
  let node: PlanNode = planRelation(a.from.relation, properties);
  if (a.where) {
    node = { type: 'filter', v: 1, input: node, predicate: a.where, schema: node.schema };
  }
  if (a.aggregate) {
    const agg = a.aggregate;
    node = {
      type: 'aggregate',
      v: 1,
      input: node,
      groupBy: agg.groupBy,
      aggregates: agg.aggregates.map((x) => ({
        name: x.name,
        args: x.args,
        ...(hasSettings ? { settings } : {}),
      })),
      ...(agg.window ? { window: windowSpec(agg.window, a.emit === 'final') } : {}),
      emit: a.emit === 'final' ? 'final' : 'changes',
      schema: agg.aggregateSchema,
    };
    if (agg.having) {
      node = { type: 'filter', v: 1, input: node, predicate: agg.having, schema: node.schema };
    }
  }
  if (a.tableFunctions.length > 0) {
    const added: Column[] = a.tableFunctions.map((f) => ({
      name: (f.column as { name: string }).name,
      type: (f.column as { type: Column['type'] }).type,
      namespace: 'value',
    }));
    node = {
      type: 'flatMap',
      v: 1,
      input: node,
      functions: a.tableFunctions.map((f) => ({ name: f.name, args: f.args })),
      schema: [...node.schema, ...added],
    };
  }
  return {
    type: 'project',
    v: 1,
    input: node,
    expressions: a.projection.map((p) => p.expression),
    schema: a.projection.map((p) => p.column),
  };
}

/** The FROM clause: a source, or joins of sources. */
export function planRelation(
  rel: RelationAnalysis,
  properties: ReadonlyMap<string, string> = new Map(),
): PlanNode {
  if (rel.kind === 'source') return sourceNode(rel.source, rel.schema, properties);
  return {
    type: 'join',
    v: 1,
    kind: rel.joinKind,
    joinType: rel.joinType,
    left: planRelation(rel.left, properties),
    right: planRelation(rel.right, properties),
    leftKey: rel.leftKey,
    rightKey: rel.rightKey,
    ...(rel.leftPrimaryKey ? { leftPrimaryKey: rel.leftPrimaryKey } : {}),
    ...(rel.within
      ? {
          within: {
            beforeMs: rel.within.beforeMs,
            afterMs: rel.within.afterMs,
            ...(rel.within.graceMs !== undefined ? { graceMs: rel.within.graceMs } : {}),
          },
        }
      : {}),
    schema: rel.schema,
  };
}

/**
 * A WINDOW clause as the runtime needs it, with ksqlDB's defaults for grace (which depends on
 * `emitFinal`) and retention (size, or gap, plus grace, and at least a day).
 */
export function windowSpec(
  w: WindowExpression,
  emitFinal = false,
): NonNullable<AggregateNode['window']> {
  const grace = w.graceMs ?? defaultGraceMs(emitFinal, w.kind === 'session' ? w.gapMs : w.sizeMs);
  switch (w.kind) {
    case 'tumbling':
      return {
        kind: 'tumbling',
        sizeMs: w.sizeMs,
        advanceMs: w.sizeMs,
        gapMs: 0,
        graceMs: grace,
        retentionMs: w.retentionMs ?? Math.max(w.sizeMs + grace, DAY_MS),
      };
    case 'hopping':
      return {
        kind: 'hopping',
        sizeMs: w.sizeMs,
        advanceMs: w.advanceMs,
        gapMs: 0,
        graceMs: grace,
        retentionMs: w.retentionMs ?? Math.max(w.sizeMs + grace, DAY_MS),
      };
    case 'session':
      return {
        kind: 'session',
        sizeMs: 0,
        advanceMs: 0,
        gapMs: w.gapMs,
        graceMs: grace,
        retentionMs: w.retentionMs ?? Math.max(w.gapMs + grace, DAY_MS),
      };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `properties`: the session's; `ksql.timestamp.throw.on.invalid` makes a bad timestamp fatal. */
export function sourceNode(
  source: DataSource,
  schema: readonly Column[],
  properties: ReadonlyMap<string, string> = new Map(),
): SourceNode {
  const throwOnInvalid =
    properties.get('ksql.timestamp.throw.on.invalid')?.toLowerCase() === 'true';
  const tsIndex = source.timestamp
    ? schema.findIndex((c) => c.name === source.timestamp!.column)
    : -1;
  return {
    type: 'source',
    v: 1,
    sourceName: source.name,
    sourceType: source.sourceType,
    topic: source.topic,
    keyFormat: source.keyFormat,
    valueFormat: source.valueFormat,
    ...(source.window ? { window: source.window } : {}),
    ...(tsIndex >= 0
      ? {
          timestamp: {
            index: tsIndex,
            ...(source.timestamp!.format !== undefined ? { format: source.timestamp!.format } : {}),
            ...(throwOnInvalid ? { throwOnInvalid } : {}),
          },
        }
      : {}),
    schema,
  };
}
