import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { BackgroundQueries } from '../../../src/cli/repl/session/background.js';
import {
  CREATE_S,
  removeTempDirs,
  tempDir,
  testSession,
  waitFor,
  type TestSession,
} from './helpers.js';

const open: TestSession[] = [];

async function started(options: { json?: boolean } = {}): Promise<TestSession> {
  const t = testSession(options);
  open.push(t);
  await t.session.start();
  return t;
}

afterEach(async () => {
  for (const t of open.splice(0)) await t.session.close();
  removeTempDirs();
});

const INSERTS =
  "INSERT INTO s (id, name, amount) VALUES (1, 'alice', 2.5); INSERT INTO s (id, name, amount) VALUES (2, 'bob', 3);";

describe('REPL session', () => {
  it('opens the engine, prints the banner and goes idle with a catalog for completion', async () => {
    const { session, output } = await started();
    expect(output()).toContain('streamsql 0.0.0-test');
    expect(output()).toMatch(/Backend: embedded log at .*\. No streams or tables yet\./);
    expect(session.getSnapshot().phase).toBe('idle');
    await session.submit(CREATE_S);
    expect(session.getSnapshot().catalog.sources.map((s) => s.name)).toContain('S');
    expect(session.getSnapshot().catalog.topics).toContain('s');
    expect(session.getSnapshot().catalog.functions).toContain('UCASE');
  });

  it('runs statements and shows results as tables', async () => {
    const { session, output } = await started();
    await session.submit(`${CREATE_S} ${INSERTS}`);
    await session.submit('SELECT * FROM s;');
    expect(output()).toContain('Stream created\n+----+');
    expect(output()).toContain(
      [
        '+----+-------+--------+',
        '| ID | NAME  | AMOUNT |',
        '+----+-------+--------+',
        '| 1  | alice | 2.5    |',
        '| 2  | bob   | 3.0    |',
        '+----+-------+--------+',
        '(2 rows)',
      ].join('\n'),
    );
  });

  it('supports DEFINE and ${var}, SET and RUN SCRIPT, which are engine statements', async () => {
    const { session, output } = await started();
    const script = join(tempDir(), 'script.sql');
    writeFileSync(
      script,
      `${CREATE_S}\nINSERT INTO s (id, name, amount) VALUES (7, '\${who}', 1);\n`,
    );
    await session.submit("DEFINE who = 'carol';");
    await session.submit(`RUN SCRIPT '${script}';`);
    await session.submit("SET 'auto.offset.reset'='earliest';");
    await session.submit('SELECT name FROM s;');
    expect(output()).toContain(`Ran 2 statements from ${script}`);
    expect(output()).toContain(
      "Successfully changed local property 'auto.offset.reset' to 'earliest'.",
    );
    expect(output()).toContain('| carol |');
  });

  it('shows a refused statement with a caret under the position', async () => {
    const { session, output } = await started();
    await session.submit('SHOW STREAMS;\nSELECT * FRM s;');
    expect(output()).toContain(
      '  ┌─ line 2, column 10\n1 │ SHOW STREAMS;\n2 │ SELECT * FRM s;\n  │          ^^^\n',
    );
    expect(output()).toMatch(/Syntax Error: unexpected 'FRM', expected .*FROM/);
    await session.submit('SELECT * FROM nowhere;');
    expect(output()).toMatch(/analysis error: .*NOWHERE/);
    expect(session.getSnapshot().phase).toBe('idle');
  });

  it('streams push query rows with a live count until cancelled, then skips the rest', async () => {
    const { session, output } = await started();
    await session.submit(`${CREATE_S} ${INSERTS} SET 'auto.offset.reset'='earliest';`);
    const run = session.submit('SELECT id, name FROM s EMIT CHANGES; SHOW STREAMS;');
    await waitFor(() => session.getSnapshot().activity?.stream?.rows === 2, 'two rows');
    expect(session.getSnapshot().phase).toBe('running');
    expect(output()).toMatch(
      /\| ID +\| NAME +\|\n\+-+\+-+\+\n\| 1 +\| alice +\|\n\| 2 +\| bob +\|\n/,
    );
    session.cancel();
    expect(session.getSnapshot().activity?.cancelling).toBe(true);
    await run;
    expect(output()).toMatch(
      /\| 2 +\| bob +\|\n\+-+\+-+\+\nQuery cancelled: 2 rows\nCancelled; 1 more statement not run\.\n$/,
    );
    expect(session.getSnapshot().phase).toBe('idle');
  });

  it('prints JSON lines with --output json', async () => {
    const { session, output } = await started({ json: true });
    await session.submit(`${CREATE_S} ${INSERTS}`);
    await session.submit('SELECT id, name FROM s;');
    expect(output()).toContain('{"ID":1,"NAME":"alice"}\n{"ID":2,"NAME":"bob"}\n');
  });

  it('answers help, and leaves on exit', async () => {
    const { session, output } = await started();
    await session.submit('help');
    expect(output()).toContain('Ctrl-R');
    await session.submit('exit');
    expect(session.getSnapshot().phase).toBe('closed');
  });
});

describe('persistent queries between statements', () => {
  it('keep running while the prompt is idle, and pause for statements', async () => {
    const log = await openEmbeddedLog(join(tempDir(), 'data'), { fsync: 'never' });
    const engine = await Engine.open({ log, functions: builtinRegistry() });
    let passes = 0;
    const errors: unknown[] = [];
    const background = new BackgroundQueries(
      engine,
      () => passes++,
      (e) => errors.push(e),
      20,
    );
    try {
      await engine.executeScript(
        `${CREATE_S} CREATE STREAM big AS SELECT id, name FROM s WHERE amount > 1;`,
      );
      background.resume();
      const value = Buffer.from('{"NAME":"a","AMOUNT":5}');
      await log.append('s', [{ key: Buffer.from([0, 0, 0, 1]), value, timestamp: Date.now() }]);
      const sink = engine.metastore.getSource('BIG')!.topic;
      let written = 0;
      await waitFor(() => {
        void log.endOffsets(sink).then((ends) => (written = ends[0] ?? 0));
        return written === 1;
      }, 'the persistent query to write its output');
      expect(passes).toBeGreaterThan(0);
      await background.pause();
      expect(background.progress.since).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await background.pause();
      await engine.close();
    }
  });
});
