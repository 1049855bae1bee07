/**
 * Where a process keeps its queries' state store files (docs/state-stores.md).
 *
 * - Embedded log: `<data-dir>/state`, owned with the data directory (the log's lock).
 * - Kafka: `<data-dir>/state/<service-id>`, as Kafka Streams keeps its stores under
 *   `state.dir/<application.id>`. The cluster is shared, the directory is this machine's: it is
 *   locked (a `LOCK` file with the pid), so that two processes on one machine need data
 *   directories of their own. A process that finds it locked keeps its stores in memory instead,
 *   and says so, rather than refusing to start (a `streamsql topic produce` beside a server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, LOCK_FILE } from '../log/embedded/lock-file.js';
import { QueryStateDir } from '../runtime/state/query-state-dir.js';

export interface StateDirectory {
  readonly dir: string;
  /** Gives the directory up (the engine closed). */
  release(): void;
}

export function embeddedStateDirectory(dataDir: string): StateDirectory {
  return { dir: path.join(dataDir, 'state'), release: () => undefined };
}

export function kafkaStateDirectory(
  dataDir: string,
  serviceId: string,
  onNotice: (m: string) => void,
): StateDirectory | undefined {
  const dir = path.join(dataDir, 'state', serviceId);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const lock = acquireLock(dir);
    return { dir, release: () => lock.release() };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    onNotice(
      `state stores are kept in memory: ${why}; give each process its own --data-dir to keep them on disk`,
    );
    return undefined;
  }
}

/**
 * Deletes the directories of queries this service no longer runs (terminated while this process
 * was down: a running process deletes its own on TERMINATE).
 */
export function removeUnusedQueryDirs(root: string, queryIds: Iterable<string>): void {
  const used = new Set([...queryIds].map((id) => path.basename(QueryStateDir.of(root, id).dir)));
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.name === LOCK_FILE || !entry.isDirectory() || used.has(entry.name)) continue;
    fs.rmSync(path.join(root, entry.name), { recursive: true, force: true });
  }
}
