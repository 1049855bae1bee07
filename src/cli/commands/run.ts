/**
 * `streamsql run FILE.sql` and `streamsql -e "SQL"`: runs statements in order, stops at the first
 * failure with `FILE:LINE:COL: message` and exit code 1, and exits once every persistent query
 * has caught up (or, with --follow, when stopped).
 */
import { readFile } from 'node:fs/promises';
import type { Engine } from '../../engine/engine.js';
import { ScriptError } from '../../engine/engine.js';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args.js';
import { openEngine } from '../open-engine.js';
import { OutputPrinter, type OutputMode } from '../output.js';
import { onStopSignal } from '../signals.js';

export async function runCommand(
  args: ParsedArgs,
  source: { file: string; text?: string },
): Promise<number> {
  const printer = makePrinter(args);
  let text = source.text;
  if (text === undefined) {
    try {
      text = await readFile(source.file, 'utf8');
    } catch (err) {
      printer.warn(`${source.file}: cannot read: ${(err as Error).message}`);
      return 1;
    }
  }
  const engine = await openEngine(args, noticeLimiter(printer));
  const stop = onStopSignal();
  try {
    return await runScript(engine, text, source.file, args, printer, stop.stopped);
  } finally {
    stop.dispose();
    await engine.close();
  }
}

export async function runScript(
  engine: Engine,
  text: string,
  file: string,
  args: ParsedArgs,
  printer: OutputPrinter,
  stopped: () => boolean,
): Promise<number> {
  const follow = flag(args, 'follow');
  try {
    await engine.drain();
    await engine.executeScript(text, {
      file,
      follow,
      onResult: (r) => printer.result(r),
      onPushHeader: (c) => printer.pushHeader(c),
      onPushRow: (v, c) => printer.pushRow(v, c),
      onPrintLine: (l) => printer.printLine(l),
      cancelled: stopped,
    });
  } catch (err) {
    if (err instanceof ScriptError) {
      printer.warn(`${file}:${err.line}:${err.col}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (follow) await engine.runUntil(stopped);
  else await engine.drain();
  return 0;
}

export function makePrinter(args: ParsedArgs): OutputPrinter {
  const mode = stringOption(args, 'output') ?? 'table';
  if (mode !== 'table' && mode !== 'json')
    throw new UsageError(`--output must be table or json, not ${mode}`);
  return new OutputPrinter(
    mode as OutputMode,
    process.stdout,
    process.stderr,
    process.stdout.columns,
  );
}

/** Shows the first processing-log notices on stderr, then only how many more there were. */
export function noticeLimiter(printer: OutputPrinter, max = 20): (message: string) => void {
  let count = 0;
  return (message) => {
    count++;
    if (count <= max) printer.warn(`WARN ${message}`);
    else if (count === max + 1)
      printer.warn('WARN more records went to the processing log (KSQL_PROCESSING_LOG)');
  };
}
