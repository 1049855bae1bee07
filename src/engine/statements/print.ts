/** PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]: the topic's records as ksqlDB prints them. */
import { AnalysisError } from '../../common/errors.js';
import type { Print } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { ScriptOptions } from '../engine.js';
import { recordViewer } from '../record-view.js';
import type { StatementResult } from '../results.js';

export async function printTopic(
  stmt: Print,
  ctx: EngineContext,
  options: ScriptOptions,
): Promise<StatementResult> {
  const info =
    (await ctx.log.describeTopic(stmt.topic)) ??
    (await ctx.log.describeTopic(stmt.topic.toLowerCase()));
  if (!info)
    throw new AnalysisError(
      `Could not find topic '${stmt.topic}', or the KSQL user does not have permissions to list the topic. Topic names are case-sensitive.`,
      stmt.span,
    );
  const source = ctx.metastore.sourcesOnTopic(info.name)[0];
  const positions = stmt.fromBeginning
    ? [...(await ctx.log.startOffsets(info.name))]
    : [...(await ctx.log.endOffsets(info.name))];
  const interval = Math.max(1, stmt.interval ?? 1);
  let seen = 0;
  let printed = 0;
  const viewOf = recordViewer(source, ctx.schemaRegistry);
  for (;;) {
    let read = 0;
    for (let p = 0; p < positions.length; p++) {
      const records = await ctx.log.read(info.name, p, positions[p]!, 500);
      for (const r of records) {
        if (seen++ % interval !== 0) continue;
        const view = viewOf(r);
        const time = new Date(r.timestamp)
          .toISOString()
          .replace('T', ' ')
          .replace(/-/g, '/')
          .replace('Z', ' Z');
        options.onPrintLine?.(
          `rowtime: ${time}, key: ${JSON.stringify(view.key)}, value: ${JSON.stringify(view.value)}, partition: ${p}`,
        );
        printed++;
        if (stmt.limit !== undefined && printed >= stmt.limit)
          return { kind: 'message', text: `Printed ${printed} records` };
      }
      if (records.length > 0) positions[p] = records[records.length - 1]!.offset + 1;
      read += records.length;
    }
    if (options.cancelled?.()) break;
    if (read === 0) {
      if (!options.follow) break;
      await ctx.log.waitForRecords([info.name], 200);
    }
  }
  return { kind: 'message', text: `Printed ${printed} records` };
}
