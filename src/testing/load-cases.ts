/**
 * The cases of a run: every case of every file given, read as QTT, in file order then case order.
 * A file that cannot be read at all becomes one error case named after it.
 */
import { basename } from 'node:path';
import { readQttFile } from './qtt-file.js';
import type { TestCase } from './test-case.js';

/** A case with where it comes from, so that a worker can find it again. */
export interface LocatedCase {
  readonly path: string;
  readonly index: number;
  readonly testCase: TestCase;
}

/** The cases of one file; a file that cannot be read gives one invalid case. */
export async function loadCaseFile(path: string): Promise<TestCase[]> {
  try {
    return await readQttFile(path);
  } catch (err) {
    return [
      {
        file: basename(path),
        name: '(file)',
        statements: [],
        properties: {},
        topics: [],
        inputs: [],
        outputs: [],
        invalid: err instanceof Error ? err.message : String(err),
      },
    ];
  }
}

export async function loadCases(paths: readonly string[], filter?: RegExp): Promise<LocatedCase[]> {
  const out: LocatedCase[] = [];
  for (const path of paths) {
    const cases = await loadCaseFile(path);
    cases.forEach((testCase, index) => {
      if (!filter || filter.test(testCase.name) || testCase.name === '(file)')
        out.push({ path, index, testCase });
    });
  }
  return out;
}
