import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExtensions, type ExtensionMessage } from '../../../src/functions/extensions/loader.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { arg } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function extensionsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamsql-ext-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const scalarModule = (name: string, body: string) =>
  `export default { scalar: [{ name: '${name}', description: 'test', signatures: [` +
  `{ signature: '(STRING) -> STRING', impl: (s) => ${body} }] }] };\n`;

describe('loadExtensions', () => {
  it('loads the good files and reports each bad one with its reason', async () => {
    const dir = extensionsDir({
      'good.js': scalarModule('twice', 's + s'),
      'named.mjs': `export const functions = ${JSON.stringify({ scalar: [] })};\n`,
      'syntax.js': 'export default {\n',
      'throws.js': "throw new Error('no config');\n",
      'clash.js': scalarModule('ucase', 's'),
      'notes.txt': 'not a module',
    });
    const registry = builtinRegistry();
    const messages: ExtensionMessage[] = [];
    const extensions = await loadExtensions(dir, registry, { onMessage: (m) => messages.push(m) });
    const byFile = (name: string) => messages.find((m) => m.file === join(dir, name));
    expect(byFile('good.js')).toEqual({ file: join(dir, 'good.js'), functions: ['TWICE'] });
    expect(byFile('named.mjs')?.error).toBeUndefined();
    // (The exact syntax-error text is Node's, checked through the real binary in test/cli.)
    expect(byFile('syntax.js')?.error).toMatch(/\w/);
    expect(byFile('throws.js')?.error).toBe('no config');
    expect(byFile('clash.js')?.error).toMatch(/UCASE already exists \(built-in\)/);
    expect(byFile('notes.txt')).toBeUndefined();
    expect(registry.resolveScalar('twice', [arg('STRING')]).invoke('ab')).toBe('abab');
    expect(registry.describe('twice')?.source).toBe(join(dir, 'good.js'));
    extensions.close();
  });

  it('reloads a changed file under a new version and drops a removed one', async () => {
    const dir = extensionsDir({ 'f.js': scalarModule('tag', "'v1:' + s") });
    const registry = builtinRegistry();
    const extensions = await loadExtensions(dir, registry);
    const before = registry.resolveScalar('tag', [arg('STRING')]).invoke;

    writeFileSync(join(dir, 'f.js'), scalarModule('tag', "'v2:' + s"));
    utimesSync(join(dir, 'f.js'), new Date(), new Date(Date.now() + 5_000));
    await extensions.reload();
    expect(registry.resolveScalar('tag', [arg('STRING')]).invoke('x')).toBe('v2:x');
    // What was resolved before (a running query's compiled call) is untouched.
    expect(before('x')).toBe('v1:x');

    rmSync(join(dir, 'f.js'));
    await extensions.reload();
    expect(registry.kindOf('tag')).toBeUndefined();
    expect(extensions.files.size).toBe(0);
    extensions.close();
  });

  it('watches the directory: a file added later is loaded', async () => {
    const dir = extensionsDir({});
    const registry = builtinRegistry();
    const loaded = new Promise<ExtensionMessage>((done) => {
      void loadExtensions(dir, registry, { watch: true, onMessage: done }).then((extensions) => {
        writeFileSync(join(dir, 'late.js'), scalarModule('late', 's'));
        void loaded.then(() => extensions.close());
      });
    });
    expect(await loaded).toEqual({ file: join(dir, 'late.js'), functions: ['LATE'] });
    expect(registry.kindOf('late')).toBe('scalar');
  });

  it('reports a missing directory and loads nothing', async () => {
    const messages: ExtensionMessage[] = [];
    await loadExtensions(join(tmpdir(), 'streamsql-no-such-dir-x'), builtinRegistry(), {
      onMessage: (m) => messages.push(m),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.error).toMatch(/cannot read the directory/);
  });
});
