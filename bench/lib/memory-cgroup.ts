/**
 * A memory cgroup to run one bench worker in: the kernel then holds the process to a hard limit
 * that counts everything it uses, its anonymous memory and the page cache of the files it reads
 * and maps (the store files, the log's segments), and reclaims cache or kills the process at the
 * limit. Running the 1M-key table under such a limit shows what it needs, where RSS alone mixes
 * the process's own memory with the kernel's cache of the store file.
 *
 * Needs a writable memory controller (cgroup v2's memory.max or v1's memory.limit_in_bytes) under
 * the bench's own cgroup, as root in a container usually has; otherwise the run is skipped.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface MemoryCgroup {
  /** What to run the command under: a shell that moves itself into the cgroup, then execs. */
  readonly prefix: readonly string[];
  /** The most memory the cgroup used, page cache included (MiB). */
  peakMb(): number;
  /** How many times the cgroup hit its limit (v1's failcnt, v2's `max` events). */
  limitHits(): number;
  remove(): void;
}

export function memoryCgroup(limitMb: number): MemoryCgroup | { skipped: string } {
  const found = ownCgroupDir();
  if (!found) return { skipped: 'no memory cgroup controller found under /sys/fs/cgroup' };
  const dir = path.join(found.dir, `streamsql-bench-${process.pid}`);
  try {
    mkdirSync(dir);
    const limit = String(limitMb * 2 ** 20);
    writeFileSync(path.join(dir, found.v2 ? 'memory.max' : 'memory.limit_in_bytes'), limit);
    if (found.v2) writeFileSync(path.join(dir, 'memory.swap.max'), '0');
  } catch (err) {
    try {
      rmdirSync(dir);
    } catch {
      // Never made.
    }
    return { skipped: `cannot make a memory cgroup: ${(err as Error).message}` };
  }
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  return {
    prefix: ['sh', '-c', `echo $$ > '${path.join(dir, 'cgroup.procs')}' && exec "$@"`, 'sh'],
    peakMb: () =>
      Number(read(found.v2 ? 'memory.peak' : 'memory.max_usage_in_bytes').trim()) / 2 ** 20,
    limitHits: () =>
      found.v2
        ? Number(/^max (\d+)/m.exec(read('memory.events'))?.[1] ?? 0)
        : Number(read('memory.failcnt').trim()),
    remove: () => rmdirSync(dir),
  };
}

/** This process's memory cgroup directory, v2 (unified) or v1 (`memory` controller). */
function ownCgroupDir(): { dir: string; v2: boolean } | undefined {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  } catch {
    return undefined;
  }
  for (const line of lines) {
    const [, controllers, where] = line.split(':');
    if (controllers === undefined || where === undefined) continue;
    if (controllers.split(',').includes('memory')) {
      const dir = path.join('/sys/fs/cgroup/memory', where);
      if (existsSync(path.join(dir, 'memory.limit_in_bytes'))) return { dir, v2: false };
    }
  }
  const unified = lines.find((l) => l.startsWith('0::'));
  if (unified) {
    const dir = path.join('/sys/fs/cgroup', unified.slice(3));
    if (
      existsSync(path.join(dir, 'memory.max')) ||
      existsSync(path.join(dir, 'cgroup.subtree_control'))
    ) {
      return { dir, v2: true };
    }
  }
  return undefined;
}
