/**
 * Pull queries: the rows a stream or table holds now. A table that a running CTAS aggregation
 * writes is read from that query's state store, as ksqlDB reads it
 * (runtime/table-materialization.ts); any other table's current rows are the latest record per
 * key of its topic, with deletes applied, kept in a view that each pull query catches up
 * (engine/pull-table-view.ts). A WHERE that fixes the key columns to literals (`=`, `IN`) looks
 * those keys up instead of scanning; with `ksql.query.pull.table.scan.enabled=false` nothing
 * else is allowed. A stream's rows are every record of its topic. WHERE and the projection are
 * evaluated on those rows; ROWPARTITION and ROWOFFSET are refused, as in ksqlDB.
 */
import { analyzeQuery } from '../../analyzer/analyze-query.js';
import type { QueryAnalysis } from '../../analyzer/analyze-query.js';
import { walk, type TypedExpression } from '../../analyzer/typed-expression.js';
import { AnalysisError } from '../../common/errors.js';
import { ROWOFFSET, ROWPARTITION, type Column } from '../../common/schema.js';
import { planQuery } from '../../planner/plan-query.js';
import type { SourceNode } from '../../planner/plan.js';
import { compileExpression, compileProjection } from '../../runtime/compile-expression.js';
import { SourceDecoder } from '../../runtime/operators/source.js';
import { BatchContext } from '../../runtime/processing-log-writer.js';
import { sourceOf } from '../../runtime/operator-factory.js';
import type { SelectStatement } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import { PullTableView } from '../pull-table-view.js';
import type { StatementResult } from '../results.js';

export async function pullQuery(
  stmt: SelectStatement,
  ctx: EngineContext,
): Promise<StatementResult> {
  const analysis = analyzeQuery(stmt.query, ctx, 'pull query', { transient: true });
  refuseOffsetColumns(analysis, stmt);
  const root = planQuery(analysis);
  const source = sourceOf(root);
  await ctx.drain();
  const candidates = await currentRows(source, analysis.where, ctx, stmt);
  const where = analysis.where ? compileExpression(analysis.where, ctx.functions) : undefined;
  const project = compileProjection(
    analysis.projection.map((p) => p.expression),
    ctx.functions,
  );
  const rows: unknown[][] = [];
  for (const row of candidates) {
    if (where && where(row) !== true) continue;
    rows.push(project(row));
    if (analysis.limit !== undefined && rows.length >= analysis.limit) break;
  }
  return {
    kind: 'table',
    title: 'Pull query',
    columns: root.schema.map((c) => ({ name: c.name, type: c.type })),
    rows,
  };
}

const OFFSET_COLUMNS = new Set([ROWPARTITION, ROWOFFSET]);

/** ksqlDB's pull queries refuse the source offset pseudo columns (a table's rows have none). */
function refuseOffsetColumns(analysis: QueryAnalysis, stmt: SelectStatement): void {
  const uses = (e: TypedExpression | undefined): boolean => {
    let found = false;
    if (e) walk(e, (n) => (found ||= n.k === 'column' && OFFSET_COLUMNS.has(n.name)));
    return found;
  };
  if (analysis.projection.some((p) => uses(p.expression))) {
    throw new AnalysisError(
      "Pull queries don't support ROWPARTITION or ROWOFFSET in SELECT clauses.",
      stmt.span,
    );
  }
  if (uses(analysis.where)) {
    throw new AnalysisError(
      "Pull queries don't support ROWPARTITION or ROWOFFSET in WHERE clauses.",
      stmt.span,
    );
  }
}

/**
 * The rows WHERE is tested on: a table's rows for the keys the WHERE fixes, or all of them; a
 * stream's records. A table that a running CTAS aggregation writes is read from that query's
 * store (runtime/table-materialization.ts), any other from a view of its topic.
 */
