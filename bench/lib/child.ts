/**
 * Running a measurement in its own Node.js process (worker.ts) and a command with a time limit.
 * A worker's stderr passes through; its stdout's last line is its JSON result.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled worker, beside this file's compiled directory. */
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'worker.js');

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Copy the child's stderr to ours as it comes. */
  readonly passStderr?: boolean;
}

/** Runs a command to its end, timing it from spawn to exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err.push(d);
      if (options.passStderr) process.stderr.write(d);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - t0,
      });
    });
  });
}

export interface WorkerOptions {
  /** Extra flags for node, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  readonly timeoutMs?: number;
  /** A command the worker runs under, e.g. a shell that enters a memory cgroup first. */
  readonly prefix?: readonly string[];
}

/** Runs one worker task in a fresh process and returns its result. */
export async function runWorker<T>(
  task: string,
  args: object,
  options: WorkerOptions = {},
): Promise<T> {
  const flags = ['--expose-gc', '--max-old-space-size=4096', ...(options.nodeFlags ?? [])];
  const node = [process.execPath, ...flags, WORKER, task, JSON.stringify(args)];
  const [command, ...rest] = [...(options.prefix ?? []), ...node];
  const result = await runCommand(command!, rest, {
    passStderr: true,
    timeoutMs: options.timeoutMs ?? 600_000,
  });
  if (result.code !== 0) {
    throw new Error(
      `bench worker '${task}' failed (exit ${result.code}): ${lastLine(result.stderr)}`,
    );
  }
  return JSON.parse(lastLine(result.stdout)) as T;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
