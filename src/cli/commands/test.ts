/**
 * `streamsql test FILE.json|DIR… [--filter REGEX] [--json] [--workers N] [--time-limit SECONDS]
 * [--extensions-dir DIR]`
 * runs ksqlDB query-validation-test files (a directory stands for its `.json` files), and
 * `streamsql test --sql-file S [--input-file I] --output-file O` a ksql-test-runner test. Exit 0
 * when every case passed (skipped ones aside), 1 otherwise. The work is in src/testing/.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { humanReport, jsonReport } from '../../testing/report.js';
import { runSuite } from '../../testing/suite.js';
import { testFunctions } from '../../testing/test-functions.js';
import { runTriple } from '../../testing/test-runner-files.js';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args.js';

export async function testCommand(args: ParsedArgs): Promise<number> {
  const timeLimitMs = seconds(stringOption(args, 'time-limit'));
  // User functions, as the engine loads them (ksqlDB's harness has its test UDFs on the classpath).
  const extensionsDir =
    stringOption(args, 'extensions-dir') ?? stringOption(args, 'ksql.extension.dir');
  const sqlFile = stringOption(args, 'sql-file');
  if (sqlFile !== undefined) {
    const outputFile = stringOption(args, 'output-file');
    if (outputFile === undefined)
      throw new UsageError('--sql-file needs --output-file (and usually --input-file)');
    const inputFile = stringOption(args, 'input-file');
    const outcome = await runTriple(
      { sqlFile, outputFile, ...(inputFile !== undefined ? { inputFile } : {}) },
      {
        functions: await testFunctions(extensionsDir),
        ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      },
    );
    if (outcome.passed) process.stdout.write(`\t >>> ${outcome.message}\n`);
    else process.stderr.write(`\t>>>>> ${outcome.message}\n`);
    return outcome.passed ? 0 : 1;
  }
  if (args.positional.length === 0) {
    throw new UsageError(
      'usage: streamsql test FILE.json… [--filter REGEX] [--json], or --sql-file S --input-file I --output-file O',
    );
  }
  const filterText = stringOption(args, 'filter');
  let filter: RegExp | undefined;
  try {
    filter = filterText === undefined ? undefined : new RegExp(filterText);
  } catch (err) {
    throw new UsageError(`--filter: ${(err as Error).message}`);
  }
  const workers = stringOption(args, 'workers');
  const result = await runSuite(expandPaths(args.positional), {
    ...(filter ? { filter } : {}),
    ...(workers !== undefined ? { workers: positiveInteger(workers, '--workers') } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    ...(extensionsDir !== undefined ? { extensionsDir } : {}),
  });
  process.stdout.write(flag(args, 'json') ? jsonReport(result) : humanReport(result));
  return result.failed === 0 ? 0 : 1;
}

/** Files as given; a directory becomes its `.json` files, sorted. */
function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // A missing file is reported by the runner, as a case of its own.
    }
    if (!isDir) return [p];
    return readdirSync(p)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(p, name));
  });
}

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (!(s > 0)) throw new UsageError(`--time-limit must be a number of seconds, not ${text}`);
  return Math.round(s * 1000);
}

function positiveInteger(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${option} must be a whole number ≥ 1, not ${text}`);
  return n;
}
