/**
 * Every statement of ksqlDB's own test suites (../shared/conformance) parses. Statements of QTT
 * cases that expect an exception (or are disabled upstream) may fail, but only with a ParseError or
 * an UnsupportedError. The test runner's `incorrect/` folders hold statements that are valid SQL
 * (their cases fail on data or on analysis), so they must parse too.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError, UnsupportedError } from '../../src/common/errors.js';
import { parseScript, parseStatement } from '../../src/parser/parse.js';
import {
  CONFORMANCE_DIR,
  qttFiles,
  qttStatements,
  readTestRunnerScript,
  testRunnerScripts,
} from './conformance-files.js';

const available = existsSync(CONFORMANCE_DIR);

if (!available) {
  describe.skip(`conformance statements parse (skipped: ${CONFORMANCE_DIR} does not exist)`, () => {
    it('needs the shared conformance data', () => {});
  });
}

function failureOf(parse: () => unknown): unknown {
  try {
    parse();
    return undefined;
  } catch (error) {
    return error;
  }
}

function describeError(error: unknown): string {
  if (error instanceof ParseError) {
    return `${error.span?.line}:${error.span?.col}: ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

describe.runIf(available)('conformance statements parse', () => {
  it.each(qttFiles())('qtt/%s', (file) => {
    const failures: string[] = [];
    for (const entry of qttStatements(file)) {
      const error = failureOf(() => parseStatement(entry.statement));
      if (error === undefined) continue;
      const expected = error instanceof ParseError || error instanceof UnsupportedError;
      if (entry.expectsError && expected) continue;
      const format = entry.format === undefined ? '' : ` [${entry.format}]`;
      failures.push(
        `${file} / ${entry.caseName}${format}\n  ${entry.statement}\n  ${describeError(error)}`,
      );
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it.each(testRunnerScripts())('test-runner/%s', (path) => {
    const error = failureOf(() => parseScript(readTestRunnerScript(path), { file: path }));
    expect(error, error === undefined ? '' : `${path}: ${describeError(error)}`).toBeUndefined();
  });
});
