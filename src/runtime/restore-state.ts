/**
 * Brings a query's state back before it resumes: stores are rebuilt from their changelog
 * topics (each task's store from its partition), and a materialized table source from its own
 * topic, read up to the positions the query had committed (what it had seen when it stopped).
 * A process that owns some of the query's tasks (Kafka scale-out) restores only those. With a
 * state directory, stores and table sources keep files there and read only what came after the
 * files' checkpoints.
 */
import type { Log } from '../log/log.js';
import { BatchContext } from './processing-log-writer.js';
import type { QueryTasks } from './query-tasks.js';
import type { QueryStateDir } from './state/query-state-dir.js';
import type { Topology } from './topology.js';

export async function restoreState(
  tasks: QueryTasks,
  log: Log,
  positions: readonly (readonly number[])[],
  owns: (task: number) => boolean = () => true,
  state?: QueryStateDir,
): Promise<void> {
  for (const [index, topology] of tasks.instances.entries()) {
    if (!owns(index)) continue;
    await restoreTask(topology, index, tasks, log, positions, state);
  }
}

async function restoreTask(
  topology: Topology,
  index: number,
  tasks: QueryTasks,
  log: Log,
  positions: readonly (readonly number[])[],
  state: QueryStateDir | undefined,
): Promise<void> {
  const quiet = new BatchContext('restore');
  for (const sub of topology.subTopologies) {
    const serves = tasks.serves(index, sub);
    if (serves === 'none') continue;
    for (const op of sub.operators) await op.restore?.(log, state);
    for (const i of sub.paths) {
      const path = topology.paths[i]!;
      const table = path.tableSource;
      if (!table) continue;
      const topic = path.topic;
      const starts = await log.startOffsets(topic);
      const until = positions[i]!;
      const partitions = serves === 'all' ? until.map((_u, p) => p) : [index];
      const from = new Map(partitions.map((p) => [p, starts[p] ?? 0]));
      const ends = new Map(partitions.map((p) => [p, until[p] ?? 0]));
      const resume = state
        ? await table.useDisk(state, `TableSource-path${i}-task${index}`, topic, from, ends)
        : from;
      for (const partition of partitions) {
        let offset = resume.get(partition)!;
        const end = ends.get(partition)!;
        while (offset < end) {
          const records = (
            await log.read(topic, partition, offset, Math.min(5000, end - offset))
          ).filter((r) => r.offset < end);
          if (records.length === 0) break;
          table.replay(path.decoder.decode(records, quiet));
          offset = records[records.length - 1]!.offset + 1;
        }
      }
      table.restored();
    }
  }
}
