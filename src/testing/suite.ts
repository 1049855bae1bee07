/**
 * Runs QTT files: loads and expands their cases, keeps those the filter names, and runs them on
 * worker threads when the compiled worker is available (the CLI, from dist), else one after the
 * other in this thread (under vitest, which runs the TypeScript sources).
 */
import { availableParallelism } from 'node:os';
import type { FunctionRegistry } from '../functions/types.js';
import { loadCases } from './load-cases.js';
import { DEFAULT_TIME_LIMIT_MS, runCase, type CaseResult } from './run-case.js';
import { testFunctions } from './test-functions.js';
import { runOnWorkers, workerScript } from './worker-pool.js';

export interface SuiteOptions {
  /** Only cases whose name matches. */
  readonly filter?: RegExp;
  /** Worker threads; default: one per core. 1 runs in this thread. */
  readonly workers?: number;
  readonly timeLimitMs?: number;
  /** Called as each case finishes (in completion order). */
  readonly onResult?: (result: CaseResult) => void;
  /** For in-thread runs; default: the built-in functions (and those of `extensionsDir`). */
  readonly functions?: FunctionRegistry;
  /** A directory of user functions every case can call (`--extensions-dir`). */
  readonly extensionsDir?: string;
}

export interface SuiteResult {
  /** In file order, then case order. */
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  /** Failed cases, errors included. */
  readonly failed: number;
  readonly skipped: number;
}

export async function runSuite(
  paths: readonly string[],
  options: SuiteOptions = {},
): Promise<SuiteResult> {
  const cases = await loadCases(paths, options.filter);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const script = workerScript();
  let results: CaseResult[];
  if (workers > 1 && script && cases.length > 1) {
    results = await runOnWorkers(cases, workers, timeLimitMs, script, {
      ...(options.onResult ? { onResult: options.onResult } : {}),
      ...(options.extensionsDir !== undefined ? { extensionsDir: options.extensionsDir } : {}),
    });
  } else {
    const functions = options.functions ?? (await testFunctions(options.extensionsDir));
    results = [];
    for (const { testCase } of cases) {
      const result = await runCase(testCase, { functions, timeLimitMs });
      options.onResult?.(result);
      results.push(result);
    }
  }
  return summarize(results);
}

export function summarize(cases: readonly CaseResult[]): SuiteResult {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.status === 'passed') passed++;
    else if (c.status === 'skipped') skipped++;
    else failed++;
  }
  return { cases, passed, failed, skipped };
}
