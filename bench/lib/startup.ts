/**
 * Start-to-exit time of the CLI: `streamsql -e "SHOW STREAMS;"` on a data directory, timed from
 * spawn to exit (the median of several runs after one that creates the directory), beside bare
 * `node -e ""` on the same machine for scale.
 */
import * as path from 'node:path';
import { runCommand } from './child.js';

export interface StartupResult {
  readonly ms: number;
  readonly runs: readonly number[];
  readonly bareNodeMs: number;
}

export async function startup(repoRoot: string, dataDir: string, runs = 7): Promise<StartupResult> {
  const bin = path.join(repoRoot, 'bin', 'streamsql.js');
  const cli = (): ReturnType<typeof runCommand> =>
    runCommand(process.execPath, [bin, '-e', 'SHOW STREAMS;', '--data-dir', dataDir], {
      cwd: repoRoot,
    });
  const first = await cli();
  if (first.code !== 0)
    throw new Error(`streamsql -e "SHOW STREAMS;" failed: ${first.stderr.trim()}`);
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push((await cli()).ms);
    bare.push((await runCommand(process.execPath, ['-e', ''])).ms);
  }
  return { ms: median(times), runs: times, bareNodeMs: median(bare) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
