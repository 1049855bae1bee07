/**
 * The user's path: `streamsql run examples/pageviews.sql --bootstrap-servers HOST:PORT` prints the
 * rows that the same command prints on the embedded log. The example's topics and the command
 * topic have fixed names, so this runs on a broker of its own, fresh each time
 * (127.0.0.1:49092, state under .kafka/cli-test), started with test/kafka/start.sh.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip, kafkaTarget, REPO_ROOT } from './broker.js';
import { toolsMissing } from './kafka-tools.js';

const exec = promisify(execFile);
const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/cli.test.ts');
const BIN = path.join(REPO_ROOT, 'bin/streamsql.js');
const built = fs.existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'));
const missing = target.skip ?? toolsMissing() ?? (built ? undefined : 'run `npm run build` first');
if (!target.skip && missing) console.warn(`test/log/kafka/cli.test.ts: skipped: ${missing}`);
const BROKER = ['--name', 'cli-test', '--port', '49092'];
const SCRIPTS = path.join(REPO_ROOT, 'test/kafka');

describe.skipIf(missing !== undefined)('streamsql run on Kafka', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-cli-kafka-'));
  beforeAll(async () => {
    await exec(path.join(SCRIPTS, 'start.sh'), [...BROKER, '--fresh'], { timeout: 180_000 });
  }, 200_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await exec(path.join(SCRIPTS, 'stop.sh'), BROKER, { timeout: 120_000 });
  }, 130_000);

  it('prints the embedded log’s rows for examples/pageviews.sql', async () => {
    const example = path.join(REPO_ROOT, 'examples/pageviews.sql');
    const embedded = await exec(process.execPath, [BIN, 'run', example, '--data-dir', dir]);
    const kafka = await exec(process.execPath, [
      BIN,
      'run',
      example,
      '--bootstrap-servers',
      '127.0.0.1:49092',
    ]);
    expect(embedded.stdout.trim().length).toBeGreaterThan(0);
    expect(kafka.stdout).toBe(embedded.stdout);
  }, 120_000);
});
