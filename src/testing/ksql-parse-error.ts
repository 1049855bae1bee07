/**
 * A statement's parse error in the words of ksqlDB's parser, which its tests look for:
 *
 * - an error found while building the statement (a literal out of range, an illegal name):
 *   `Failed to prepare statement: line L:C: message`, where C is one more than the 1-based column
 *   of the node, as ksqlDB's ParsingException adds one to a node location that already counts
 *   from one;
 * - a token the grammar does not expect: `line L:C: Syntax Error\nExpecting {…}\nStatement: …`
 *   with the expected tokens in ANTLR's vocabulary (`'KEYWORD'`, `INTEGER_VALUE`, …), when each
 *   of them has a name there.
 *
 * `line` counts in the case's statements joined by newlines; `col` is 1-based.
 */
import type { ParseError } from '../common/errors.js';

export function ksqlParseErrorForms(
  err: ParseError,
  line: number,
  col: number,
  statement: string,
): string[] {
  if (err.expected.length === 0) {
    return [`Failed to prepare statement: line ${line}:${col + 1}: ${err.message}`];
  }
  const tokens = err.expected.map(antlrToken);
  if (tokens.some((t) => t === undefined)) return [];
  return [
    `line ${line}:${col}: Syntax Error\nExpecting {${tokens.join(', ')}}\nStatement: ${statement}`,
  ];
}

/** Kinds of token, as the dialect's parser names them, in ANTLR's vocabulary of ksqlDB's grammar. */
const TOKEN_KINDS: Readonly<Record<string, string>> = {
  integer: 'INTEGER_VALUE',
  identifier: 'IDENTIFIER',
  string: 'STRING',
  'end of input': '<EOF>',
};

function antlrToken(expected: string): string | undefined {
  if (expected.startsWith("'")) return expected;
  if (/^[A-Z][A-Z_]*$/.test(expected)) return `'${expected}'`;
  return TOKEN_KINDS[expected];
}
