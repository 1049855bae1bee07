/**
 * Real `streamsql` processes for the scale-out tests: spawning them on a broker under one
 * service id, waiting on what they do, and reading which partitions the members of a query's
 * consumer group were assigned.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Admin, AssignerProtocol } from 'kafkajs';
import { REPO_ROOT } from './broker.js';

export const BIN = path.join(REPO_ROOT, 'bin/streamsql.js');
export const BUILT = fs.existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'));

export interface Process {
  readonly child: ChildProcess;
  readonly output: string[];
}

/** Where a test's scripts go, and the processes it started (all killed by `cleanUp`). */
export class Processes {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-scale-out-'));
  private readonly started: Process[] = [];
  /** What the last look at a group saw, for messages. */
  lastSeen = '';

  /** An empty script: a process that only replays the command topic and runs what it finds. */
  readonly emptyScript = this.script('empty.sql', '');

  script(file: string, text: string): string {
    const at = path.join(this.dir, file);
    fs.writeFileSync(at, text);
    return at;
  }

  /**
   * Starts `streamsql` with `args`; without a `--data-dir` in them, with one of its own (as two
   * processes on one machine need, for their state store files).
   */
  spawn(args: readonly string[]): Process {
    const dataDir = args.includes('--data-dir')
      ? []
      : ['--data-dir', path.join(this.dir, `data-${this.started.length}`)];
    const child = spawn(process.execPath, [BIN, ...args, ...dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: Process = { child, output: [] };
    child.stdout!.on('data', (d: Buffer) => p.output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => p.output.push(d.toString()));
    this.started.push(p);
    return p;
  }

  async until(what: string, check: () => Promise<boolean>, ms = 90_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) {
        const logs = this.started.map((p, i) => `process ${i}:\n${p.output.join('')}`).join('\n');
        throw new Error(`timed out waiting until ${what} (${this.lastSeen})\n${logs}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Per member of the group: its partitions of each topic; none until the group is Stable. */
  async members(admin: Admin, group: string): Promise<Record<string, number[]>[]> {
    const { groups } = await admin.describeGroups([group]);
    const assigned = (groups[0]?.members ?? []).map(
      (m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {},
    );
    this.lastSeen = `${group} ${groups[0]?.state}: ${JSON.stringify(assigned)}`;
    return groups[0]?.state === 'Stable' ? assigned : [];
  }

  cleanUp(): void {
    for (const p of this.started) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `run --follow` on the brokers under one service id. */
export function followArgs(brokers: readonly string[], serviceId: string): string[] {
  return ['--follow', '--bootstrap-servers', brokers.join(','), '--service-id', serviceId];
}

/** Whether a process has recorded its query in the command topic: it says `Created query` after. */
export const recorded = (p: Process, queryId: string) =>
  p.output.join('').includes(`Created query with ID ${queryId}`);

/** A KAFKA-format INT key. */
export const intKey = (n: number) => {
  const key = Buffer.alloc(4);
  key.writeInt32BE(n);
  return key;
};
