/**
 * How long a store file may stay behind its changelog and still be caught up by replaying from
 * its checkpoint. Kafka compacts changelogs and removes a tombstone `delete.retention.ms` (24 h
 * by default) after compacting it: a file that last caught up longer ago than that might miss a
 * delete (its key would come back), so it is rebuilt from the changelog instead. Every record
 * after a checkpoint was written after the checkpoint's time (the store wrote up to it, or read
 * the changelog to its end), so the tombstones a replay needs are there while the file is
 * younger. Half the retention is allowed, for clocks that differ between this machine and the
 * brokers. The embedded log does not compact: no limit.
 */
import type { Log } from '../../log/log.js';

/** Kafka's default `delete.retention.ms` (`log.cleaner.delete.retention.ms`). */
const KAFKA_DEFAULT_MS = 24 * 60 * 60 * 1000;

export async function catchUpWindowMs(log: Log, topic: string): Promise<number | undefined> {
  if (log.backend !== 'kafka') return undefined;
  const info = await log.describeTopic(topic);
  // Only configs set on the topic are described: without one, the broker's default is assumed.
  const set = Number(info?.config['delete.retention.ms']);
  const retention = Number.isFinite(set) && set >= 0 ? set : KAFKA_DEFAULT_MS;
  return retention / 2;
}
