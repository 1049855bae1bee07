/**
 * Scale-out on Kafka at the Log level: two processes join one consumer group through
 * `KafkaLog.subscribe` and share a 6-partition topic, each copying its partitions to an output
 * topic in transactions with the input offsets (as a query's tasks do). One is killed (SIGKILL)
 * mid-run; the other is assigned its partitions, fences it, and the output ends up holding every
 * input record exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { drain, record, text, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget, REPO_ROOT } from './broker.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/group.test.ts');
const BUILT = path.join(REPO_ROOT, 'dist/log/kafka/kafka-log.js');
const missing = fs.existsSync(BUILT) ? undefined : 'dist/ is not built: run `npm run build`';
if (!target.skip && missing) console.warn(`test/log/kafka/group.test.ts: skipped: ${missing}`);
const unique = uniqueNames();
const WORKER = path.join(REPO_ROOT, 'test/log/kafka/group-worker.mjs');

interface Worker {
  readonly child: ChildProcess;
  assigned: number[];
  readonly lines: string[];
}

const workers: Worker[] = [];
afterAll(() => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
});

function startWorker(args: readonly string[]): Worker {
  const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const worker: Worker = { child, assigned: [], lines: [] };
  let buffered = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      worker.lines.push(line);
      const message = JSON.parse(line) as { assigned?: number[] };
      if (message.assigned) worker.assigned = message.assigned;
    }
  });
  child.stderr!.on('data', (d: Buffer) => worker.lines.push(`stderr: ${d.toString()}`));
  workers.push(worker);
  return worker;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting until ${what}:\n${workers.map((w) => w.lines.join('\n')).join('\n--\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(target.brokers === undefined || missing !== undefined)('kafka scale-out', () => {
  const brokers = target.brokers ?? [];

  it('two processes share a group’s partitions; one is killed; the output is complete and has no duplicates', async () => {
    const log = await openKafkaLog({ brokers });
    const input = unique('scale-in');
    const output = unique('scale-out');
    const group = unique('scale-query');
    const serviceId = unique('scale-svc');
    await log.createTopic(input, { partitions: 6 });
    await log.createTopic(output, { partitions: 6 });
    const produce = (from: number, count: number) =>
      log.append(
        input,
        Array.from({ length: count }, (_, i) => record(`key-${(from + i) % 97}`, `v${from + i}`)),
      );
    await produce(0, 3000);
    const args = [brokers.join(','), serviceId, group, input, output];
    const a = startWorker(args);
    await until('the first process owns all six partitions', () => a.assigned.length === 6);
    const b = startWorker(args);
    await until(
      'the partitions are shared',
      () =>
        a.assigned.length + b.assigned.length === 6 &&
        a.assigned.length > 0 &&
        b.assigned.length > 0,
    );
    expect(new Set([...a.assigned, ...b.assigned]).size).toBe(6);
    const outputCount = async () => (await drain(log, output)).records.length;
    await until('some output was written', async () => (await outputCount()) >= 600);
    a.child.kill('SIGKILL');
    await produce(3000, 1500);
    await until('the survivor owns all six partitions', () => b.assigned.length === 6);
    await until('all input was copied', async () => (await outputCount()) >= 4500, 90_000);
    await new Promise((r) => setTimeout(r, 1000));
    const values = (await drain(log, output)).records.map((r) => text(r.value)!);
    expect(values).toHaveLength(4500);
    expect(new Set(values).size).toBe(4500);
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
    await log.close();
  }, 180_000);
});
