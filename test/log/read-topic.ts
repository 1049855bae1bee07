/** Reading a whole topic back in tests, every partition from its first offset to its end. */
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { Log, LogRecord } from '../../src/log/log.js';

/** Every committed record of `topic`, partition by partition, in offset order. */
export async function readTopic(log: Log, topic: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  const ends = await log.endOffsets(topic);
  for (let p = 0; p < ends.length; p++) {
    for (let offset = 0; offset < ends[p]!;) {
      const batch = await log.read(topic, p, offset, 10_000);
      if (batch.length === 0) break;
      out.push(...batch);
      offset = batch[batch.length - 1]!.offset + 1;
    }
  }
  return out;
}

/** The same, from the embedded log of a data directory no process has open. */
export async function readTopicOf(dir: string, topic: string): Promise<LogRecord[]> {
  const log = await openEmbeddedLog(dir, { fsync: 'never' });
  try {
    return await readTopic(log, topic);
  } finally {
    await log.close();
  }
}
