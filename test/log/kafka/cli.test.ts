/**
 * The user's path: `streamsql run examples/pageviews.sql --bootstrap-servers HOST:PORT` prints the
 * rows that the same command prints on the embedded log (`--data-dir` of its own), and a second
 * run against the same broker behaves as a second run on the same data directory: the broker,
 * like the directory, still holds the streams, so the script is refused in the same words. Runs
 * on the shared test broker under a service id of its own (`--service-id`: its own command
 * topic); the example's source and sink topics have fixed names, so the test deletes them first.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget, REPO_ROOT } from './broker.js';

const exec = promisify(execFile);
const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/cli.test.ts');
const BIN = path.join(REPO_ROOT, 'bin/streamsql.js');
const EXAMPLE = path.join(REPO_ROOT, 'examples/pageviews.sql');
const EXAMPLE_TOPICS = ['pageviews', 'long_views'];
const built = fs.existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'));
const missing = target.skip ?? (built ? undefined : 'run `npm run build` first');
if (!target.skip && missing) console.warn(`test/log/kafka/cli.test.ts: skipped: ${missing}`);
const unique = uniqueNames();

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function streamsql(args: readonly string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe.skipIf(missing !== undefined)('streamsql run on Kafka', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-cli-kafka-'));
  // The Kafka runs' state store files.
  const kafkaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-cli-kafka-state-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(kafkaDir, { recursive: true, force: true });
  });

  it('prints the embedded log’s rows for examples/pageviews.sql, and refuses a second run alike', async () => {
    const bootstrap = (target.brokers ?? []).join(',');
    const log = await openKafkaLog({ brokers: target.brokers ?? [] });
    for (const topic of EXAMPLE_TOPICS) {
      if (await log.describeTopic(topic)) await log.deleteTopic(topic);
    }
    await log.close();
    const kafka = [
      ...['--bootstrap-servers', bootstrap, '--service-id', unique('cli_')],
      ...['--data-dir', kafkaDir],
    ];
    const embedded = await streamsql(['run', EXAMPLE, '--data-dir', dir]);
    expect(embedded.code).toBe(0);
    expect(embedded.stdout).toMatch(/\| carol +\| \/docs\/intro +\| docs +\| 15\.0 +\|/);
    expect(await streamsql(['run', EXAMPLE, ...kafka])).toEqual(embedded);

    const embeddedAgain = await streamsql(['run', EXAMPLE, '--data-dir', dir]);
    expect(embeddedAgain.code).toBe(1);
    expect(embeddedAgain.stderr).toMatch(/A stream with the same name already exists/);
    expect(await streamsql(['run', EXAMPLE, ...kafka])).toEqual(embeddedAgain);
  }, 120_000);
});
