/**
 * ksqlDB's `ksql-test-runner` layout: a `statements.sql`, an optional `input.json`
 * (`{"inputs": [...]}`) and an `output.json` (`{"outputs": [...]}`), run as one case. Unlike QTT,
 * records on a sink topic that the outputs do not name fail the case: a test of a pipeline says
 * everything it produces. Messages follow the tool's (`Test passed!`, `Test failed: …`).
 */
import { readFile } from 'node:fs/promises';
import { splitStatements } from '../parser/split-statements.js';
import { isJsonArray, isJsonObject, parseJsonText, type JsonValue } from './json-text.js';
import { readRecord } from './qtt-fields.js';
import { runCase, type CaseResult, type RunCaseOptions } from './run-case.js';
import type { RecordSpec, TestCase } from './test-case.js';

export interface TripleFiles {
  readonly sqlFile: string;
  readonly inputFile?: string;
  readonly outputFile: string;
}

/** A file of the triple that cannot be read. */
export class TripleFileError extends Error {}

export async function readTriple(files: TripleFiles): Promise<TestCase> {
  const sql = await readText(files.sqlFile);
  const statements = splitStatements(sql).map((s) => s.text);
  if (statements.length === 0)
    throw new TripleFileError(`File name: ${files.sqlFile} Message: no statements`);
  const inputs = files.inputFile === undefined ? [] : await readRecords(files.inputFile, 'inputs');
  const outputs = await readRecords(files.outputFile, 'outputs');
  if (inputs.length === 0 && outputs.length === 0) {
    throw new TripleFileError('Invalid test case: no inputs or outputs provided');
  }
  return {
    file: files.sqlFile,
    name: 'KSQL_Test',
    statements,
    properties: {},
    topics: [],
    inputs,
    outputs,
    strictTopics: true,
  };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new TripleFileError(`File name: ${path} Message: cannot read: ${(err as Error).message}`);
  }
}

async function readRecords(path: string, field: 'inputs' | 'outputs'): Promise<RecordSpec[]> {
  const text = await readText(path);
  let doc: JsonValue;
  try {
    doc = parseJsonText(text);
  } catch (err) {
    throw new TripleFileError(
      `File name: ${path} Message: not valid JSON: ${(err as Error).message}`,
    );
  }
  const list = isJsonObject(doc) ? doc[field] : undefined;
  if (!isJsonArray(list)) {
    throw new TripleFileError(
      `File name: ${path} Message: expected an object with an "${field}" list`,
    );
  }
  try {
    return list.map((r, i) => readRecord(r, `${field}[${i}]`));
  } catch (err) {
    throw new TripleFileError(`File name: ${path} Message: ${(err as Error).message}`);
  }
}

export interface TripleOutcome {
  readonly passed: boolean;
  /** `Test passed!` or `Test failed: …`. */
  readonly message: string;
  readonly result?: CaseResult;
}

export async function runTriple(
  files: TripleFiles,
  options: RunCaseOptions,
): Promise<TripleOutcome> {
  let testCase: TestCase;
  try {
    testCase = await readTriple(files);
  } catch (err) {
    if (err instanceof TripleFileError)
      return { passed: false, message: `Test failed: ${err.message}` };
    throw err;
  }
  const result = await runCase(testCase, options);
  if (result.status === 'passed') return { passed: true, message: 'Test passed!', result };
  return { passed: false, message: `Test failed: ${result.error ?? result.status}`, result };
}
