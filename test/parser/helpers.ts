/** Helpers for the parser's tests: parse, then compare ASTs without their spans. */
import { expect } from 'vitest';
import { ParseError } from '../../src/common/errors.js';
import type { Expression, Query, Statement } from '../../src/parser/ast.js';
import { parseExpression, parseStatement } from '../../src/parser/parse.js';

const SPAN_KEYS = new Set(['span', 'nameSpan', 'targetSpan']);
const NUMBER_KINDS = new Set(['integer', 'decimal', 'double']);

/** A deep copy of an AST without its spans and statement texts. */
export function withoutSpans<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, function (this: { kind?: string }, key: string, value: unknown) {
      if (SPAN_KEYS.has(key)) return undefined;
      if (key === 'text' && !NUMBER_KINDS.has(this.kind ?? '')) return undefined;
      return value;
    }),
  ) as T;
}

export function expr(text: string): Expression {
  return withoutSpans(parseExpression(text));
}

export function stmt(text: string): Statement {
  return withoutSpans(parseStatement(text));
}

/** The query of a SELECT statement, without spans. */
export function query(text: string): Query {
  const statement = stmt(text);
  if (statement.kind !== 'select') throw new Error(`not a query: ${statement.kind}`);
  return statement.query;
}

/** A node as written in an expectation, without its span. */
export type Spanless = Record<string, unknown>;

export const col = (name: string, source?: string): Spanless =>
  source === undefined ? { kind: 'column', name } : { kind: 'column', source, name };
export const int = (text: string): Spanless => ({ kind: 'integer', text });
export const str = (value: string): Spanless => ({ kind: 'string', value });

/** The ParseError that parsing `text` raises. */
export function parseErrorOf(parse: () => unknown): ParseError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError, but the text parsed');
}
