/** RUN SCRIPT 'file.sql': runs another script's statements, with paths relative to the working directory. */
import { readFile } from 'node:fs/promises';
import { AnalysisError } from '../../common/errors.js';
import type { RunScript } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { ScriptOptions } from '../engine.js';
import type { StatementResult } from '../results.js';

export async function runScript(
  stmt: RunScript,
  ctx: EngineContext,
  options: ScriptOptions,
): Promise<StatementResult> {
  let text: string;
  try {
    text = await readFile(stmt.path, 'utf8');
  } catch (err) {
    throw new AnalysisError(
      `Cannot read script '${stmt.path}': ${(err as Error).message}`,
      stmt.span,
    );
  }
  const results = await ctx.executeScript(text, { ...options, file: stmt.path });
  return { kind: 'message', text: `Ran ${results.length} statements from ${stmt.path}` };
}
