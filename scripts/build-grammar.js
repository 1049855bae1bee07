// Compiles grammar/ksql.peggy into an ES module parser, for both the sources (tests run from src)
// and the build output (the CLI runs from dist).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import peggy from 'peggy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const grammarFile = join(root, 'grammar', 'ksql.peggy');
const source = peggy.generate(readFileSync(grammarFile, 'utf8'), {
  output: 'source',
  format: 'es',
  grammarSource: 'ksql.peggy',
  allowedStartRules: ['Script', 'Expression', 'SqlType'],
});
const declaration = `// Generated from grammar/ksql.peggy; do not edit.
export interface PeggyLocation { start: { offset: number; line: number; column: number }; end: { offset: number; line: number; column: number } }
export interface PeggyExpectation { type: string; text?: string; description?: string; ignoreCase?: boolean }
export declare class SyntaxError extends Error {
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: PeggyLocation;
}
export declare function parse(input: string, options?: { startRule?: 'Script' | 'Expression' | 'SqlType'; grammarSource?: string }): unknown;
`;
for (const dir of [
  join(root, 'src', 'parser', 'generated'),
  join(root, 'dist', 'parser', 'generated'),
]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'ksql-parser.js'),
    `// Generated from grammar/ksql.peggy; do not edit.\n${source}`,
  );
  writeFileSync(join(dir, 'ksql-parser.d.ts'), declaration);
}
