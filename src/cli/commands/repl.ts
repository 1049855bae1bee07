/**
 * `streamsql` with no command. When stdin is not a terminal, its statements run as a script, with
 * the same output as `streamsql run`. In a terminal, a line-based shell runs each statement
 * when its `;` arrives (the full-screen REPL is a separate piece of work).
 */
import { createInterface } from 'node:readline';
import { ScriptError } from '../../engine/engine.js';
import { splitStatements } from '../../parser/split-statements.js';
import type { ParsedArgs } from '../args.js';
import { openEngine, DEFAULT_DATA_DIR } from '../open-engine.js';
import { onStopSignal } from '../signals.js';
import { makePrinter, noticeLimiter, runScript } from './run.js';
import { stringOption } from '../args.js';
import { version } from '../main.js';

export async function replCommand(args: ParsedArgs): Promise<number> {
  const printer = makePrinter(args);
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const engine = await openEngine(args, noticeLimiter(printer));
    const stop = onStopSignal();
    try {
      return await runScript(engine, Buffer.concat(chunks).toString('utf8'), '<stdin>', args, printer, stop.stopped);
    } finally {
      stop.dispose();
      await engine.close();
    }
  }
  const engine = await openEngine(args, noticeLimiter(printer));
  printer.warn(
    `streamsql ${version()} — embedded log at ${stringOption(args, 'data-dir') ?? DEFAULT_DATA_DIR}. End statements with ';'. Ctrl-C cancels a running query, Ctrl-D exits.`,
  );
  let cancel = false;
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'streamsql> ' });
  rl.on('SIGINT', () => {
    cancel = true;
  });
  let buffer = '';
  rl.prompt();
  for await (const line of rl) {
    buffer += `${line}\n`;
    if (line.trim().toLowerCase() === 'exit' || line.trim().toLowerCase() === 'quit') break;
    const pieces = splitStatements(buffer);
    if (pieces.length === 0 || !buffer.trimEnd().endsWith(';')) {
      rl.setPrompt(pieces.length === 0 ? 'streamsql> ' : '        -> ');
      rl.prompt();
      continue;
    }
    cancel = false;
    try {
      await engine.executeScript(buffer, {
        file: '<stdin>',
        follow: true,
        onResult: (r) => printer.result(r),
        onPushHeader: (c) => printer.pushHeader(c),
        onPushRow: (v, c) => printer.pushRow(v, c),
        onPrintLine: (l) => printer.printLine(l),
        cancelled: () => cancel,
      });
    } catch (err) {
      if (err instanceof ScriptError) printer.warn(`${err.line}:${err.col}: ${err.message}`);
      else printer.warn(String(err));
    }
    buffer = '';
    rl.setPrompt('streamsql> ');
    rl.prompt();
  }
  rl.close();
  await engine.close();
  return 0;
}
