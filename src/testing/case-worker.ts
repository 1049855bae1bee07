/**
 * A worker thread of the suite runner (worker-pool.ts): it is told which case of which file to
 * run, runs it in-process, and posts the result back. Files are read once per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FunctionRegistry } from '../functions/types.js';
import { toWire, type WireResult } from './case-result-wire.js';
import { loadCaseFile } from './load-cases.js';
import { runCase } from './run-case.js';
import { testFunctions } from './test-functions.js';
import type { TestCase } from './test-case.js';

/** What the pool sends: run case `index` of the file at `path`. */
export interface WorkerTask {
  readonly id: number;
  readonly path: string;
  readonly index: number;
  readonly timeLimitMs: number;
}

export interface WorkerReply {
  readonly id: number;
  readonly result: WireResult;
}

const files = new Map<string, Promise<TestCase[]>>();
let functions: Promise<FunctionRegistry> | undefined;
const extensionsDir = (workerData as { extensionsDir?: string } | null)?.extensionsDir;

async function handle(task: WorkerTask): Promise<WireResult> {
  let cases = files.get(task.path);
  if (!cases) files.set(task.path, (cases = loadCaseFile(task.path)));
  const testCase = (await cases)[task.index];
  if (!testCase) throw new Error(`no case #${task.index} in ${task.path}`);
  functions ??= testFunctions(extensionsDir);
  return toWire(
    await runCase(testCase, { functions: await functions, timeLimitMs: task.timeLimitMs }),
  );
}

parentPort?.on('message', (task: WorkerTask) => {
  handle(task).then(
    (result) => parentPort?.postMessage({ id: task.id, result } satisfies WorkerReply),
    (err: unknown) =>
      parentPort?.postMessage({
        id: task.id,
        result: {
          file: task.path,
          name: `#${task.index}`,
          status: 'error',
          outputs: '[]',
          error: `the runner failed: ${err instanceof Error ? err.message : String(err)}`,
          durationMs: 0,
        },
      } satisfies WorkerReply),
  );
});
