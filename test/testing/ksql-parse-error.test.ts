/**
 * Parse errors worded as ksqlDB's parser words them, for the cases that look for its text: errors
 * raised while building a statement as `Failed to prepare statement: line L:C: …`, unexpected
 * tokens as `line L:C: Syntax Error\nExpecting {…}\nStatement: …` in ANTLR's token names.
 */
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/common/errors.js';
import { parseStatement } from '../../src/parser/parse.js';
import { ksqlParseErrorForms } from '../../src/testing/ksql-parse-error.js';

function parseError(text: string): ParseError {
  try {
    parseStatement(text);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
}

describe('ksqlDB wordings of parse errors', () => {
  it('word an out-of-range literal as ksqlDB prepares statements, a column further on', () => {
    const text = 'SELECT 9223372036854775808 FROM s;';
    const err = parseError(text);
    expect(ksqlParseErrorForms(err, 2, err.span!.col, text)).toEqual([
      `Failed to prepare statement: line 2:${err.span!.col + 1}: Invalid numeric literal: 9223372036854775808`,
    ]);
  });

  it('name the expected tokens in ANTLR vocabulary, with the statement', () => {
    const text = "CREATE STREAM s (k STRING (KEY)) WITH (kafka_topic='t', format='JSON');";
    const err = parseError(text);
    expect(err.span!.col).toBe(text.indexOf('KEY') + 1);
    expect(ksqlParseErrorForms(err, 1, err.span!.col, text)).toEqual([
      `line 1:${err.span!.col}: Syntax Error\nExpecting {'STRING', INTEGER_VALUE}\nStatement: ${text}`,
    ]);
  });

  it('give no Expecting form when a token has no name in ANTLR vocabulary', () => {
    const text = 'SELECT * FROM s WHERE;';
    const err = parseError(text);
    expect(ksqlParseErrorForms(err, 1, err.span!.col, text)).toEqual([]);
  });
});
