/** EXPLAIN query_id | EXPLAIN statement: the query's plan, as stored in the command topic. */
import { analyzeQuery } from '../../analyzer/analyze-query.js';
import { AnalysisError, UnsupportedError } from '../../common/errors.js';
import { formatType } from '../../common/sql-types.js';
import type { Explain } from '../../parser/ast.js';
import { planQuery } from '../../planner/plan-query.js';
import { insertRepartitions } from '../../planner/rules/insert-repartitions.js';
import type { InternalTopic } from '../../runtime/query-tasks.js';
import { repartitionTopic } from '../../runtime/query-names.js';
import type { PlanNode } from '../../planner/plan.js';
import { printExpression } from '../../analyzer/print-expression.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function explain(stmt: Explain, ctx: EngineContext): Promise<StatementResult> {
  if (stmt.queryId !== undefined) {
    const q = [...ctx.queries.values()].find(
      (x) => x.plan.queryId.toUpperCase() === stmt.queryId!.toUpperCase(),
    );
    if (!q)
      throw new AnalysisError(
        `Query with id:${stmt.queryId} does not exist, use SHOW QUERIES to view the full set of queries.`,
        stmt.span,
      );
    const text = [
      `ID                   : ${q.plan.queryId}`,
      `Query Type           : PERSISTENT`,
      `SQL                  : ${q.sql}`,
      `Status               : ${q.state}`,
      `Sink                 : ${q.plan.sink.sourceName} (topic: ${q.plan.sink.topic})`,
      '',
      'Execution plan',
      '--------------',
      ...renderPlan(q.plan.root, 0, q.plan.queryId),
      ...renderSubTopologies(q.subTopologies(), q.repartitionTopics),
      ...renderStores(q.stores()),
    ].join('\n');
    return { kind: 'text', title: q.plan.queryId, text };
  }
  const inner = stmt.statement;
  const query =
    inner?.kind === 'select' || inner?.kind === 'createAsSelect' || inner?.kind === 'insertInto'
      ? inner.query
      : undefined;
  if (!query) throw new UnsupportedError('EXPLAIN supports queries and query ids', stmt.span);
  const planned = planQuery(analyzeQuery(query, ctx, 'explain', { transient: true }));
  // A persistent query repartitions as it will when it runs; a push query runs as one task.
  const root =
    inner?.kind === 'select' ? planned : insertRepartitions(planned, { defaultKeyFormat: 'KAFKA' });
  return {
    kind: 'text',
    title: 'Plan',
    text: ['Execution plan', '--------------', ...renderPlan(root)].join('\n'),
  };
}

/** One line per node, children indented, with the schema each emits. */
export function renderPlan(node: PlanNode, depth = 0, queryId?: string): string[] {
  const pad = ' '.repeat(depth * 2) + ' > ';
  const schema = node.schema
    .filter((c) => c.namespace !== 'pseudo')
    .map((c) => `${c.name} ${formatType(c.type)}${c.namespace === 'key' ? ' KEY' : ''}`)
    .join(', ');
  switch (node.type) {
    case 'source':
      return [`${pad}[ SOURCE ] ${node.sourceName} (topic: ${node.topic}) | Schema: ${schema}`];
    case 'filter':
      return [
        `${pad}[ FILTER ] ${printExpression(node.predicate)} | Schema: ${schema}`,
        ...renderPlan(node.input, depth + 1, queryId),
      ];
    case 'project':
      return [
        `${pad}[ PROJECT ] | Schema: ${schema}`,
        ...renderPlan(node.input, depth + 1, queryId),
      ];
    case 'aggregate': {
      const window = node.window ? ` WINDOW ${node.window.kind.toUpperCase()}` : '';
      const groupBy = node.groupBy.map((g) => printExpression(g)).join(', ');
      const aggs = node.aggregates
        .map((a) => `${a.name}(${a.args.map((x) => printExpression(x)).join(', ')})`)
        .join(', ');
      return [
        `${pad}[ AGGREGATE ] GROUP BY ${groupBy}${window} EMIT ${node.emit.toUpperCase()} | ${aggs} | Schema: ${schema}`,
        ...renderPlan(node.input, depth + 1, queryId),
      ];
    }
    case 'join':
      return [
        `${pad}[ JOIN ] ${node.kind} ${node.joinType.toUpperCase()} ON ${printExpression(node.leftKey)} = ${printExpression(node.rightKey)}${node.within ? ` WITHIN (${node.within.beforeMs} ms, ${node.within.afterMs} ms${node.within.graceMs !== undefined ? `, GRACE ${node.within.graceMs} ms` : ''})` : ''}${rekeyed(node)} | Schema: ${schema}`,
        ...renderPlan(node.left, depth + 1, queryId),
        ...renderPlan(node.right, depth + 1, queryId),
      ];
    case 'repartition': {
      const topic = queryId ? repartitionTopic(queryId, node.name) : `${node.name}-repartition`;
      const keys = node.keys.map((k) => printExpression(k)).join(', ');
      return [
        `${pad}[ REPARTITION ] ${node.name} BY ${keys} (topic: ${topic}, key format: ${node.keyFormat.format}, value format: ${node.valueFormat.format}) | Schema: ${schema}`,
        ...renderPlan(node.input, depth + 1, queryId),
      ];
    }
    case 'flatMap':
      return [
        `${pad}[ FLAT_MAP ] ${node.functions.map((f) => f.name).join(', ')} | Schema: ${schema}`,
        ...renderPlan(node.input, depth + 1, queryId),
      ];
  }
}

