/** TERMINATE query_id | TERMINATE ALL: stops persistent queries for good (recorded, so a restart does not bring them back). */
import { AnalysisError } from '../../common/errors.js';
import type { Terminate } from '../../parser/ast.js';
import { propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function terminate(stmt: Terminate, ctx: EngineContext): Promise<StatementResult> {
  const ids = stmt.all ? [...ctx.queries.keys()] : [stmt.queryId!.toUpperCase()];
  for (const id of ids) {
    const query =
      ctx.queries.get(id) ??
      [...ctx.queries.values()].find((q) => q.plan.queryId.toUpperCase() === id);
    if (!query) throw new AnalysisError(`Unknown queryId: ${stmt.queryId}`, stmt.span);
    query.state = 'TERMINATED';
    // Its last commit, if still in flight, lands first (a failure no longer matters).
    await query.flush().catch(() => false);
    await query.close();
    await query.removeState();
    ctx.queries.delete(query.plan.queryId);
    const sink = ctx.metastore.getSource(query.plan.sink.sourceName);
    if (sink?.writtenBy === query.plan.queryId) {
      ctx.metastore.putSource({ ...sink, writtenBy: undefined });
    }
  }
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  return { kind: 'message', text: stmt.all ? 'All queries terminated.' : `Query terminated.` };
}
