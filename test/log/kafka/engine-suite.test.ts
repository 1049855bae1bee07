/**
 * The engine suite on Kafka: every test of test/engine/*.test.ts, unchanged, with its engines on
 * a real broker instead of the embedded log. Each test engine's directory becomes a topic prefix
 * of its own (`PrefixedLog`, the same prefix when a test reopens the same directory), so the
 * suite's fixed topic names never meet on a shared broker.
 */
import * as path from 'node:path';
import { describe, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { PrefixedLog } from '../../../src/log/kafka/prefixed-log.js';
import { useLogBackend } from '../../engine/helpers.js';
import { uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/engine-suite.test.ts');

if (target.brokers) {
  const brokers = target.brokers;
  const unique = uniqueNames();
  const prefixes = new Map<string, string>();
  useLogBackend(async (dir) => {
    let prefix = prefixes.get(dir);
    if (prefix === undefined) prefixes.set(dir, (prefix = `${unique(path.basename(dir))}.`));
    const log = await openKafkaLog({ brokers, serviceId: prefix.slice(0, -1) });
    return new PrefixedLog(log, prefix);
  });
  // Vite's glob import: the engine test files as they are, registered in this file's suite.
  const suites = (
    import.meta as unknown as { glob(pattern: string): Record<string, () => Promise<unknown>> }
  ).glob('../../engine/*.test.ts');
  for (const file of Object.keys(suites).sort()) {
    await describe(`on Kafka: ${path.basename(file)}`, async () => {
      await suites[file]!();
    });
  }
} else {
  describe.skip('the engine suite on Kafka', () =>
    it.skip(target.skip ?? 'skipped', () => undefined));
}