async function currentRows(
  source: SourceNode,
  where: TypedExpression | undefined,
  ctx: EngineContext,
  stmt: SelectStatement,
): Promise<Iterable<unknown[]>> {
  const declared = ctx.metastore.getSource(source.sourceName);
  if (source.sourceType === 'stream') return streamRecords(source, ctx);
  const keyColumns = source.schema.filter((c) => c.namespace === 'key');
  const keys = where ? fixedKeys(where, keyColumns) : undefined;
  if (keys === undefined && !tableScansEnabled(ctx)) {
    throw new AnalysisError(
      'Query requires table scan to be enabled. Table scans can be enabled by setting ' +
        'ksql.query.pull.table.scan.enabled=true',
      stmt.span,
    );
  }
  const writer = declared?.writtenBy ? ctx.queries.get(declared.writtenBy) : undefined;
  const store = writer?.materialization(source);
  if (store) return keys === undefined ? store.rows() : keys.flatMap((k) => store.lookup(k));
  const view = declared
    ? await ctx.pullViews.viewOf(declared, source, ctx.functions, ctx.schemaRegistry)
    : new PullTableView(source, ctx.functions, ctx.schemaRegistry);
  await view.catchUp(ctx.log);
  if (keys === undefined || view.windowed) return view.rows();
  return keys.flatMap((k) => {
    const match = view.get(k);
    return match ? [match] : [];
  });
}

/** `ksql.query.pull.table.scan.enabled`: ksqlDB's default is true. */
function tableScansEnabled(ctx: EngineContext): boolean {
  return ctx.properties.get('ksql.query.pull.table.scan.enabled')?.toLowerCase() !== 'false';
}

/** Key types whose values compare equal exactly when their encoded keys are equal. */
const EXACT_KEY_TYPES = new Set(['STRING', 'INTEGER', 'BIGINT']);
/** Key lookups a WHERE may expand to (IN lists of several key columns multiply). */
const MAX_LOOKUPS = 10_000;

/**
 * The keys a WHERE fixes the table's key columns (the first columns of its rows) to: every key
 * column compared with `=` to a literal of its own type, or in an IN list of such literals, in
 * the conjunction at the WHERE's top. Undefined when it fixes no keys (the table is scanned).
 */
function fixedKeys(where: TypedExpression, keys: readonly Column[]): unknown[][] | undefined {
  if (keys.length === 0 || !keys.every((k) => EXACT_KEY_TYPES.has(k.type.base))) return undefined;
  const conjuncts: TypedExpression[] = [];
  const flatten = (e: TypedExpression): void => {
    if (e.k === 'logical' && e.op === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else conjuncts.push(e);
  };
  flatten(where);
  let tuples: unknown[][] = [[]];
  for (let i = 0; i < keys.length; i++) {
    const values = conjuncts.map((c) => keyValues(c, i, keys[i]!)).find((v) => v !== undefined);
    if (values === undefined) return undefined;
    tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    if (tuples.length > MAX_LOOKUPS) return undefined;
  }
  return tuples;
}

/** The values one conjunct allows key column `index` (of type `key`): `= literal` or `IN (…)`. */
function keyValues(e: TypedExpression, index: number, key: Column): unknown[] | undefined {
  const isKey = (x: TypedExpression) => x.k === 'column' && x.index === index;
  const literal = (x: TypedExpression) =>
    x.k === 'literal' &&
    x.value !== null &&
    x.value !== undefined &&
    x.type?.base === key.type.base;
  if (e.k === 'compare' && e.op === '=') {
    if (isKey(e.left) && literal(e.right)) return [(e.right as { value: unknown }).value];
    if (isKey(e.right) && literal(e.left)) return [(e.left as { value: unknown }).value];
    return undefined;
  }
  if (e.k === 'in' && !e.negated && isKey(e.operand) && e.list.every(literal)) {
    return [...new Set(e.list.map((x) => (x as { value: unknown }).value))];
  }
  return undefined;
}

/** The rows of every record of a stream's topic. */
async function streamRecords(source: SourceNode, ctx: EngineContext): Promise<unknown[][]> {
  const decoder = new SourceDecoder(source, ctx.functions, ctx.schemaRegistry);
  const batchCtx = new BatchContext('pull_query');
  const all: unknown[][] = [];
  const starts = await ctx.log.startOffsets(source.topic);
  for (let partition = 0; partition < starts.length; partition++) {
    let offset = starts[partition]!;
    for (;;) {
      const records = await ctx.log.read(source.topic, partition, offset, 5000);
      if (records.length === 0) break;
      for (const rec of decoder.decode(records, batchCtx)) if (!rec.tombstone) all.push(rec.row);
      offset = records[records.length - 1]!.offset + 1;
    }
  }
  return all;
}
