/** A log-backed schema registry over a fresh embedded log in a temporary directory, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import type { Log } from '../../../src/log/log.js';
import { LogSchemaRegistry } from '../../../src/serde/schema-registry/log-registry.js';

export interface RegistryFixture {
  readonly registry: LogSchemaRegistry;
  readonly log: Log;
  readonly dir: string;
  /** Opens a second registry on the same log, as a restart would. */
  reopen(): Promise<LogSchemaRegistry>;
  close(): Promise<void>;
}

export async function openRegistry(): Promise<RegistryFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'streamsql-sr-'));
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  const registry = await LogSchemaRegistry.open(log);
  return {
    registry,
    log,
    dir,
    reopen: () => LogSchemaRegistry.open(log),
    async close() {
      await registry.close();
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
