import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedLog, type EmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { compileForChild } from './compile-for-child.js';
import { readAll, scratchDir } from './helpers.js';

let compiled = '';
let childScript = '';

beforeAll(() => {
  compiled = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-child-'));
  compileForChild(compiled, ['src/log', 'src/common', 'test/log/embedded/fixtures']);
  childScript = path.join(compiled, 'test/log/embedded/fixtures/crash-child.js');
});

afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

/**
 * Runs the child and SIGKILLs it `delayMs` after it is ready (or after it starts, while it
 * recovers, when `duringStartup`); fails if it died on its own.
 */
async function runAndKill(
  dir: string,
  fsync: string,
  delayMs: number,
  duringStartup: boolean,
): Promise<void> {
  const child = spawn(process.execPath, [childScript, dir, fsync], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const kill = (): void => void setTimeout(() => child.kill('SIGKILL'), delayMs);
  if (duringStartup) kill();
  else child.stdout.once('data', kill);
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });
}

/**
 * What is wrong with the log after a crash, if anything: every transaction below the committed
 * offset must be visible whole, none above it at all, and offsets must have no gaps.
 */
async function problems(log: EmbeddedLog): Promise<{ committed: number; problems: string[] }> {
  const committed = (await log.committedOffsets('g', 'in')).get(0) ?? 0;
  const found: string[] = [];
  if (!(await log.describeTopic('out-b'))) {
    if (committed !== 0) found.push(`offset ${committed} committed without topics`);
    return { committed, problems: found };
  }
  const ids = (await readAll(log, 'out-b', 0)).map((r) => Number(r.value!.toString()));
  if (ids.length !== committed || ids.some((id, i) => id !== i)) {
    found.push(`out-b holds ids ${ids.join(',')} with offset ${committed} committed`);
  }
  const seen = new Map<number, { n: number; parts: Set<number> }>();
  for (let p = 0; p < 3; p++) {
    const records = await readAll(log, 'out-a', p, 500);
    records.forEach((r, i) => {
      if (r.offset !== i) found.push(`out-a/${p} has offset ${r.offset} at index ${i}`);
      const { id, j, n } = JSON.parse(r.value!.toString()) as { id: number; j: number; n: number };
      if (r.key!.toString() !== `${id}-${j}`) found.push(`out-a/${p}@${r.offset} has a wrong key`);
      const tx = seen.get(id) ?? { n, parts: new Set<number>() };
      if (tx.parts.has(j)) found.push(`record ${id}-${j} appears twice`);
      tx.parts.add(j);
      seen.set(id, tx);
    });
  }
  if (seen.size !== committed) found.push(`${seen.size} transactions seen, ${committed} committed`);
  for (const [id, tx] of seen) {
    if (id >= committed) found.push(`transaction ${id} is visible but not committed`);
    if (tx.parts.size !== tx.n) found.push(`transaction ${id} has ${tx.parts.size} of ${tx.n}`);
  }
  return { committed, problems: found };
}

describe('embedded log under SIGKILL', () => {
  it('keeps every transaction all-or-nothing and offsets matching records, kill after kill', async () => {
    const dir = scratchDir();
    const modes = ['batch', 'always', 'never'];
    let last = 0;
    for (let round = 0; round < 12; round++) {
      const duringStartup = round % 4 === 3;
      const delay = Math.floor(Math.random() * (duringStartup ? 300 : 400));
      await runAndKill(dir, modes[round % modes.length]!, delay, duringStartup);
      const log = await openEmbeddedLog(dir, { fsync: 'never' });
      const { committed, problems: found } = await problems(log);
      expect(found).toEqual([]);
      expect(committed).toBeGreaterThanOrEqual(last);
      last = committed;
      await log.close();
    }
    expect(last).toBeGreaterThan(50);
  }, 120_000);
});
