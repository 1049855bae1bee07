/**
 * Pull queries: the rows a stream or table holds now. A table's current rows are the latest
 * record per key of its topic (its changelog), with deletes applied, kept in a view that each
 * pull query catches up (engine/pull-table-view.ts); a WHERE that fixes the key to a literal
 * looks that key up instead of scanning. A stream's rows are every record of its topic. WHERE
 * and the projection are evaluated on those rows.
 */
import { analyzeQuery } from '../../analyzer/analyze-query.js';
import type { TypedExpression } from '../../analyzer/typed-expression.js';
import type { Column } from '../../common/schema.js';
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
  const root = planQuery(analysis);
  const source = sourceOf(root);
  await ctx.drain();
  const candidates = await currentRows(source, analysis.where, ctx);
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

/** The rows WHERE is tested on: a table's matching key or current rows, a stream's records. */
async function currentRows(
  source: SourceNode,
  where: TypedExpression | undefined,
  ctx: EngineContext,
): Promise<Iterable<unknown[]>> {
  const declared = ctx.metastore.getSource(source.sourceName);
  if (source.sourceType === 'stream') return streamRecords(source, ctx);
  const view = declared
    ? await ctx.pullViews.viewOf(declared, source, ctx.functions, ctx.schemaRegistry)
    : new PullTableView(source, ctx.functions, ctx.schemaRegistry);
  await view.catchUp(ctx.log);
  const keys = source.schema.filter((c) => c.namespace === 'key');
  const key = where && keys.length === 1 ? fixedKey(where, keys[0]!) : undefined;
  if (key === undefined) return view.rows();
  const match = view.get(PullTableView.keyOf([key]));
  return match ? [match] : [];
}

/** Key types whose values compare equal exactly when their encoded keys are equal. */
const EXACT_KEY_TYPES = new Set(['STRING', 'INTEGER', 'BIGINT']);

/**
 * The value a WHERE fixes the (single, first) key column to: `KEY = literal` on its own or as
 * one side of an AND, with the literal of the key's own type. Otherwise undefined.
 */
function fixedKey(where: TypedExpression, key: Column): unknown {
  if (!EXACT_KEY_TYPES.has(key.type.base)) return undefined;
  if (where.k === 'logical' && where.op === 'and')
    return fixedKey(where.left, key) ?? fixedKey(where.right, key);
  if (where.k !== 'compare' || where.op !== '=') return undefined;
  for (const [a, b] of [
    [where.left, where.right],
    [where.right, where.left],
  ] as const) {
    if (a.k !== 'column' || a.index !== 0) continue;
    if (b.k !== 'literal' || b.value === null || b.value === undefined) continue;
    if (b.type?.base !== key.type.base) continue;
    return b.value;
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
