/**
 * Brings a query's state back before it resumes: stores are rebuilt from their changelog
 * topics, and a materialized table source from its own topic, read up to the positions the
 * query had committed (what it had seen when it stopped).
 */
import type { Log } from '../log/log.js';
import { BatchContext } from './processing-log-writer.js';
import type { Topology } from './topology.js';

export async function restoreState(
  topology: Topology,
  log: Log,
  positions: readonly (readonly number[])[],
): Promise<void> {
  for (const op of topology.operators) {
    await op.restore?.(log);
  }
  const quiet = new BatchContext('restore');
  for (const [i, path] of topology.paths.entries()) {
    const table = path.tableSource;
    if (!table) continue;
    const topic = path.node.topic;
    const starts = await log.startOffsets(topic);
    const until = positions[i]!;
    for (let partition = 0; partition < until.length; partition++) {
      let offset = starts[partition] ?? 0;
      const end = until[partition]!;
      while (offset < end) {
        const records = (
          await log.read(topic, partition, offset, Math.min(5000, end - offset))
        ).filter((r) => r.offset < end);
        if (records.length === 0) break;
        table.replay(path.decoder.decode(records, quiet));
        offset = records[records.length - 1]!.offset + 1;
      }
    }
  }
}
