/**
 * Runs cases on worker threads (case-worker.ts), one case at a time per worker, handing the next
 * case to whichever worker is free. A worker that does not answer within the case's time limit
 * (plus a grace period) is stopped, its case reported as timed out, and a new worker takes over:
 * a case that never yields to the event loop cannot hang the run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromWire } from './case-result-wire.js';
import type { WorkerReply, WorkerTask } from './case-worker.js';
import type { LocatedCase } from './load-cases.js';
import type { CaseResult } from './run-case.js';

/** How long past the case's own limit a worker may stay silent before it is stopped. */
const GRACE_MS = 10_000;

/** The compiled worker script, when running from JavaScript (dist); undefined under a TS runner. */
export function workerScript(): URL | undefined {
  const url = new URL('./case-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface WorkerOptions {
  readonly onResult?: (result: CaseResult, index: number) => void;
  /** User functions every worker loads (case-worker.ts reads it from its workerData). */
  readonly extensionsDir?: string;
  readonly graceMs?: number;
}

export async function runOnWorkers(
  cases: readonly LocatedCase[],
  workers: number,
  timeLimitMs: number,
  script: URL,
  options: WorkerOptions = {},
): Promise<CaseResult[]> {
  const { onResult, graceMs = GRACE_MS } = options;
  const workerData = { extensionsDir: options.extensionsDir };
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  let next = 0;
  let finished = 0;
  return new Promise((resolve) => {
    const start = (): void => {
      const worker = new Worker(script, { workerData });
      let current: { id: number; timer: NodeJS.Timeout } | undefined;
      const record = (id: number, result: CaseResult): void => {
        results[id] = result;
        onResult?.(result, id);
        finished++;
        if (finished === cases.length) resolve(results);
      };
      const feed = (): void => {
        if (next >= cases.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        const id = next++;
        const located = cases[id]!;
        const timer = setTimeout(() => {
          current = undefined;
          worker.removeAllListeners();
          void worker.terminate();
          record(id, stuck(located, timeLimitMs, graceMs));
          start();
        }, timeLimitMs + graceMs);
        current = { id, timer };
        const task: WorkerTask = { id, path: located.path, index: located.index, timeLimitMs };
        worker.postMessage(task);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (!current || current.id !== reply.id) return;
        clearTimeout(current.timer);
        const id = current.id;
        current = undefined;
        const located = cases[id]!;
        record(id, {
          ...fromWire(reply.result),
          file: located.testCase.file,
          name: located.testCase.name,
        });
        feed();
      });
      worker.on('error', (err) => {
        if (!current) return;
        clearTimeout(current.timer);
        const id = current.id;
        current = undefined;
        record(id, crashed(cases[id]!, err));
        start();
      });
      feed();
    };
    if (cases.length === 0) {
      resolve(results);
      return;
    }
    for (let i = 0; i < Math.min(workers, cases.length); i++) start();
  });
}

function stuck(located: LocatedCase, limit: number, graceMs: number): CaseResult {
  return {
    file: located.testCase.file,
    name: located.testCase.name,
    status: 'error',
    outputs: [],
    error: `time limit of ${limit / 1000} s exceeded (the case did not yield; its worker was stopped)`,
    durationMs: limit + graceMs,
  };
}

function crashed(located: LocatedCase, err: Error): CaseResult {
  return {
    file: located.testCase.file,
    name: located.testCase.name,
    status: 'error',
    outputs: [],
    error: `the runner's worker crashed: ${err.message}`,
    durationMs: 0,
  };
}
