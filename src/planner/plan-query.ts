/**
 * Turns an analyzed query into its plan: source → filter → flatMap → project. The sink is added
 * by the engine for persistent queries (CSAS, CTAS, INSERT INTO).
 */
import type { QueryAnalysis } from '../analyzer/analyze-query.js';
import type { Column } from '../common/schema.js';
import type { DataSource } from '../engine/data-source.js';
import type { PlanNode, SourceNode } from './plan.js';

export function planQuery(a: QueryAnalysis): PlanNode {
  let node: PlanNode = sourceNode(a.source, a.sourceSchema);
  if (a.where) {
    node = { type: 'filter', v: 1, input: node, predicate: a.where, schema: node.schema };
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

export function sourceNode(source: DataSource, schema: readonly Column[]): SourceNode {
  const tsIndex = source.timestamp ? schema.findIndex((c) => c.name === source.timestamp!.column) : -1;
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
          },
        }
      : {}),
    schema,
  };
}
