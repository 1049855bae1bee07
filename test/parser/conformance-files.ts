/**
 * Reads the statements of the shared conformance data (../shared/conformance): QTT JSON files
 * (which may hold `//` line comments outside strings) and the test runner's statements.sql files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONFORMANCE_DIR = join(REPO_ROOT, '..', 'shared', 'conformance');

/** JSON text without its `//` line comments; `//` inside strings is kept. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

export interface QttStatement {
  readonly file: string;
  readonly caseName: string;
  readonly format?: string;
  readonly statement: string;
  readonly expectsError: boolean;
}

interface QttCase {
  readonly name: string;
  readonly statements?: readonly string[];
  readonly format?: readonly string[];
  readonly expectedException?: unknown;
  readonly enabled?: boolean;
}

export function qttFiles(): string[] {
  const dir = join(CONFORMANCE_DIR, 'qtt');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Every statement of a QTT file, once per entry of its case's `format` list. */
export function qttStatements(file: string): QttStatement[] {
  const text = readFileSync(join(CONFORMANCE_DIR, 'qtt', file), 'utf8');
  const { tests } = JSON.parse(stripJsonComments(text)) as { tests: readonly QttCase[] };
  const result: QttStatement[] = [];
  for (const testCase of tests) {
    const expectsError = testCase.expectedException !== undefined || testCase.enabled === false;
    const formats = testCase.format ?? [undefined];
    for (const format of formats) {
      for (const statement of testCase.statements ?? []) {
        result.push({
          file,
          caseName: testCase.name,
          ...(format === undefined ? {} : { format }),
          statement: format === undefined ? statement : statement.replaceAll('{FORMAT}', format),
          expectsError,
        });
      }
    }
  }
  return result;
}

/** Paths (relative to the test-runner folder) of every statements.sql. */
export function testRunnerScripts(): string[] {
  const root = join(CONFORMANCE_DIR, 'test-runner');
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'statements.sql') found.push(relative(root, path));
    }
  };
  walk(root);
  return found;
}

export function readTestRunnerScript(path: string): string {
  return readFileSync(join(CONFORMANCE_DIR, 'test-runner', path), 'utf8');
}
