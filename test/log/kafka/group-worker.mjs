// A process of the scale-out test: joins a consumer group through `KafkaLog.subscribe` and copies
// the records of the partitions it owns from the input topic to the output topic, each batch in
// a transaction with its input offset, as a persistent query's task does. It prints its
// assignment and progress as JSON lines. Runs the built backend (dist/), like the CLI does.
// Usage: node group-worker.mjs BROKERS SERVICE_ID GROUP INPUT OUTPUT
import { openKafkaLog } from '../../../dist/log/kafka/kafka-log.js';

const [brokers, serviceId, group, input, output] = process.argv.slice(2);
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const log = await openKafkaLog({ brokers: brokers.split(','), serviceId });
const owned = new Map();
let stopping = false;

const subscription = await log.subscribe(
  group,
  [input],
  {
    onAssign: async (partitions) => {
      const committed = await log.committedOffsets(group, input);
      for (const { partition } of partitions) owned.set(partition, committed.get(partition) ?? 0);
      say({ assigned: [...owned.keys()].sort((a, b) => a - b) });
    },
    onRevoke: async (partitions) => {
      for (const { partition } of partitions) owned.delete(partition);
      say({ assigned: [...owned.keys()].sort((a, b) => a - b) });
    },
  },
  { sessionTimeoutMs: 6000 },
);

process.on('SIGTERM', () => {
  stopping = true;
});

while (!stopping) {
  let copied = 0;
  for (const [partition, position] of [...owned]) {
    const records = await log.read(input, partition, position, 20);
    if (records.length === 0) continue;
    const next = records[records.length - 1].offset + 1;
    const tx = log.transaction();
    tx.append(
      output,
      records.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })),
    );
    tx.commitOffset(group, { topic: input, partition }, next);
    try {
      await tx.commit();
      if (owned.has(partition)) owned.set(partition, next);
      copied += records.length;
    } catch (err) {
      if (!/fenced/.test(String(err))) throw err;
      owned.delete(partition);
      say({ fenced: partition });
    }
  }
  if (copied > 0) say({ copied });
  else await log.waitForRecords([input], 200);
}
await subscription.close();
await log.close();
say({ closed: true });
