/**
 * Loads user functions from an extensions directory: every `.js`/`.mjs`/`.ts`/`.mts` file directly
 * in it is imported and its export (api.ts: the default export, or a named `functions`) goes into
 * the registry under the file's path. A file that fails (a syntax error, a throw at import, a bad
 * export, a name that already exists) is reported with its reason and skipped; the others load.
 *
 * With `watch`, a changed, added or removed file is loaded again (or its functions removed).
 * Queries compiled before keep the implementations they resolved; new queries see the new ones.
 * A reload imports the file under a new URL (Node caches modules by URL), so modules it imports
 * itself are not reloaded, and each reload keeps its old module in memory.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { register } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MutableFunctionRegistry } from '../registry.js';
import { syntaxErrorLocation } from './syntax-location.js';
import { toDefinitions } from './to-definitions.js';

const EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts']);
const RELOAD_DELAY_MS = 100;

export interface ExtensionMessage {
  readonly file: string;
  /** The functions the file now provides (empty when it failed or was removed). */
  readonly functions: readonly string[];
  /** Why the file could not be loaded. */
  readonly error?: string;
  readonly removed?: boolean;
}

export interface ExtensionOptions {
  /** Reload files as they change. */
  readonly watch?: boolean;
  /** Called for each file loaded, failed or removed (at start and on every reload). */
  readonly onMessage?: (message: ExtensionMessage) => void;
}

export interface ExtensionDirectory {
  /** What the last load of each file gave. */
  readonly files: ReadonlyMap<string, ExtensionMessage>;
  /** Loads the directory again now (what the watcher does after a change). */
  reload(): Promise<void>;
  close(): void;
}

export async function loadExtensions(
  dir: string,
  registry: MutableFunctionRegistry,
  options: ExtensionOptions = {},
): Promise<ExtensionDirectory> {
  const root = resolve(dir);
  const files = new Map<string, ExtensionMessage>();
  const versions = new Map<string, number>();
  const modified = new Map<string, number>();
  let loading: Promise<void> = Promise.resolve();

  const report = (message: ExtensionMessage): void => {
    files.set(message.file, message);
    options.onMessage?.(message);
  };

  const loadFile = async (file: string, mtime: number): Promise<void> => {
    modified.set(file, mtime);
    const version = (versions.get(file) ?? 0) + 1;
    versions.set(file, version);
    try {
      if (/\.m?ts$/.test(file)) registerTypeScript();
      const module = (await import(`${pathToFileURL(file).href}?v=${version}`)) as Record<
        string,
        unknown
      >;
      const definitions = toDefinitions(module.default ?? module.functions);
      registry.replaceSource(file, definitions);
      report({ file, functions: [...new Set(definitions.map((d) => d.name.toUpperCase()))] });
    } catch (error) {
      registry.removeSource(file);
      const at = error instanceof SyntaxError ? await syntaxErrorLocation(file) : undefined;
      report({ file, functions: [], error: (at ? `${at}: ` : '') + reason(error) });
    }
  };

  const scan = async (): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(root);
    } catch (error) {
      report({ file: root, functions: [], error: `cannot read the directory: ${reason(error)}` });
      return;
    }
    const present = new Set<string>();
    for (const name of names.sort()) {
      if (!EXTENSIONS.has(extname(name)) || name.endsWith('.d.ts')) continue;
      const file = join(root, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      present.add(file);
      if (modified.get(file) !== info.mtimeMs) await loadFile(file, info.mtimeMs);
    }
    for (const file of [...modified.keys()]) {
      if (present.has(file)) continue;
      modified.delete(file);
      registry.removeSource(file);
      report({ file, functions: [], removed: true });
      files.delete(file);
    }
  };

  const reload = (): Promise<void> => (loading = loading.then(scan));
  await reload();

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    try {
      watcher = watch(root, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), RELOAD_DELAY_MS);
        timer.unref();
      });
      watcher.unref();
      watcher.on('error', () => watcher?.close());
    } catch {
      // A directory that cannot be watched was reported by the scan; there is nothing to reload.
    }
  }

  return {
    files,
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}

let typeScriptRegistered = false;

/** Installs the .ts hooks once, the first time a .ts extension is seen. */
function registerTypeScript(): void {
  if (typeScriptRegistered) return;
  register(new URL('./typescript-hooks.js', import.meta.url));
  typeScriptRegistered = true;
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message;
  }
  return String(error);
}
