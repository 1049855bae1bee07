/**
 * The parser's entry points: statement text in, AST out (src/parser/ast.ts), or a ParseError with
 * the span and the expected tokens. Statements that ksqlDB has but streamsql does not support
 * (connectors, ALTER, the test runner's ASSERT VALUES/STREAM/TABLE) raise an UnsupportedError.
 */
import { InternalError, ParseError, UnsupportedError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { Expression, Statement, TypeNode } from './ast.js';
import { parse, SyntaxError as PeggySyntaxError } from './generated/ksql-parser.js';
import { toParseError } from './syntax-error.js';

export interface ParseOptions {
  /** The file the text comes from; it does not appear in messages (the CLI prefixes it). */
  readonly file?: string;
}

/** What the grammar yields for a statement ksqlDB has and streamsql does not support. */
interface UnsupportedStatement {
  readonly kind: 'unsupported';
  readonly span: Span;
  readonly feature: string;
}

type StartRule = 'Script' | 'Expression' | 'SqlType';

const START: Span = { line: 1, col: 1, offset: 0 };

function run(text: string, startRule: StartRule, file?: string): unknown {
  try {
    return parse(text, file === undefined ? { startRule } : { startRule, grammarSource: file });
  } catch (error) {
    if (error instanceof PeggySyntaxError) throw toParseError(error, text);
    if (error instanceof RangeError) {
      throw new ParseError('the statement is too deeply nested to parse', START);
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new InternalError(`the parser failed: ${message}`);
  }
}

/** Every statement of a script, in order; the last one may omit its `;`. */
export function parseScript(text: string, options: ParseOptions = {}): Statement[] {
  const parsed = run(text, 'Script', options.file);
  if (!Array.isArray(parsed)) throw new InternalError('the grammar returned no statement list');
  const statements = parsed as (Statement | UnsupportedStatement)[];
  for (const statement of statements) rejectUnsupported(statement);
  return statements as Statement[];
}

/** Exactly one statement (its `;` is optional). */
export function parseStatement(text: string): Statement {
  const statements = parseScript(text);
  const [first, second] = statements;
  if (first === undefined) {
    throw new ParseError('expected a statement, found none', START);
  }
  if (second !== undefined) {
    throw new ParseError(`expected a single statement, found ${statements.length}`, second.span);
  }
  return first;
}

/** An expression on its own, as in `a + 1 > b`. */
export function parseExpression(text: string): Expression {
  return run(text, 'Expression') as Expression;
}

/** A type on its own, as in `STRUCT<A INT, B ARRAY<STRING>>`. */
export function parseType(text: string): TypeNode {
  return run(text, 'SqlType') as TypeNode;
}

function rejectUnsupported(statement: Statement | UnsupportedStatement): void {
  if (statement.kind === 'unsupported') {
    throw new UnsupportedError(`${statement.feature} is not supported`, statement.span);
  }
  if (statement.kind === 'explain' && statement.statement !== undefined) {
    rejectUnsupported(statement.statement as Statement | UnsupportedStatement);
  }
}
