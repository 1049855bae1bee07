/** `streamsql start`: restores a data directory's queries and runs them until SIGTERM/SIGINT, like a headless ksqlDB server;
 * with --schema-registry-port, also serves the schema registry's REST API on 127.0.0.1. */
import { serveRegistry, type RestServer } from '../../serde/schema-registry/rest-server.js';
import { stringOption, UsageError, type ParsedArgs } from '../args.js';
import { openEngine } from '../open-engine.js';
import { onStopSignal } from '../signals.js';
import { makePrinter, noticeLimiter } from './run.js';

export async function startCommand(args: ParsedArgs): Promise<number> {
  const printer = makePrinter(args);
  const engine = await openEngine(args, noticeLimiter(printer));
  const stop = onStopSignal();
  let rest: RestServer | undefined;
  const port = stringOption(args, 'schema-registry-port');
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      await engine.close();
      throw new UsageError('--schema-registry-port needs a port number (0: any free port)');
    }
    try {
      rest = await serveRegistry(engine.schemaRegistry, n);
    } catch (err) {
      await engine.close();
      throw err;
    }
    printer.warn(`schema registry REST API on ${rest.url}`);
  }
  printer.warn(
    `streamsql running ${engine.queries.size} persistent quer${engine.queries.size === 1 ? 'y' : 'ies'}; stop with Ctrl-C or SIGTERM`,
  );
  try {
    await engine.runUntil(stop.stopped);
  } finally {
    stop.dispose();
    await rest?.close();
    await engine.close();
  }
  printer.warn('stopped');
  return 0;
}
