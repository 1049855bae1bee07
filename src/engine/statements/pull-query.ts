/**
 * Pull queries: the rows a stream or table holds now. A table's current rows are the latest
 * record per key of its topic (its changelog), with deletes applied; WHERE and the projection
 * are evaluated on those rows. This reads the whole topic: materialized state stores with key
 * lookups come with stateful queries.
 */
import { analyzeQuery } from '../../analyzer/analyze-query.js';
import { planQuery } from '../../planner/plan-query.js';
import { compileExpression, compileProjection } from '../../runtime/compile-expression.js';
import { SourceDecoder } from '../../runtime/operators/source.js';
import { BatchContext } from '../../runtime/processing-log-writer.js';
import type { Rec } from '../../runtime/record.js';
import { sourceOf } from '../../runtime/operator-factory.js';
import type { SelectStatement } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function pullQuery(
  stmt: SelectStatement,
  ctx: EngineContext,
): Promise<StatementResult> {
  const analysis = analyzeQuery(stmt.query, ctx, 'pull query', { transient: true });
  const root = planQuery(analysis);
  const source = sourceOf(root);
  const decoder = new SourceDecoder(source, ctx.functions, ctx.schemaRegistry);
  const batchCtx = new BatchContext('pull_query');
  await ctx.drain();
  const keyCount = source.schema.filter((c) => c.namespace === 'key').length;
  const latest = new Map<string, Rec>();
  const all: Rec[] = [];
  const starts = await ctx.log.startOffsets(source.topic);
  for (let partition = 0; partition < starts.length; partition++) {
    let offset = starts[partition]!;
    for (;;) {
      const records = await ctx.log.read(source.topic, partition, offset, 5000);
      if (records.length === 0) break;
      for (const rec of decoder.decode(records, batchCtx)) {
        if (source.sourceType === 'stream') {
          if (!rec.tombstone) all.push(rec);
          continue;
        }
        const key = JSON.stringify(rec.row.slice(0, keyCount), (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : v,
        );
        if (rec.tombstone) latest.delete(key);
        else latest.set(key, rec);
      }
      offset = records[records.length - 1]!.offset + 1;
    }
  }
  const where = analysis.where ? compileExpression(analysis.where, ctx.functions) : undefined;
  const project = compileProjection(
    analysis.projection.map((p) => p.expression),
    ctx.functions,
  );
  const rows: unknown[][] = [];
  for (const rec of source.sourceType === 'stream' ? all : latest.values()) {
    if (where && where(rec.row) !== true) continue;
    rows.push(project(rec.row));
    if (analysis.limit !== undefined && rows.length >= analysis.limit) break;
  }
  return {
    kind: 'table',
    title: 'Pull query',
    columns: root.schema.map((c) => ({ name: c.name, type: c.type })),
    rows,
  };
}
