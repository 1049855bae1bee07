/**
 * Builds the operator of each plan node: one table from plan node `type` to operator factory
 * (Arroyo's construct_operator). topology.ts wires them from each source to the root.
 */
import { InternalError } from '../common/errors.js';
import type { FunctionRegistry } from '../functions/types.js';
import type {
  AggregateNode,
  JoinNode,
  PlanNode,
  RepartitionNode,
  SourceNode,
} from '../planner/plan.js';
import { compileExpression, compileProjection } from './compile-expression.js';
import { AggregateOperator } from './operators/aggregate.js';
import { FilterOperator } from './operators/filter.js';
import { FlatMapOperator } from './operators/flat-map.js';
import { ForeignKeyJoinOperator } from './operators/foreign-key-join.js';
import { StreamStreamJoinOperator } from './operators/stream-stream-join.js';
import { StreamTableJoinOperator, type JoinConfig } from './operators/stream-table-join.js';
import { TableTableJoinOperator } from './operators/table-table-join.js';
import type { Operator } from './operators/operator.js';
import { ProjectOperator } from './operators/project.js';
import { queryGroup } from './query-names.js';
import { tombstoneKeyExpressions } from './tombstone-keys.js';
import { DEFAULT_GRACE_MS } from './windows.js';

export interface BuildContext {
  readonly functions: FunctionRegistry;
  /** Set for persistent queries: their stores get changelog topics named after it. */
  readonly queryId?: string;
  /** The task partition the operators are built for: their stores' changelog partition. */
  readonly partition?: number;
}

type Factory<N extends PlanNode> = (node: N, ctx: BuildContext) => Operator;

const FACTORIES: {
  [T in Exclude<PlanNode['type'], 'source' | 'repartition'>]: Factory<
    Extract<PlanNode, { type: T }>
  >;
} = {
  filter: (node, { functions }) => new FilterOperator(compileExpression(node.predicate, functions)),
  project: (node, { functions }) =>
    new ProjectOperator(
      compileProjection(node.expressions, functions),
      compileProjection(tombstoneKeyExpressions(node), functions),
      node.expressions.length,
    ),
  flatMap: (node, { functions }) =>
    new FlatMapOperator(
      node.functions.map((f) => {
        const args = compileProjection(f.args, functions);
        const resolved = functions.resolveTable(
          f.name,
          f.args.map((a) =>
            a.k === 'unit'
              ? { kind: 'intervalUnit', unit: a.unit }
              : { kind: 'value', type: a.type },
          ),
        );
        return (row: readonly unknown[]) => resolved.invoke(...args(row)) ?? [];
      }),
    ),
  aggregate: (node, ctx) => aggregateOperator(node, ctx),
  join: (node, ctx) => joinOperator(node, ctx),
};

function joinOperator(node: JoinNode, ctx: BuildContext): Operator {
  const config = joinConfig(node, ctx);
  switch (node.kind) {
    case 'streamTable':
      return new StreamTableJoinOperator(config);
    case 'streamStream':
      return new StreamStreamJoinOperator(
        config,
        node.within!.beforeMs,
        node.within!.afterMs,
        node.within!.graceMs,
      );
    case 'tableTable':
      return new TableTableJoinOperator(config);
    case 'foreignKey':
      return new ForeignKeyJoinOperator(config, leftPrimaryKey(node));
  }
}

/** What every join operator is built from: key functions, widths, changelog names. */
export function joinConfig(
  node: JoinNode,
  { functions, queryId, partition }: BuildContext,
): JoinConfig {
  return {
    leftKey: compileExpression(node.leftKey, functions),
    rightKey: compileExpression(node.rightKey, functions),
    leftWidth: node.left.schema.length,
    rightWidth: node.right.schema.length,
    joinType: node.joinType,
    ...(queryId ? { changelogPrefix: `${queryGroup(queryId)}-Join${joinCounter(node)}` } : {}),
    ...(partition ? { partition } : {}),
    ...(timeWindowed(node.left) ? { windowStartOnly: true } : {}),
  };
}

/** The left table's primary key positions in a foreign-key join's left row. */
export function leftPrimaryKey(node: JoinNode): readonly number[] {
  return (
    node.leftPrimaryKey ?? node.left.schema.flatMap((c, i) => (c.namespace === 'key' ? [i] : []))
  );
}

/** Distinguishes the stores of the joins of an n-way join: the depth of the join in the tree. */
function joinCounter(node: JoinNode): string {
  let depth = 0;
  for (let n = throughRepartition(node.left); n.type === 'join'; n = throughRepartition(n.left))
    depth++;
  return depth === 0 ? '' : `${depth}`;
}

function throughRepartition(node: PlanNode): PlanNode {
  return node.type === 'repartition' ? throughRepartition(node.input) : node;
}

function aggregateOperator(
  node: AggregateNode,
  { functions, queryId, partition }: BuildContext,
): Operator {
  const aggregates = node.aggregates.map((a) =>
    functions.resolveAggregate(
      a.name,
      a.args.map((x) =>
        x.k === 'unit'
          ? { kind: 'intervalUnit', unit: x.unit }
          : {
              kind: 'value',
              type: x.type,
              ...(x.k === 'literal' ? { literal: { value: x.value } } : {}),
            },
      ),
      undefined,
      a.settings,
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
    ...(queryId
      ? { changelogTopic: `${queryGroup(queryId)}-Aggregate-Aggregate-Materialize-changelog` }
      : {}),
    ...(partition ? { partition } : {}),
  });
}

/** Builds the operator for one (non-source) plan node. */
export function buildOperator(
  node: Exclude<PlanNode, SourceNode | RepartitionNode>,
  ctx: BuildContext,
): Operator {
  const factory = FACTORIES[node.type as keyof typeof FACTORIES] as Factory<PlanNode> | undefined;
  if (!factory) throw new InternalError(`no operator for plan node ${node.type}`);
  return factory(node, ctx);
}

/** The leftmost source of a plan. */
export function sourceOf(node: PlanNode): SourceNode {
  let n = node;
  while (n.type !== 'source') n = n.type === 'join' ? n.left : n.input;
  return n;
}

/** Whether a join side's rows carry time (tumbling or hopping) windows. */
function timeWindowed(node: PlanNode): boolean {
  const window = sourceOf(node).window;
  return window !== undefined && window.type !== 'session';
}
