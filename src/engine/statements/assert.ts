/** ASSERT [NOT EXISTS] TOPIC / SCHEMA: checks that fail the script when they do not hold. */
import { AnalysisError, UnsupportedError } from '../../common/errors.js';
import type { AssertSchema, AssertTopic } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function assertTopic(stmt: AssertTopic, ctx: EngineContext): Promise<StatementResult> {
  const deadline = Date.now() + (stmt.timeoutMs ?? 0);
  for (;;) {
    const info = await ctx.log.describeTopic(stmt.topic);
    if (Boolean(info) === stmt.exists) break;
    if (Date.now() >= deadline) {
      throw new AnalysisError(
        stmt.exists ? `Topic ${stmt.topic} does not exist.` : `Topic ${stmt.topic} exists.`,
        stmt.span,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const info = await ctx.log.describeTopic(stmt.topic);
  const partitions = stmt.properties.PARTITIONS;
  if (info && partitions !== undefined && Number(partitions) !== info.partitions) {
    throw new AnalysisError(
      `Mismatched configuration for topic ${stmt.topic}: For config partitions, expected ${String(partitions)} got ${info.partitions}`,
      stmt.span,
    );
  }
  return {
    kind: 'message',
    text: `Topic ${stmt.topic} ${stmt.exists ? 'exists' : 'does not exist'}.`,
  };
}

export function assertSchema(stmt: AssertSchema): StatementResult {
  throw new UnsupportedError(
    'ASSERT SCHEMA needs a schema registry, which is not supported yet',
    stmt.span,
  );
}
