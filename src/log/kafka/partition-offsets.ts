/**
 * A topic's offsets per partition as `read_committed` consumers see them: the first offset still
 * stored, and the last stable offset (the high watermark, held back by open transactions).
 * One ListOffsets request per leader, retried across leader changes.
 */
import { retrying } from './kafka-errors.js';
import type { TopicMetadata } from './topic-metadata.js';

const READ_COMMITTED = 1;
const LATEST = -1;
const EARLIEST = -2;

export class PartitionOffsets {
  constructor(private readonly metadata: TopicMetadata) {}

  /** Per partition, the last stable offset. */
  latest(topic: string): Promise<number[]> {
    return this.list(topic, LATEST);
  }

  /** Per partition, the log start offset. */
  earliest(topic: string): Promise<number[]> {
    return this.list(topic, EARLIEST);
  }

  private list(topic: string, timestamp: number): Promise<number[]> {
    return retrying(
      `cannot list the offsets of topic ${topic}`,
      { topic },
      async () => {
        const count = (await this.metadata.partitions(topic)).length;
        const ids = Array.from({ length: count }, (_, i) => i);
        const byLeader = await this.metadata.leaders(topic, ids);
        const out = new Array<number>(count).fill(0);
        await Promise.all(
          Object.entries(byLeader).map(async ([nodeId, partitions]) => {
            const broker = await this.metadata.broker(nodeId);
            const { responses } = await broker.listOffsets({
              isolationLevel: READ_COMMITTED,
              topics: [
                { topic, partitions: partitions.map((partition) => ({ partition, timestamp })) },
              ],
            });
            for (const response of responses) {
              for (const p of response.partitions) out[p.partition] = Number(p.offset);
            }
          }),
        );
        return out;
      },
      { beforeRetry: () => this.metadata.refresh() },
    );
  }
}
