/**
 * One measurement in a fresh Node.js process, so that workloads do not share heaps, JIT state
 * or RSS: `node worker.js TASK 'JSON args'`. Prints the result as one JSON line on stdout.
 */
import { latency } from './lib/latency.js';
import { naive } from './lib/naive.js';
import { prepare } from './lib/prepare.js';
import { buildTable1m, restoreTable1m } from './lib/table-1m.js';
import { throughput } from './lib/throughput.js';

const tasks: Record<string, (args: never) => Promise<unknown>> = {
  prepare,
  throughput,
  naive,
  latency,
  'table-1m': buildTable1m,
  'restore-1m': restoreTable1m,
};

async function main(): Promise<void> {
  const [task, json] = process.argv.slice(2);
  const run = task === undefined ? undefined : tasks[task];
  if (!run)
    throw new Error(`unknown task ${task ?? '(none)'}; one of ${Object.keys(tasks).join(', ')}`);
  const result = await run(JSON.parse(json ?? '{}') as never);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
