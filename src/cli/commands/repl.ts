/**
 * `streamsql` with no command. When stdin is not a terminal, its statements run as a script, with
 * the same output as `streamsql run`. In a terminal, the interactive REPL (src/cli/repl) starts.
 */
import type { ParsedArgs } from '../args.js';
import { version } from '../main.js';
import { openEngine } from '../open-engine.js';
import { startRepl } from '../repl/start-repl.js';
import { onStopSignal } from '../signals.js';
import { makePrinter, noticeLimiter, runScript } from './run.js';

export async function replCommand(args: ParsedArgs): Promise<number> {
  const printer = makePrinter(args);
  if (process.stdin.isTTY && process.stdout.isTTY) return startRepl(args, version(), printer.mode);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const engine = await openEngine(args, noticeLimiter(printer));
  const stop = onStopSignal();
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    return await runScript(engine, text, '<stdin>', args, printer, stop.stopped);
  } finally {
    stop.dispose();
    await engine.close();
  }
}