/**
 * How a join is partitioned when nothing is repartitioned before it: a push query runs as one
 * task over every partition, so its sides are re-keyed in memory; a foreign-key join looks its
 * right rows up by foreign key, which needs no co-partitioning: through subscription topics
 * between the two tables' tasks, or in one task (plans from before them, push queries).
 */
function rekeyed(node: Extract<PlanNode, { type: 'join' }>): string {
  if (node.kind === 'foreignKey') {
    return node.subscriptions
      ? " | FOREIGN KEY: subscriptions sent to the right table's tasks, responses to the left table's"
      : ' | FOREIGN KEY: subscriptions kept by foreign key, in one task over every partition';
  }
  const isKey = (side: PlanNode, key: typeof node.leftKey): boolean =>
    side.type === 'repartition' ||
    (key.k === 'column' &&
      (side.type === 'join' ? key.index === 0 : side.schema[key.index]?.namespace === 'key'));
  const sides = [
    ...(isKey(node.left, node.leftKey) ? [] : [`LEFT by ${printExpression(node.leftKey)}`]),
    ...(isKey(node.right, node.rightKey) ? [] : [`RIGHT by ${printExpression(node.rightKey)}`]),
  ];
  return sides.length === 0
    ? ''
    : ` | REKEY ${sides.join(', ')} (in memory: a push query is one task over every partition)`;
}

type SubTopologyRow = { id: number; inputs: string[]; output: string; tasks: number };

/** The parts of a query between topics, each one task per partition of what it reads. */
function renderSubTopologies(
  subs: readonly SubTopologyRow[],
  repartitions: readonly InternalTopic[],
): string[] {
  if (subs.length === 0) return [];
  const topics = repartitionLines(repartitions);
  return [
    '',
    'Sub-topologies',
    '--------------',
    ...subTopologyLines(subs),
    ...(topics.length > 0 ? ['', 'Repartition topics', '------------------', ...topics] : []),
  ];
}

/** One line per sub-topology: what it reads, what it writes, how many tasks run it. */
export function subTopologyLines(subs: readonly SubTopologyRow[]): string[] {
  return subs.map(
    (s) =>
      ` > Sub-topology ${s.id}: reads ${[...new Set(s.inputs)].join(', ')} | writes ${s.output} | ${s.tasks} task${s.tasks === 1 ? '' : 's'}`,
  );
}

/** One line per repartition topic: its partitions and formats. */
export function repartitionLines(topics: readonly InternalTopic[]): string[] {
  return topics.map(
    (t) =>
      ` > ${t.name} (${t.partitions} partition${t.partitions === 1 ? '' : 's'}, key format: ${t.keyFormat}, value format: ${t.valueFormat})`,
  );
}

/** The query's state stores and the changelog topics they are restored from. */
type StoreRow = {
  operator: string;
  name: string;
  changelogTopic?: string;
  /** Where the store lives: its sub-topology, one store per task (a changelog partition each). */
  subTopology?: number;
  tasks?: number;
};

function renderStores(stores: readonly StoreRow[]): string[] {
  if (stores.length === 0) return [];
  return ['', 'State stores', '------------', ...storeLines(stores)];
}

/** One line per state store: its operator, name and changelog topic. */
export function storeLines(stores: readonly StoreRow[]): string[] {
  return stores.map(
    (s) =>
      ` > ${s.operator} ${s.name}${s.changelogTopic ? ` (changelog: ${s.changelogTopic})` : ''}${s.tasks !== undefined ? ` | sub-topology ${s.subTopology}, ${s.tasks} task${s.tasks === 1 ? '' : 's'}, one store each` : ''}`,
  );
}
