/**
 * The data directory's lock, `<dataDir>/LOCK`, holding the owner's pid: two processes (or two
 * opens in one process) never share a data directory. A lock left by a process that no longer
 * exists (or is a zombie) is taken over. (Node has no flock; a pid reused by an unrelated live
 * process reads as a live holder, which errs on the safe side.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecutionError } from '../../common/errors.js';

export const LOCK_FILE = 'LOCK';

export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

export function acquireLock(dataDir: string): DirectoryLock {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { file, release: () => fs.rmSync(file, { force: true }) };
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
    const holder = readHolder(file);
    if (holder !== undefined && isAlive(holder)) {
      const who = holder === process.pid ? 'this process' : `process ${holder}`;
      throw new ExecutionError(
        `the data directory ${dataDir} is already open by ${who} (lock file ${file})`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new ExecutionError(`could not take the lock ${file} of the data directory ${dataDir}`);
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return isCode(err, 'EPERM');
  }
  return !isZombie(pid);
}

/** A killed process not yet reaped by its parent still answers signal 0 (Linux shows it as Z). */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}
