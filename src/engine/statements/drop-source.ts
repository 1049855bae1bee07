/** DROP STREAM/TABLE [IF EXISTS] name [DELETE TOPIC]. */
import { AnalysisError } from '../../common/errors.js';
import type { DropSource } from '../../parser/ast.js';
import { propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function dropSource(stmt: DropSource, ctx: EngineContext): Promise<StatementResult> {
  const source = ctx.metastore.getSource(stmt.name);
  const kind = stmt.sourceType === 'stream' ? 'Stream' : 'Table';
  if (!source) {
    if (stmt.ifExists) return { kind: 'message', text: `${kind} ${stmt.name} does not exist.` };
    throw new AnalysisError(`${kind} ${stmt.name} does not exist.`, stmt.span);
  }
  if (source.sourceType !== stmt.sourceType) {
    throw new AnalysisError(
      `Incompatible data source type is ${source.sourceType.toUpperCase()}, but statement was DROP ${stmt.sourceType.toUpperCase()}`,
      stmt.span,
    );
  }
  const running = [...ctx.queries.values()];
  const writers = running
    .filter((q) => q.plan.sink.sourceName === source.name)
    .map((q) => q.plan.queryId);
  const readers = running
    .filter((q) => q.plan.sources.includes(source.name))
    .map((q) => q.plan.queryId);
  if (writers.length > 0 || readers.length > 0) {
    const parts = [
      ...(writers.length > 0
        ? [`The following queries write into this source: [${writers.join(', ')}].`]
        : []),
      ...(readers.length > 0
        ? [`The following queries read from this source: [${readers.join(', ')}].`]
        : []),
    ];
    throw new AnalysisError(
      `Cannot drop ${source.name}.\n${parts.join('\n')}\nYou need to terminate them before dropping ${source.name}.`,
      stmt.span,
    );
  }
  if (stmt.deleteTopic && source.readOnly) {
    throw new AnalysisError(`Cannot delete topic for read-only source: ${source.name}`, stmt.span);
  }
  ctx.metastore.deleteSource(source.name);
  await ctx.pullViews.drop(source);
  if (stmt.deleteTopic) await ctx.log.deleteTopic(source.topic);
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  return {
    kind: 'message',
    text: `Source \`${source.name}\` (topic: ${source.topic}) was dropped.`,
  };
}
