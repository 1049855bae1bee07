/**
 * Reading one partition from any offset, on demand: a Fetch request (`read_committed`, no wait)
 * to the partition's leader, on the shared cluster's fetch connection, decoded by
 * `record-batches.ts`. When all a response holds is invisible (transaction markers, aborted
 * records), it fetches on from past them, so that `[]` means the end of committed records.
 */
import { ExecutionError } from '../../common/errors.js';
import type { LogRecord } from '../log.js';
import { decodeFetchResponse, type FetchedPartition, MIN_FETCH_VERSION } from './fetch-response.js';
import { OFFSET_OUT_OF_RANGE, PartitionError, retrying, TransientError } from './kafka-errors.js';
import { PartitionOffsets } from './partition-offsets.js';
import { FETCH_API_KEY, FETCH_REQUEST, type ProtocolRequest } from './kafkajs-internals.js';
import { decodeRecordSet } from './record-batches.js';
import type { TopicMetadata } from './topic-metadata.js';

const READ_COMMITTED = 1;
const MIN_PARTITION_BYTES = 64 * 1024;
const MAX_PARTITION_BYTES = 16 * 1024 * 1024;

/** What a read found, besides the records: the partition's offsets as the leader saw them. */
export interface ReadResult {
  readonly records: readonly LogRecord[];
  /** Where a reader that got these records goes on from (past skipped markers, too). */
  readonly nextOffset: number;
  readonly lastStableOffset: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
}

export class PartitionReader {
  private readonly offsets: PartitionOffsets;

  constructor(private readonly metadata: TopicMetadata) {
    this.offsets = new PartitionOffsets(metadata);
  }

  /** Up to `maxRecords` committed records from `offset`; no records at the end. */
  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
  ): Promise<ReadResult> {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new ExecutionError(`offset ${offset} is out of range for ${topic}/${partition}`, {
        topic,
        partition,
        offset,
      });
    }
    let bytes = partitionBytes(maxRecords);
    let from = offset;
    for (;;) {
      const fetched = await this.fetch(topic, partition, from, bytes);
      if (fetched.errorCode === OFFSET_OUT_OF_RANGE) {
        return this.outOfRange(topic, partition, from);
      }
      const empty: ReadResult = {
        records: [],
        nextOffset: from,
        lastStableOffset: fetched.lastStableOffset,
        highWatermark: fetched.highWatermark,
        logStartOffset: fetched.logStartOffset,
      };
      if (maxRecords <= 0 || fetched.records === null || fetched.records.length === 0) return empty;
      const decoded = await decodeRecordSet(fetched.records, {
        topic,
        partition,
        fetchOffset: from,
        maxRecords,
        abortedTransactions: fetched.abortedTransactions,
      });
      if (decoded.records.length > 0) {
        return { ...empty, records: decoded.records, nextOffset: decoded.nextOffset };
      }
      if (decoded.nextOffset > from) {
        from = decoded.nextOffset;
        if (from >= fetched.lastStableOffset) return { ...empty, nextOffset: from };
        continue;
      }
      if (decoded.truncated && bytes < MAX_PARTITION_BYTES) {
        bytes *= 4;
        continue;
      }
      return empty;
    }
  }

  /** Beyond the end reads nothing; before the start is an error, as in the embedded log. */
  private async outOfRange(topic: string, partition: number, offset: number): Promise<ReadResult> {
    const [starts, ends] = await Promise.all([
      this.offsets.earliest(topic),
      this.offsets.latest(topic),
    ]);
    const start = starts[partition] ?? 0;
    const end = ends[partition] ?? 0;
    if (offset >= start) {
      return {
        records: [],
        nextOffset: offset,
        lastStableOffset: end,
        highWatermark: end,
        logStartOffset: start,
      };
    }
    throw new ExecutionError(
      `offset ${offset} is out of range: ${topic}/${partition} holds offsets ${start} to ${end}`,
      { topic, partition, offset },
    );
  }

  /** One Fetch request for one partition, retried across leader changes. */
  private fetch(
    topic: string,
    partition: number,
    offset: number,
    maxBytes: number,
  ): Promise<FetchedPartition> {
    return retrying(
      `cannot read ${topic}/${partition} at offset ${offset}`,
      { topic, partition, offset },
      async () => {
        const broker = await this.metadata.leader(topic, partition);
        const build = broker.lookupRequest(FETCH_API_KEY, FETCH_REQUEST);
        const protocol = build({
          isolationLevel: READ_COMMITTED,
          maxWaitTime: 0,
          minBytes: 0,
          maxBytes: maxBytes + 1024,
          topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes }] }],
          rackId: '',
        });
        const version = protocol.request.apiVersion;
        if (version < MIN_FETCH_VERSION) {
          throw new ExecutionError(
            `the broker only supports Fetch v${version}; read_committed needs v4 (Kafka 0.11) or later`,
          );
        }
        const request: ProtocolRequest<ReturnType<typeof decodeFetchResponse>> = {
          request: protocol.request,
          response: {
            decode: async (payload) => decodeFetchResponse(payload, version),
            parse: async (decoded) => decoded,
          },
          ...(protocol.requestTimeout === undefined
            ? {}
            : { requestTimeout: protocol.requestTimeout }),
        };
        const response = await broker.connectionPool.send(request);
        const fetched = response.partitions.find(
          (p) => p.topic === topic && p.partition === partition,
        );
        if (!fetched) throw new TransientError(`no data for ${topic}/${partition} in the response`);
        if (fetched.errorCode !== 0 && fetched.errorCode !== OFFSET_OUT_OF_RANGE) {
          throw new PartitionError(fetched.errorCode, topic, partition);
        }
        return fetched;
      },
      { beforeRetry: () => this.metadata.refresh() },
    );
  }
}

/** Bytes to ask of a partition for `maxRecords` records: about 512 each, within bounds. */
function partitionBytes(maxRecords: number): number {
  return Math.min(Math.max(maxRecords * 512, MIN_PARTITION_BYTES), 4 * 1024 * 1024);
}
