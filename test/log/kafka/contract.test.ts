/** The Log contract (the same tests as the embedded log's) against a real Kafka broker. */
import { describe, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { logContract, uniqueNames } from '../contract/log-contract.js';
import { announceSkip, kafkaTarget } from './broker.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/contract.test.ts');

if (target.brokers) {
  const brokers = target.brokers;
  logContract({
    name: 'kafka',
    open: () => openKafkaLog({ brokers, clientId: 'streamsql-contract-test' }),
    unique: uniqueNames(),
  });
} else {
  describe.skip('kafka log contract', () => it.skip(target.skip ?? 'skipped', () => undefined));
}
