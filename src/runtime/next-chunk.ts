/**
 * Which records a query processes next: the batch of the partition whose next record is
 * oldest. When the query reads several sources (joins), only up to the next record of another
 * source, so the sources' records meet in timestamp order, as Kafka Streams chooses among a
 * task's partitions; partitions of one source are independent and go batch by batch, and so
 * are inputs that never meet in one task (`meet`: a query's sub-topologies, apart).
 */
import type { LogRecord } from '../log/log.js';
import type { SourceCursor } from './source-cursor.js';

export interface Chunk {
  readonly path: number;
  readonly partition: number;
  readonly records: readonly LogRecord[];
}

export async function nextChunk(
  cursors: readonly SourceCursor[],
  meet: (a: number, b: number) => boolean = () => true,
): Promise<Chunk | undefined> {
  const heads: Chunk[] = [];
  for (const [path, cursor] of cursors.entries()) {
    for (let partition = 0; partition < cursor.partitions; partition++) {
      const records = await cursor.read(partition);
      if (records.length > 0) heads.push({ path, partition, records });
    }
  }
  if (heads.length <= 1) return heads[0];
  heads.sort((a, b) => a.records[0]!.timestamp - b.records[0]!.timestamp || a.path - b.path);
  const first = heads[0]!;
  const other = heads.find((h) => h.path !== first.path && meet(h.path, first.path));
  if (!other) return first;
  const limit = other.records[0]!.timestamp;
  let n = 1;
  while (n < first.records.length && first.records[n]!.timestamp <= limit) n++;
  return { ...first, records: first.records.slice(0, n) };
}
