/**
 * Turns peggy's SyntaxError into a ParseError whose message names what was found and what was
 * expected, in the words of the dialect (keywords, punctuation, "identifier", "expression"), not
 * peggy's character classes. The message never contains the file name or the position: the span
 * does.
 */
import { ParseError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { PeggyExpectation, SyntaxError as PeggySyntaxError } from './generated/ksql-parser.js';
import { findUnterminated } from './unterminated.js';

const MAX_EXPECTED = 12;
const MAX_FOUND_LENGTH = 30;

export function toParseError(error: PeggySyntaxError, input: string): ParseError {
  const start = error.location.start;
  const span: Span = { line: start.line, col: start.column, offset: start.offset };
  if (error.expected === null) return new ParseError(error.message, span);
  const unterminated = findUnterminated(input);
  if (unterminated !== undefined && unterminated.span.offset <= start.offset) {
    const opening = truncate(input.slice(unterminated.span.offset));
    return new ParseError(`unterminated ${unterminated.what}: ${opening}`, unterminated.span);
  }
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

/** The expected tokens: punctuation first, then keywords, then kinds of token. */
export function describeExpected(expectations: readonly PeggyExpectation[]): string[] {
  const punctuation = new Set<string>();
  const keywords = new Set<string>();
  const kinds = new Set<string>();
  for (const expectation of expectations) {
    const { type, text, description } = expectation;
    if (type === 'literal' && text !== undefined) {
      if (/^[A-Za-z]/.test(text)) keywords.add(text.toUpperCase());
      else punctuation.add(`'${text}'`);
    } else if (type === 'other' && description !== undefined) {
      if (/^[A-Z][A-Z_]*$/.test(description)) keywords.add(description);
      else kinds.add(description);
    } else if (type === 'end') {
      kinds.add('end of input');
    }
  }
  for (const group of GROUPS) collapse(group, punctuation, keywords, kinds);
  return [...[...punctuation].sort(), ...[...keywords].sort(), ...[...kinds].sort()];
}

/** Tokens that, expected together, are said in one word. */
interface TokenGroup {
  readonly name: string;
  readonly signature: readonly string[];
  readonly members: readonly string[];
}

const GROUPS: readonly TokenGroup[] = [
  {
    name: 'statement',
    signature: ['SELECT', 'CREATE', 'INSERT', 'DROP'],
    members: [
      ...['ALTER', 'ASSERT', 'CREATE', 'DEFINE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'INSERT', 'LIST'],
      ...['PAUSE', 'PRINT', 'RESUME', 'RUN', 'SELECT', 'SET', 'SHOW', 'TERMINATE', 'UNDEFINE'],
      ...['UNSET', "';'", 'end of input'],
    ],
  },
  {
    name: 'expression',
    signature: ['identifier', 'number', 'string', 'CASE', 'CAST'],
    members: [
      ...["'('", "'+'", "'-'", 'ARRAY', 'CASE', 'CAST', 'FALSE', 'MAP', 'NOT', 'NULL', 'STRUCT'],
      ...['TRUE', 'identifier', 'number', 'string'],
    ],
  },
];

function collapse(group: TokenGroup, ...sets: Set<string>[]): void {
  const has = (token: string): boolean => sets.some((set) => set.has(token));
  if (!group.signature.every(has)) return;
  for (const set of sets) for (const member of group.members) set.delete(member);
  sets[sets.length - 1]!.add(group.name);
}

/** The token at `offset`, as the user would name it. */
export function describeFound(input: string, offset: number): string {
  if (offset >= input.length) return 'end of input';
  const rest = input.slice(offset);
  const token =
    /^'(?:[^']|'')*'/.exec(rest)?.[0] ??
    /^`(?:[^`]|``)*`/.exec(rest)?.[0] ??
    /^"(?:[^"]|"")*"/.exec(rest)?.[0] ??
    /^\$\{[A-Za-z0-9_@]*\}?/.exec(rest)?.[0] ??
    /^[A-Za-z0-9_@.]+/.exec(rest)?.[0] ??
    /^(?:<=|>=|<>|!=|->|=>|:=|\|\|)/.exec(rest)?.[0] ??
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
