/**
 * Finding the Kafka broker the Kafka tests run against: `STREAMSQL_KAFKA=host:port[,…]` (set by
 * `.ci/kafka.sh`, or by hand after `npm run kafka:start`). Without it, or when nothing answers
 * there, the tests are skipped with a message saying how to run them; with
 * `STREAMSQL_KAFKA_REQUIRED=1` (CI) an unreachable broker fails them instead.
 */
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface KafkaTarget {
  /** Bootstrap servers, when a broker answers. */
  readonly brokers: string[] | undefined;
  /** Why the tests are skipped, when they are. */
  readonly skip: string | undefined;
}

/** Whether something accepts TCP connections at host:port within the timeout. */
export function reachable(server: string, timeoutMs = 1500): Promise<boolean> {
  const at = server.lastIndexOf(':');
  const host = server.slice(0, at) || '127.0.0.1';
  const port = Number(server.slice(at + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The broker from STREAMSQL_KAFKA, probed once. */
export async function kafkaTarget(): Promise<KafkaTarget> {
  const setting = process.env['STREAMSQL_KAFKA'];
  if (!setting) {
    return {
      brokers: undefined,
      skip: 'Kafka tests skipped: set STREAMSQL_KAFKA=127.0.0.1:9092 after `npm run kafka:start` to run them',
    };
  }
  const brokers = setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const up = await Promise.all(brokers.map((b) => reachable(b)));
  if (up.some(Boolean)) return { brokers, skip: undefined };
  const message = `no Kafka broker answers at STREAMSQL_KAFKA=${setting} (start one with \`npm run kafka:start\`)`;
  if (process.env['STREAMSQL_KAFKA_REQUIRED'] === '1') throw new Error(message);
  return { brokers: undefined, skip: `Kafka tests skipped: ${message}` };
}

/** Warns once per file that its tests are skipped, and why. */
export function announceSkip(target: KafkaTarget, file: string): void {
  if (target.skip) console.warn(`${file}: ${target.skip}`);
}
