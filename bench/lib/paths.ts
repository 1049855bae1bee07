/**
 * Where things are: the repository root, seen from the compiled bench (dist/bench-build/bench),
 * and the one file tsc does not bring along — the peggy-generated parser, copied beside the
 * compiled sources the workers import.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

/** dist/bench-build/bench/lib → the repository root. */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
);

const BUILD_ROOT = path.join(REPO_ROOT, 'dist', 'bench-build');

export function ensureGeneratedParser(): void {
  const from = path.join(REPO_ROOT, 'src', 'parser', 'generated', 'ksql-parser.js');
  if (!existsSync(from))
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-grammar.js')]);
  const to = path.join(BUILD_ROOT, 'src', 'parser', 'generated');
  mkdirSync(to, { recursive: true });
  copyFileSync(from, path.join(to, 'ksql-parser.js'));
}
