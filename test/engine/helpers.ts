import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine.js';
import type { ResultColumn } from '../../src/engine/results.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { Log } from '../../src/log/log.js';

/**
 * Where test engines keep their log: the embedded log in `dir` (the default), or another
 * backend that maps `dir` to a place of its own, the same place for the same `dir` so that
 * reopening works. test/log/kafka/engine-suite.test.ts runs these engine tests on Kafka this way.
 */
let openLogAt = (dir: string): Promise<Log> => openEmbeddedLog(dir, { fsync: 'never' });

export function useLogBackend(open: (dir: string) => Promise<Log>): void {
  openLogAt = open;
}

export interface TestEngine {
  engine: Engine;
  dir: string;
  notices: string[];
  /** Runs a script and returns the rows of its push queries. */
  run(sql: string): Promise<Record<string, unknown>[]>;
  /** Every record of a topic, decoded with the formats of the source declared on it. */
  close(): Promise<void>;
}

export async function openTestEngine(
  dir = mkdtempSync(join(tmpdir(), 'streamsql-test-')),
): Promise<TestEngine> {
  const notices: string[] = [];
  const log = await openLogAt(dir);
  const engine = await Engine.open({
    log,
    functions: builtinRegistry(),
    onNotice: (m) => notices.push(m),
  });
  return {
    engine,
    dir,
    notices,
    async run(sql) {
      const rows: Record<string, unknown>[] = [];
      await engine.executeScript(sql, {
        onPushRow: (values: readonly unknown[], columns: readonly ResultColumn[]) =>
          rows.push(Object.fromEntries(columns.map((c, i) => [c.name, values[i]]))),
      });
      await engine.drain();
      return rows;
    },
    async close() {
      await engine.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
