/** `streamsql start`: restores a data directory's queries and runs them until SIGTERM/SIGINT, like a headless ksqlDB server. */
import type { ParsedArgs } from '../args.js';
import { openEngine } from '../open-engine.js';
import { onStopSignal } from '../signals.js';
import { makePrinter, noticeLimiter } from './run.js';

export async function startCommand(args: ParsedArgs): Promise<number> {
  const printer = makePrinter(args);
  const engine = await openEngine(args, noticeLimiter(printer));
  const stop = onStopSignal();
  printer.warn(
    `streamsql running ${engine.queries.size} persistent quer${engine.queries.size === 1 ? 'y' : 'ies'}; stop with Ctrl-C or SIGTERM`,
  );
  try {
    await engine.runUntil(stop.stopped);
  } finally {
    stop.dispose();
    await engine.close();
  }
  printer.warn('stopped');
  return 0;
}
