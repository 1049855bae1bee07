import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocatedCase } from '../../src/testing/load-cases.js';
import { runOnWorkers } from '../../src/testing/worker-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'streamsql-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A stand-in for case-worker.js: case 1 never yields, case 3 makes the worker crash.
const script = join(dir, 'fake-worker.mjs');
writeFileSync(
  script,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (task) => {
  if (task.index === 1) for (;;) {}
  if (task.index === 3) throw new Error('boom');
  parentPort.postMessage({ id: task.id, result: {
    file: task.path, name: String(task.index), status: 'passed',
    outputs: '[{"topic":"T","key":12345678901234567890,"value":null,"timestamp":5}]', durationMs: 1 } });
});`,
);

const located = (index: number): LocatedCase => ({
  path: 'f.json',
  index,
  testCase: {
    file: 'f.json',
    name: `case ${index}`,
    statements: [],
    properties: {},
    topics: [],
    inputs: [],
    outputs: [],
  },
});

describe('the worker pool', () => {
  it('runs cases on workers, stopping one that hangs and replacing one that crashes', async () => {
    const cases = [0, 1, 2, 3, 4].map(located);
    const seen: number[] = [];
    const results = await runOnWorkers(cases, 2, 200, pathToFileURL(script), {
      onResult: (_r, i) => seen.push(i),
      graceMs: 300,
    });
    expect(results.map((r) => r.name)).toEqual(['case 0', 'case 1', 'case 2', 'case 3', 'case 4']);
    expect(results.map((r) => r.status)).toEqual(['passed', 'error', 'passed', 'error', 'passed']);
    expect(results[1]!.error).toMatch(/time limit of 0.2 s exceeded \(the case did not yield/);
    expect(results[3]!.error).toMatch(/worker crashed: boom/);
    expect(results[0]!.outputs[0]!.key!.toString()).toBe('12345678901234567890');
    expect(results[0]!.outputs[0]!.timestamp).toBe(5);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  }, 20_000);
});
