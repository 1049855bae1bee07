/** Helpers for the REPL's tests: temporary data directories, sessions on a real embedded log, waiting. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { JsonRenderer, TableRenderer } from '../../../src/cli/repl/format/result-format.js';
import { createStyle } from '../../../src/cli/repl/format/style.js';
import { ReplSession } from '../../../src/cli/repl/session/session.js';

export const plain = createStyle(false);

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamsql-repl-'));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface TestSession {
  readonly session: ReplSession;
  /** Everything the session wrote to the scrollback. */
  output(): string;
}

/** A session on an embedded log in a fresh directory, with its scrollback captured. */
export function testSession(options: { json?: boolean; dir?: string } = {}): TestSession {
  const dir = options.dir ?? tempDir();
  const session = new ReplSession({
    open: async (onNotice) => {
      const log = await openEmbeddedLog(join(dir, 'data'), { fsync: 'never' });
      return Engine.open({ log, functions: builtinRegistry(), onNotice });
    },
    version: '0.0.0-test',
    backend: `embedded log at ${dir}`,
    style: plain,
    renderer: (width) => (options.json ? new JsonRenderer() : new TableRenderer(width, plain)),
    idleWaitMs: 20,
  });
  let text = '';
  session.onOutput((t) => (text += t));
  return { session, output: () => text };
}

/** Polls until `check` returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const CREATE_S =
  "CREATE STREAM s (id INT KEY, name STRING, amount DOUBLE) WITH (kafka_topic='s', value_format='JSON', partitions=1);";
