/**
 * End to end: the built binary in a real terminal (tmux), driven by keys and read from the
 * screen: create a stream, insert, watch a push query, Ctrl-C, a pull query, exit. Needs tmux
 * (`apt-get install -y tmux`) and `npm run build`; skipped with a message when tmux is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/streamsql.js');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `streamsql-e2e-${process.pid}`;

if (!HAS_TMUX) {
  console.warn(
    'test/cli/repl/e2e-tmux.test.ts: skipped, tmux is not installed (apt-get install -y tmux)',
  );
}

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Types text (tmux would read a trailing `;` as its own separator, hence the escape) and Enter. */
function typeLine(text: string): void {
  tmux('send-keys', '-t', 'repl', '-l', text.replace(/;$/, '\\;'));
  tmux('send-keys', '-t', 'repl', 'Enter');
}

function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-t', 'repl', '-S', '-500');
}

async function waitForScreen(pattern: RegExp, what: string, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline || /^EXITED:\d+$/m.test(text))
      throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many times the prompt has appeared (the live prompt included). */
const prompts = (text: string): number => text.match(/^streamsql>/gm)?.length ?? 0;

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  removeTempDirs();
});

// Generous limits: the screen is polled, so a loaded machine only makes the test slower.
describe.skipIf(!HAS_TMUX)('the REPL in a terminal (tmux)', () => {
  it('creates, inserts, watches a push query, cancels it, runs a pull query and exits', async () => {
    expect(existsSync(join(ROOT, 'dist/cli/main.js')), 'run `npm run build` first').toBe(true);
    const home = tempDir();
    const env = [`PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8'];
    // `env -i`: ink draws nothing live when it thinks it runs in CI (CI=… in the environment).
    const command = `env -i ${env.map((e) => `'${e}'`).join(' ')} node ${BIN} --data-dir ${home}/data; echo "EXITED:$?"; sleep 60`;
    tmux('new-session', '-d', '-s', 'repl', '-x', '120', '-y', '50', command);

    let text = await waitForScreen(/^streamsql>/m, 'the prompt');
    expect(text).toContain(`Backend: embedded log at ${home}/data. No streams or tables yet.`);

    typeLine('CREATE STREAM s (id INT KEY, name STRING, amount DOUBLE)');
    await waitForScreen(/^ +-> *$/m, 'the continuation prompt');
    typeLine("  WITH (kafka_topic='s', value_format='JSON', partitions=1);");
    await waitForScreen(/Stream created/, 'the stream');
    typeLine(
      "INSERT INTO s (id, name, amount) VALUES (1, 'alice', 2.5); INSERT INTO s (id, name, amount) VALUES (2, 'bob', 3);",
    );
    typeLine("SET 'auto.offset.reset'='earliest';");
    await waitForScreen(/Successfully changed local property 'auto.offset.reset'/, 'SET');

    const before = prompts(screen());
    typeLine('SELECT * FROM s EMIT CHANGES;');
    text = await waitForScreen(/2 rows · .*Ctrl-C to stop/, 'the push query rows and count');
    expect(text).toMatch(/\| ID +\| NAME +\| AMOUNT +\|/);
    expect(text).toMatch(/\| 1 +\| alice +\| 2\.5 +\|/);
    expect(text).toMatch(/\| 2 +\| bob +\| 3\.0 +\|/);
    expect(prompts(text)).toBe(before);

    tmux('send-keys', '-t', 'repl', 'C-c');
    text = await waitForScreen(/Query cancelled: 2 rows\nstreamsql>/, 'Ctrl-C to stop the query');

    typeLine('SELECT name, amount FROM s WHERE id = 2;');
    text = await waitForScreen(/\(1 row\)\nstreamsql>/, 'the pull query');
    expect(text).toMatch(/\| NAME +\| AMOUNT +\|\n\+-+\+-+\+\n\| bob +\| 3\.0 +\|/);

    typeLine('SELECT * FRM s;');
    text = await waitForScreen(/\^\^\^/, 'the error caret');
    expect(text).toContain("Syntax Error: unexpected 'FRM'");

    typeLine('exit');
    await waitForScreen(/EXITED:0/, 'the REPL to exit with 0');
    const history = readFileSync(join(home, '.streamsql_history'), 'utf8');
    expect(history).toContain('SELECT * FROM s EMIT CHANGES;\n');
  }, 180_000);
});
