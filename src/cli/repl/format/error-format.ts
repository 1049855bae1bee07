/**
 * A refused statement, shown as compilers show errors: the message (which for syntax errors
 * says what was expected), then the statement's line with a caret under the position.
 */
import { ParseError, StreamSqlError } from '../../../common/errors.js';
import { ScriptError } from '../../../engine/engine.js';
import type { Style } from './style.js';
import { displayWidth, sliceToWidth } from './text-width.js';

/** Columns of a token starting at `text` (at least 1), to underline it. */
function tokenLength(text: string): number {
  const m =
    /^'(?:[^']|'')*'?/.exec(text) ?? /^`[^`]*`?/.exec(text) ?? /^[A-Za-z0-9_@.${}]+/.exec(text);
  return Math.max(1, Math.min(m?.[0].length ?? 1, 40));
}

/**
 * The error's lines. `script` is the text that was run, in whose coordinates the error's line and
 * column are; `available` is the terminal's width.
 */
export function formatError(
  error: unknown,
  script: string,
  style: Style,
  available = 100,
): string[] {
  if (!(error instanceof ScriptError)) {
    const message =
      error instanceof StreamSqlError
        ? error.display
        : error instanceof Error
          ? error.message
          : String(error);
    return [style.red(message)];
  }
  const lines = script.split('\n');
  const out = [style.red(style.bold(error.message))];
  const source = lines[error.line - 1];
  if (source === undefined) return out;
  const gutter = String(error.line).length;
  const bar = style.dim(`${' '.repeat(gutter)} │`);
  out.push(style.dim(`${' '.repeat(gutter)} ┌─ line ${error.line}, column ${error.col}`));
  if (error.line > 1 && lines[error.line - 2]!.trim() !== '') {
    out.push(
      `${style.dim(`${String(error.line - 1).padStart(gutter)} │`)} ${lines[error.line - 2]}`,
    );
  }
  // Keep the caret on screen for long lines by starting the shown text near the position.
  const room = Math.max(20, available - gutter - 3);
  const col = error.col - 1;
  const from = col > room - 10 ? col - Math.floor(room / 2) : 0;
  const shown = sliceToWidth(source.slice(from), room);
  out.push(
    `${style.dim(`${String(error.line).padStart(gutter)} │`)} ${from > 0 ? '…' : ''}${shown.slice(from > 0 ? 1 : 0)}`,
  );
  const lead = displayWidth(source.slice(from, col));
  const width = tokenLength(source.slice(col));
  out.push(`${bar} ${' '.repeat(lead)}${style.red('^'.repeat(width))}`);
  const expected = error.cause instanceof ParseError ? error.cause.expected : [];
  if (expected.length > 12) out.push(style.dim(`expected one of: ${expected.join(', ')}`));
  return out;
}
