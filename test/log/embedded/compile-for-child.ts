/**
 * Child processes run plain JavaScript: this transpiles the TypeScript sources a child needs
 * (folders of the repository, keeping their layout) into a scratch directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Transpiles every .ts file under `folders` (relative to the repo) into `outDir`. */
export function compileForChild(outDir: string, folders: readonly string[]): void {
  fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  for (const folder of folders) {
    const files = fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' });
    for (const rel of files.filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(ROOT, folder, rel), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const out = path.join(outDir, folder, rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, outputText);
    }
  }
}
