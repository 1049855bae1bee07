/**
 * Kafka's own command-line tools (console producer and consumer) from the jars that
 * `test/kafka/install.sh` copies from Maven Central, run as Java processes: an independent
 * client to check streamsql's records against.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './broker.js';

const LIBS = path.join(REPO_ROOT, 'test/kafka/target/kafka-libs');
const LOG4J = path.join(REPO_ROOT, 'test/kafka/log4j-tools.properties');

export const CONSOLE_PRODUCER = 'kafka.tools.ConsoleProducer';
export const CONSOLE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';

/** Why Kafka's tools cannot run here, or undefined when they can. */
export function toolsMissing(): string | undefined {
  if (!fs.existsSync(LIBS) || !fs.readdirSync(LIBS).some((f) => f.startsWith('kafka-tools-'))) {
    return `Kafka's jars are not in ${LIBS}: run test/kafka/install.sh (needs Maven)`;
  }
  return undefined;
}

export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a main class of Kafka's jars, feeding `input` on stdin. */
export function runKafkaTool(
  mainClass: string,
  args: readonly string[],
  input = '',
  timeoutMs = 60_000,
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'java',
      [`-Dlog4j.configuration=file:${LOG4J}`, '-cp', `${LIBS}/*`, mainClass, ...args],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** A record as the console consumer prints it with partition, offset, headers, key and value. */
export interface ConsoleRecord {
  readonly partition: number;
  readonly offset: number;
  readonly headers: string;
  readonly key: string;
  readonly value: string;
}

/**
 * Reads `count` records of a topic with Kafka's console consumer (`read_committed`), printing
 * `Partition:P|Offset:O|HEADERS|KEY|VALUE` lines.
 */
export async function consoleConsume(
  bootstrap: string,
  topic: string,
  count: number,
  extra: readonly string[] = [],
): Promise<ConsoleRecord[]> {
  const result = await runKafkaTool(CONSOLE_CONSUMER, [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--from-beginning',
    '--max-messages',
    String(count),
    '--timeout-ms',
    '20000',
    '--isolation-level',
    'read_committed',
    '--property',
    'print.key=true',
    '--property',
    'key.separator=|',
    '--property',
    'print.partition=true',
    '--property',
    'print.offset=true',
    '--property',
    'print.headers=true',
    ...extra,
  ]);
  const records: ConsoleRecord[] = [];
  for (const line of result.stdout.split('\n')) {
    const m = /^Partition:(\d+)\|Offset:(\d+)\|([^|]*)\|([^|]*)\|(.*)$/.exec(line);
    if (m) {
      records.push({
        partition: Number(m[1]),
        offset: Number(m[2]),
        headers: m[3]!,
        key: m[4]!,
        value: m[5]!,
      });
    }
  }
  if (records.length === 0 && result.code !== 0) {
    throw new Error(`the console consumer failed (${result.code}): ${result.stderr}`);
  }
  return records;
}

/** Writes `key:value` lines to a topic with Kafka's console producer (`acks=all`). */
export async function consoleProduce(
  bootstrap: string,
  topic: string,
  lines: readonly string[],
): Promise<void> {
  const result = await runKafkaTool(
    CONSOLE_PRODUCER,
    [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      topic,
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=:',
      '--producer-property',
      'acks=all',
    ],
    lines.map((l) => `${l}\n`).join(''),
  );
  if (result.code !== 0) {
    throw new Error(`the console producer failed (${result.code}): ${result.stderr}`);
  }
}
