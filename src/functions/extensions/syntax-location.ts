/**
 * Where a module's syntax error is. Node 20 does not say where an ES module fails to parse, so
 * when an import fails with a SyntaxError the file is parsed again with TypeScript's parser
 * (which reads JavaScript too) for the line and column of its first syntax error.
 */
import { readFile } from 'node:fs/promises';

/** `LINE:COL` of the first syntax error, or undefined when TypeScript finds none. */
export async function syntaxErrorLocation(file: string): Promise<string | undefined> {
  try {
    const [source, ts] = await Promise.all([
      readFile(file, 'utf8'),
      import('typescript').then((m) => m.default),
    ]);
    const output = ts.transpileModule(source, { fileName: file, reportDiagnostics: true });
    const first = output.diagnostics?.find((d) => d.start !== undefined);
    if (!first?.file || first.start === undefined) return undefined;
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    return `${line + 1}:${character + 1}`;
  } catch {
    return undefined;
  }
}
