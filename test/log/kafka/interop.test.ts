/**
 * Interop with an independent client: Kafka's own console consumer reads what streamsql writes,
 * and streamsql reads what Kafka's console producer writes, with the same key bytes, values,
 * headers and partitions (murmur2, as Java's default partitioner).
 */
import { describe, expect, it } from 'vitest';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { partitionForKey } from '../../../src/log/partitioner.js';
import { drain, record, text, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';
import { consoleConsume, consoleProduce, toolsMissing } from './kafka-tools.js';

const target = await kafkaTarget();
const missing = target.skip ?? toolsMissing();
if (target.skip) announceSkip(target, 'test/log/kafka/interop.test.ts');
else if (missing) console.warn(`test/log/kafka/interop.test.ts: skipped: ${missing}`);
const unique = uniqueNames();

describe.skipIf(missing !== undefined)('kafka interop with Kafka’s console tools', () => {
  const brokers = target.brokers ?? [];
  const bootstrap = brokers.join(',');

  it('the console consumer reads streamsql’s records: keys, values, headers, partitions', async () => {
    const log = await openKafkaLog({ brokers });
    const t = unique('interop-out');
    await log.createTopic(t, { partitions: 4 });
    const appended = Array.from({ length: 40 }, (_, i) => ({
      ...record(`user-${i}`, `{"n":${i}}`, 1_700_000_000_000 + i),
      ...(i % 10 === 0 ? { headers: [{ key: 'source', value: Buffer.from('streamsql') }] } : {}),
    }));
    const placed = await log.append(t, appended);
    const tx = log.transaction();
    tx.append(
      t,
      Array.from({ length: 10 }, (_, i) => record(`tx-${i}`, `committed ${i}`)),
    );
    await tx.commit();
    const aborted = log.transaction();
    aborted.append(t, [record('gone', 'never seen')]);
    aborted.abort();
    const seen = await consoleConsume(bootstrap, t, 50);
    expect(seen).toHaveLength(50);
    const byKey = new Map(seen.map((r) => [r.key, r]));
    appended.forEach((r, i) => {
      const got = byKey.get(text(r.key)!)!;
      expect(got.value).toBe(text(r.value));
      expect(got.partition).toBe(placed[i]!.partition);
      expect(got.offset).toBe(placed[i]!.offset);
      expect(got.headers).toBe(i % 10 === 0 ? 'source:streamsql' : 'NO_HEADERS');
    });
    for (const r of seen) expect(r.partition).toBe(partitionForKey(Buffer.from(r.key), 4));
    expect(seen.filter((r) => r.key.startsWith('tx-'))).toHaveLength(10);
    await log.close();
  });

  it('the console consumer decodes KAFKA-format INT keys to the same partitions', async () => {
    const log = await openKafkaLog({ brokers });
    const t = unique('interop-int');
    await log.createTopic(t, { partitions: 5 });
    const ints = [0, 1, -1, 42, 2147483647, -2147483648, 1000, 7];
    const records = ints.map((n) => {
      const key = Buffer.alloc(4);
      key.writeInt32BE(n);
      return { key, value: Buffer.from(String(n)), timestamp: Date.now() };
    });
    const placed = await log.append(t, records);
    const seen = await consoleConsume(bootstrap, t, ints.length, [
      '--key-deserializer',
      'org.apache.kafka.common.serialization.IntegerDeserializer',
    ]);
    expect(seen.map((r) => Number(r.key)).sort((a, b) => a - b)).toEqual(
      [...ints].sort((a, b) => a - b),
    );
    for (const r of seen) {
      const i = ints.indexOf(Number(r.key));
      expect(r.partition).toBe(placed[i]!.partition);
      expect(r.value).toBe(r.key);
    }
    await log.close();
  });

  it('streamsql reads what the console producer writes, where Java’s partitioner put it', async () => {
    const log = await openKafkaLog({ brokers });
    const t = unique('interop-in');
    await log.createTopic(t, { partitions: 6 });
    const lines = Array.from({ length: 60 }, (_, i) => `key-${i % 17}:value-${i}`);
    await consoleProduce(bootstrap, t, lines);
    const { records } = await drain(log, t);
    expect(records).toHaveLength(60);
    for (const r of records) expect(r.partition).toBe(partitionForKey(r.key!, 6));
    for (let k = 0; k < 17; k++) {
      const values = records.filter((r) => text(r.key) === `key-${k}`).map((r) => text(r.value));
      const sent = lines.filter((l) => l.startsWith(`key-${k}:`)).map((l) => l.split(':')[1]);
      expect(values).toEqual(sent);
    }
    await log.close();
  });
});
