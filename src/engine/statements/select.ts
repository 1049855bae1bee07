/**
 * SELECT on its own: a push query (EMIT CHANGES) streams rows to the caller until LIMIT, until
 * cancelled, or (in a script without --follow) until it has caught up; a pull query reads the
 * current rows and returns them as a table.
 */
import { randomUUID } from 'node:crypto';
import { analyzeQuery } from '../../analyzer/analyze-query.js';
import { UnsupportedError } from '../../common/errors.js';
import type { SelectStatement } from '../../parser/ast.js';
import { planQuery } from '../../planner/plan-query.js';
import { PushQuery } from '../../runtime/push-query.js';
import { offsetReset, type EngineContext } from '../engine-context.js';
import type { ScriptOptions } from '../engine.js';
import type { StatementResult } from '../results.js';
import { refuseUncopartitioned } from './persistent-queries.js';
import { pullQuery } from './pull-query.js';

export async function select(
  stmt: SelectStatement,
  ctx: EngineContext,
  options: ScriptOptions,
): Promise<StatementResult> {
  if (stmt.query.emit === undefined) return pullQuery(stmt, ctx);
  if (stmt.query.emit === 'final') {
    throw new UnsupportedError('EMIT FINAL is not supported yet', stmt.span);
  }
  const analysis = analyzeQuery(stmt.query, ctx, 'push query', { transient: true });
  await refuseUncopartitioned(analysis, stmt.span, ctx);
  const root = planQuery(analysis, ctx.properties);
  const columns = root.schema.map((c) => ({ name: c.name, type: c.type }));
  const queryId = `transient_${analysis.source.name}_${randomUUID().slice(0, 8)}`;
  let rows = 0;
  const push = new PushQuery(
    queryId,
    root,
    ctx.log,
    ctx.functions,
    (row) => {
      rows++;
      options.onPushRow?.(row.values, columns);
    },
    analysis.limit,
    (m) => ctx.notice(m),
    ctx.schemaRegistry,
  );
  options.onPushHeader?.(columns);
  await ctx.drain();
  await push.open(offsetReset(ctx));
  const topics = [
    ...new Set([...push.sourceTopics, ...[...ctx.queries.values()].flatMap((q) => q.sourceTopics)]),
  ];
  for (;;) {
    await ctx.drain();
    const consumed = await push.step();
    if (push.done || options.cancelled?.()) break;
    if (consumed > 0) continue;
    if (!options.follow && (await push.caughtUp())) break;
    await ctx.log.waitForRecords(topics, 200);
  }
  return { kind: 'pushQueryDone', rows };
}
