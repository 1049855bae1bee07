/**
 * Starts the interactive REPL in a terminal: renders the ink app, opens the engine behind it (so
 * restoring shows progress), and resolves with the exit code once the user leaves. An engine that
 * cannot be opened is an error for the caller, as for every other command.
 */
import { render } from 'ink';
import { resolve } from 'node:path';
import { stringOption, type ParsedArgs } from '../args.js';
import { Engine } from '../../engine/engine.js';
import { builtinRegistry } from '../../functions/registry.js';
import { DEFAULT_DATA_DIR, openLog } from '../open-engine.js';
import type { OutputMode } from '../output.js';
import { App } from './components/app.js';
import { JsonRenderer, TableRenderer } from './format/result-format.js';
import { defaultStyle } from './format/style.js';
import { defaultHistoryPath, HistoryFile } from './history/history-file.js';
import { responsiveLog } from './session/responsive-log.js';
import { ReplSession } from './session/session.js';

/** Where the data is, in the banner's words. */
export function backendName(args: ParsedArgs): string {
  const servers = stringOption(args, 'bootstrap-servers');
  if (servers !== undefined) return `Kafka at ${servers}`;
  return `embedded log at ${resolve(stringOption(args, 'data-dir') ?? DEFAULT_DATA_DIR)}`;
}

/** As `openEngine`, with a log that lets keys and the spinner through while a backlog is read. */
async function openResponsiveEngine(
  args: ParsedArgs,
  onNotice: (m: string) => void,
): Promise<Engine> {
  const log = responsiveLog(await openLog(args));
  try {
    return await Engine.open({ log, functions: builtinRegistry(), onNotice });
  } catch (err) {
    await log.close();
    throw err;
  }
}

export async function startRepl(
  args: ParsedArgs,
  version: string,
  mode: OutputMode,
): Promise<number> {
  const style = defaultStyle();
  const session = new ReplSession({
    open: (onNotice) => openResponsiveEngine(args, onNotice),
    version,
    backend: backendName(args),
    style,
    renderer: (width) => (mode === 'json' ? new JsonRenderer() : new TableRenderer(width, style)),
  });
  const history = HistoryFile.load(defaultHistoryPath());
  const app = render(<App session={session} history={history} style={style} />, {
    exitOnCtrlC: false,
    patchConsole: true,
  });
  const signals = onSignals(session);
  try {
    await session.start();
  } catch (err) {
    app.unmount();
    signals.dispose();
    throw err;
  }
  await app.waitUntilExit();
  signals.dispose();
  await session.close();
  return 0;
}

/** SIGINT (sent by another process; the terminal's Ctrl-C arrives as a key) cancels; SIGTERM and SIGHUP leave. */
function onSignals(session: ReplSession): { dispose: () => void } {
  const cancel = (): void => session.cancel();
  const leave = (): void => void session.close();
  process.on('SIGINT', cancel);
  process.on('SIGTERM', leave);
  process.on('SIGHUP', leave);
  return {
    dispose: () => {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', leave);
      process.off('SIGHUP', leave);
    },
  };
}
