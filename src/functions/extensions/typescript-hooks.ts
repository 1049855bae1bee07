/**
 * Node module hooks (registered with `module.register` by loader.ts, only when the extensions
 * directory holds a `.ts` file) that let `import()` load TypeScript: a `.ts`/`.mts` file is
 * transpiled with TypeScript's `transpileModule` (types are stripped, not checked), and a relative
 * `./helper.js` import from a `.ts` file finds `./helper.ts`, as TypeScript's own resolution does.
 */
import { readFile } from 'node:fs/promises';
import type { LoadHook, ResolveHook } from 'node:module';
import { fileURLToPath } from 'node:url';

const TS_FILE = /\.m?ts$/;

function isTypeScript(url: string): boolean {
  return url.startsWith('file:') && TS_FILE.test(new URL(url).pathname);
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    if (parent && isTypeScript(parent) && specifier.startsWith('.') && /\.m?js$/.test(specifier)) {
      return nextResolve(specifier.replace(/js$/, 'ts'), context);
    }
    throw error;
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!isTypeScript(url)) return nextLoad(url, context);
  const file = fileURLToPath(url); // the ?v= cache-buster is not part of the path
  const source = await readFile(file, 'utf8');
  const ts = (await import('typescript')).default;
  const output = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
};
