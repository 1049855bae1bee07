/**
 * Turns peggy's SyntaxError into a ParseError whose message names what was found and what was
 * expected, in the words of the dialect (keywords, punctuation, "identifier"), not peggy's
 * character classes. The message never contains the file name or the position: the span does.
 */
import { ParseError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { PeggyExpectation, SyntaxError as PeggySyntaxError } from './generated/ksql-parser.js';

const MAX_EXPECTED = 12;
const MAX_FOUND_LENGTH = 30;

export function toParseError(error: PeggySyntaxError, input: string): ParseError {
  const start = error.location.start;
  const span: Span = { line: start.line, col: start.column, offset: start.offset };
  if (error.expected === null) return new ParseError(error.message, span);
  const expected = describeExpected(error.expected);
  const found = describeFound(input, start.offset);
  return new ParseError(`unexpected ${found}${expectedClause(expected)}`, span, expected);
}

function expectedClause(expected: readonly string[]): string {
  if (expected.length === 0) return '';
  if (expected.length === 1) return `, expected ${expected[0]}`;
  const shown = expected.slice(0, MAX_EXPECTED);
  const more = expected.length > MAX_EXPECTED ? ', …' : '';
  return `, expected one of: ${shown.join(', ')}${more}`;
}

/** The expected tokens, punctuation first, then keywords, then kinds of token. */
export function describeExpected(expectations: readonly PeggyExpectation[]): string[] {
  const punctuation = new Set<string>();
  const keywords = new Set<string>();
  const kinds = new Set<string>();
  for (const expectation of expectations) {
    if (expectation.type === 'literal' && expectation.text !== undefined) {
      if (/^[A-Za-z]/.test(expectation.text)) keywords.add(expectation.text.toUpperCase());
      else punctuation.add(`'${expectation.text}'`);
    } else if (expectation.type === 'other' && expectation.description !== undefined) {
      if (/^[A-Z][A-Z_]*$/.test(expectation.description)) keywords.add(expectation.description);
      else kinds.add(expectation.description);
    } else if (expectation.type === 'end') {
      kinds.add('end of input');
    }
  }
  return [...[...punctuation].sort(), ...[...keywords].sort(), ...[...kinds].sort()];
}

/** The token at `offset`, as the user would name it. */
export function describeFound(input: string, offset: number): string {
  if (offset >= input.length) return 'end of input';
  const rest = input.slice(offset);
  const token =
    /^'(?:[^']|'')*'?/.exec(rest)?.[0] ??
    /^`(?:[^`]|``)*`?/.exec(rest)?.[0] ??
    /^"(?:[^"]|"")*"?/.exec(rest)?.[0] ??
    /^\$\{[A-Za-z0-9_@]*\}?/.exec(rest)?.[0] ??
    /^[A-Za-z0-9_@.]+/.exec(rest)?.[0] ??
    /^(?:<=|>=|<>|!=|->|=>|:=|\|\||--|\/\*)/.exec(rest)?.[0] ??
    String.fromCodePoint(rest.codePointAt(0) ?? 0);
  if (token.startsWith("'")) return truncate(token);
  if (/^\s$/.test(token)) return JSON.stringify(token);
  return `'${truncate(token)}'`;
}

function truncate(token: string): string {
  const firstLine = token.split(/\r?\n/)[0] ?? '';
  return firstLine.length > MAX_FOUND_LENGTH || firstLine !== token
    ? `${firstLine.slice(0, MAX_FOUND_LENGTH)}…`
    : token;
}
