/**
 * Brings a query's state back before it resumes: stores are rebuilt from their changelog
 * topics, and a materialized table source from its own topic, read up to the positions the
 * query had committed (what it had seen when it stopped).
 */
import type { Log } from '../log/log.js';
import { AggregateOperator } from './operators/aggregate.js';
import type { Pipeline } from './operator-factory.js';
import { BatchContext } from './processing-log-writer.js';

export async function restoreState(pipeline: Pipeline, log: Log, positions: readonly number[]): Promise<void> {
  for (const op of pipeline.operators) {
    if (op instanceof AggregateOperator) {
      await op.store.restore(log);
      op.restored();
    }
  }
  const table = pipeline.tableSource;
  if (!table) return;
  const topic = pipeline.sourceNode.topic;
  const starts = await log.startOffsets(topic);
  const quiet = new BatchContext('restore');
  for (let partition = 0; partition < positions.length; partition++) {
    let offset = starts[partition] ?? 0;
    const until = positions[partition]!;
    while (offset < until) {
      const records = (await log.read(topic, partition, offset, Math.min(5000, until - offset))).filter(
        (r) => r.offset < until,
      );
      if (records.length === 0) break;
      table.restore(pipeline.decoder.decode(records, quiet));
      offset = records[records.length - 1]!.offset + 1;
    }
  }
}
