/**
 * Builds the operators of a plan: one table from plan node `type` to operator factory
 * (Arroyo's construct_operator). A pipeline is a source decoder and the operators after it.
 */
import { InternalError } from '../common/errors.js';
import type { Column } from '../common/schema.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { LogRecord } from '../log/log.js';
import type { AggregateNode, PlanNode, SourceNode } from '../planner/plan.js';
import { compileExpression, compileProjection } from './compile-expression.js';
import { AggregateOperator } from './operators/aggregate.js';
import { FilterOperator } from './operators/filter.js';
import { FlatMapOperator } from './operators/flat-map.js';
import type { Operator } from './operators/operator.js';
import { ProjectOperator } from './operators/project.js';
import { SourceDecoder } from './operators/source.js';
import { TableSourceOperator } from './operators/table-source.js';
import { queryGroup } from './query-names.js';
import type { Rec } from './record.js';
import type { TaskContext } from './task-context.js';
import { DEFAULT_GRACE_MS } from './windows.js';

export interface Pipeline {
  readonly sourceNode: SourceNode;
  readonly decoder: SourceDecoder;
  /** For table sources: the materialized table, first of the operators. */
  readonly tableSource?: TableSourceOperator;
  readonly operators: readonly Operator[];
  /** The schema of the rows the last operator emits. */
  readonly schema: readonly Column[];
}

interface BuildContext {
  readonly functions: FunctionRegistry;
  /** Set for persistent queries: their stores get changelog topics named after it. */
  readonly queryId?: string;
}

type Factory<N extends PlanNode> = (node: N, ctx: BuildContext) => Operator;

const FACTORIES: { [T in Exclude<PlanNode['type'], 'source'>]: Factory<Extract<PlanNode, { type: T }>> } = {
  filter: (node, { functions }) => new FilterOperator(compileExpression(node.predicate, functions)),
  project: (node, { functions }) => {
    const keyCount = node.schema.filter((c) => c.namespace === 'key').length;
    return new ProjectOperator(
      compileProjection(node.expressions, functions),
      compileProjection(node.expressions.slice(0, keyCount), functions),
      node.expressions.length,
    );
  },
  flatMap: (node, { functions }) =>
    new FlatMapOperator(
      node.functions.map((f) => {
        const args = compileProjection(f.args, functions);
        const resolved = functions.resolveTable(
          f.name,
          f.args.map((a) => (a.k === 'unit' ? { kind: 'intervalUnit', unit: a.unit } : { kind: 'value', type: a.type })),
        );
        return (row: readonly unknown[]) => resolved.invoke(...args(row)) ?? [];
      }),
    ),
  aggregate: (node, ctx) => aggregateOperator(node, ctx),
};

function aggregateOperator(node: AggregateNode, { functions, queryId }: BuildContext): Operator {
  const aggregates = node.aggregates.map((a) =>
    functions.resolveAggregate(
      a.name,
      a.args.map((x) =>
        x.k === 'unit'
          ? { kind: 'intervalUnit', unit: x.unit }
          : { kind: 'value', type: x.type, ...(x.k === 'literal' ? { literal: { value: x.value } } : {}) },
      ),
    ),
  );
  const w = node.window;
  return new AggregateOperator({
    groupKey: compileProjection(node.groupBy, functions),
    args: node.aggregates.map((a) => compileProjection(a.args, functions)),
    aggregates,
    ...(w
      ? {
          window: {
            kind: w.kind,
            sizeMs: w.sizeMs,
            advanceMs: w.advanceMs,
            gapMs: w.gapMs,
            graceMs: w.graceMs ?? DEFAULT_GRACE_MS,
            retentionMs: w.retentionMs,
          },
        }
      : {}),
    emitFinal: node.emit === 'final',
    ...(queryId ? { changelogTopic: `${queryGroup(queryId)}-Aggregate-Aggregate-Materialize-changelog` } : {}),
  });
}

export function buildPipeline(root: PlanNode, functions: FunctionRegistry, queryId?: string): Pipeline {
  const chain: PlanNode[] = [];
  let node: PlanNode = root;
  while (node.type !== 'source') {
    chain.unshift(node);
    node = node.input;
  }
  const ctx: BuildContext = { functions, ...(queryId ? { queryId } : {}) };
  const operators = chain.map((n) => {
    const factory = FACTORIES[n.type as keyof typeof FACTORIES] as Factory<PlanNode> | undefined;
    if (!factory) throw new InternalError(`no operator for plan node ${n.type}`);
    return factory(n, ctx);
  });
  const tableSource =
    node.sourceType === 'table'
      ? new TableSourceOperator(node.schema.filter((c) => c.namespace === 'key').length)
      : undefined;
  return {
    sourceNode: node,
    decoder: new SourceDecoder(node, functions),
    ...(tableSource ? { tableSource } : {}),
    operators: tableSource ? [tableSource, ...operators] : operators,
    schema: root.schema,
  };
}

export function sourceOf(node: PlanNode): SourceNode {
  let n = node;
  while (n.type !== 'source') n = n.input;
  return n;
}

/** Decodes a batch of log records and runs it through every operator. */
export function runPipeline(pipeline: Pipeline, records: readonly LogRecord[], ctx: TaskContext): Rec[] {
  let batch = pipeline.decoder.decode(records, ctx);
  for (const op of pipeline.operators) batch = op.process(batch, ctx);
  return batch;
}
