import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/cli/repl/components/app.js';
import { HistoryFile } from '../../../src/cli/repl/history/history-file.js';
import { stripAnsi } from '../../../src/cli/repl/format/style.js';
import {
  CREATE_S,
  plain,
  removeTempDirs,
  tempDir,
  testSession,
  waitFor,
  type TestSession,
} from './helpers.js';
import { TERM } from './keys.js';

interface Harness {
  readonly t: TestSession;
  readonly historyPath: string;
  /** The live area: prompt, candidates, status. */
  frame(): string;
  /** Writes keys as a terminal would, one chunk each. */
  keys(...chunks: string[]): Promise<void>;
  /** Types a line and presses Enter. */
  line(text: string): Promise<void>;
  unmount(): void;
}

const harnesses: Harness[] = [];

async function start(history: string[] = []): Promise<Harness> {
  const dir = tempDir();
  const historyPath = join(dir, '.streamsql_history');
  const file = HistoryFile.load(historyPath);
  for (const h of history) file.add(h);
  const t = testSession({ dir });
  const app = render(createElement(App, { session: t.session, history: file, style: plain }));
  await t.session.start();
  const frame = (): string =>
    stripAnsi(app.lastFrame() ?? '')
      .split(t.output())
      .join('');
  const h: Harness = {
    t,
    historyPath,
    frame: () => {
      // In ink's debug mode a frame is the scrollback followed by the live area.
      const all = stripAnsi(app.lastFrame() ?? '');
      const out = t.output();
      return all.includes(out) ? all.slice(all.lastIndexOf(out) + out.length) : frame();
    },
    keys: async (...chunks) => {
      for (const chunk of chunks) {
        app.stdin.write(chunk);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    line: async (text) => {
      await h.keys(text, TERM.enter);
      await waitFor(() => t.session.getSnapshot().phase === 'idle', `'${text}' to finish`);
    },
    unmount: () => app.unmount(),
  };
  harnesses.push(h);
  await waitFor(() => h.frame().includes('streamsql>'), 'the prompt');
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    h.unmount();
    await h.t.session.close();
  }
  removeTempDirs();
});

describe('REPL app', () => {
  it('shows the banner and a prompt, runs a statement and echoes it into the scrollback', async () => {
    const h = await start();
    expect(h.t.output()).toContain('streamsql 0.0.0-test');
    await h.line('show streams;');
    expect(h.t.output()).toContain('streamsql> show streams;\n+---');
    expect(h.t.output()).toContain('| KSQL_PROCESSING_LOG |');
    expect(h.frame()).toContain('streamsql>');
  });

  it('continues a statement over lines until its semicolon', async () => {
    const h = await start();
    await h.keys('show', TERM.enter);
    expect(h.frame()).toMatch(/streamsql> show\n {8}->/);
    await h.line('streams;');
    expect(h.t.output()).toContain('streamsql> show\n        -> streams;\n+---');
  });

  it('shows push query rows live with a count, and Ctrl-C returns to the prompt', async () => {
    const h = await start();
    await h.line(CREATE_S);
    await h.line("INSERT INTO s (id, name, amount) VALUES (1, 'alice', 2.5);");
    await h.line("SET 'auto.offset.reset'='earliest';");
    await h.keys('SELECT * FROM s EMIT CHANGES;', TERM.enter);
    await waitFor(() => h.frame().includes('1 row'), 'the row count');
    expect(h.frame()).toMatch(/1 row · \d+\.\ds.*Ctrl-C to stop/);
    expect(h.frame()).not.toContain('streamsql>');
    expect(h.t.output()).toMatch(/\| 1 +\| alice +\| 2\.5 +\|/);
    await h.keys(TERM.ctrlC);
    await waitFor(() => h.t.session.getSnapshot().phase === 'idle', 'the query to stop');
    expect(h.t.output()).toContain('Query cancelled: 1 row');
    await waitFor(() => h.frame().includes('streamsql>'), 'the prompt to come back');
    await h.line('SELECT name FROM s;');
    expect(h.t.output()).toMatch(/\| NAME +\|\n\+-+\+\n\| alice \|\n\+-+\+\n\(1 row\)/);
  });

  it('replays keys typed while a statement runs', async () => {
    const h = await start();
    await h.line(CREATE_S);
    await h.line("SET 'auto.offset.reset'='earliest';");
    await h.keys('SELECT * FROM s EMIT CHANGES;', TERM.enter);
    await waitFor(() => h.frame().includes('Ctrl-C to stop'), 'the push query');
    await h.keys('show ', 'topics;', TERM.enter);
    await h.keys(TERM.ctrlC);
    await waitFor(() => h.frame().includes('streamsql> show topics;'), 'the typed-ahead text');
    expect(h.t.output()).not.toContain('Kafka Topic');
    await h.line('');
    expect(h.t.output()).toContain('Kafka Topic');
  });

  it('clears the line on Ctrl-C at the prompt and says how to leave; Ctrl-D leaves', async () => {
    const h = await start();
    await h.keys('select');
    await h.keys(TERM.ctrlC);
    expect(h.t.output()).toContain('streamsql> select^C\n');
    await h.keys(TERM.ctrlC);
    expect(h.frame()).toContain('To leave, press Ctrl-D or type exit.');
    expect(h.t.session.getSnapshot().phase).toBe('idle');
    await h.keys(TERM.ctrlD);
    await waitFor(() => h.t.session.getSnapshot().phase === 'closed', 'the session to close');
  });

  it('leaves on exit', async () => {
    const h = await start();
    await h.keys('exit', TERM.enter);
    await waitFor(() => h.t.session.getSnapshot().phase === 'closed', 'the session to close');
  });

  it('shows an error with a caret under the position', async () => {
    const h = await start();
    await h.line('SELECT * FRM s;');
    expect(h.t.output()).toContain("Syntax Error: unexpected 'FRM'");
    expect(h.t.output()).toContain('1 │ SELECT * FRM s;\n  │          ^^^');
  });

  it('completes names with Tab and lists the candidates when several fit', async () => {
    const h = await start();
    await h.line(CREATE_S);
    await h.keys('select na', TERM.tab);
    expect(h.frame()).toContain('streamsql> select na');
    await h.keys(' from s', TERM.tab);
    await h.keys('\u0001', '\u0006'.repeat(9), TERM.tab);
    expect(h.frame()).toContain('streamsql> select name from s');
    await h.keys('\u0005', ' where ', TERM.tab);
    expect(h.frame()).toMatch(/amount +id +name/);
  });

  it('keeps history in the file, with up arrow and Ctrl-R search', async () => {
    const h = await start(['show topics;']);
    await h.line('show streams;');
    expect(readFileSync(h.historyPath, 'utf8')).toBe('show topics;\nshow streams;\n');
    await h.keys(TERM.up);
    expect(h.frame()).toContain('streamsql> show streams;');
    await h.keys(TERM.up);
    expect(h.frame()).toContain('streamsql> show topics;');
    await h.keys(TERM.ctrlC, TERM.ctrlR, 'str');
    expect(h.frame()).toContain("(reverse-i-search)'str': show streams;");
    await h.keys(TERM.enter);
    await waitFor(() => h.t.session.getSnapshot().phase === 'idle', 'the statement');
    expect(h.t.output()).toContain('streamsql> show streams;\n+---');
  });
});
