/**
 * Finds the first string literal, quoted identifier or block comment that is never closed, so a
 * syntax error can say so where it opens rather than somewhere inside it.
 */
import type { Span } from '../common/span.js';

export interface Unterminated {
  readonly what: 'string' | 'quoted identifier' | 'comment';
  readonly span: Span;
}

const CLOSERS: Record<string, { readonly close: string; readonly what: Unterminated['what'] }> = {
  "'": { close: "'", what: 'string' },
  '`': { close: '`', what: 'quoted identifier' },
  '"': { close: '"', what: 'quoted identifier' },
  '/*': { close: '*/', what: 'comment' },
  '--': { close: '\n', what: 'comment' },
};

export function findUnterminated(input: string): Unterminated | undefined {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < input.length) {
    const opener =
      input.startsWith('/*', i) || input.startsWith('--', i) ? input.slice(i, i + 2) : input[i]!;
    const closer = CLOSERS[opener];
    if (closer === undefined) {
      if (input[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    const end = closingIndex(input, i + opener.length, closer.close);
    if (end === -1) {
      if (opener === '--') return undefined;
      return { what: closer.what, span: { line, col: i - lineStart + 1, offset: i } };
    }
    for (let j = i; j < end; j++) {
      if (input[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    }
    i = end;
  }
  return undefined;
}

/** The index just after the closer that ends a token opened before `from`, or -1. */
function closingIndex(input: string, from: number, close: string): number {
  let i = from;
  while (i < input.length) {
    const at = input.indexOf(close, i);
    if (at === -1) return -1;
    const doubled = close.length === 1 && close !== '\n' && input[at + 1] === close;
    if (!doubled) return at + close.length;
    i = at + 2;
  }
  return -1;
}
