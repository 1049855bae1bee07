/**
 * Records as kafkajs sends them: ProducerRecords, with the partition already chosen, become
 * kafkajs messages, grouped per topic and cut into requests of bounded size (kafkajs puts all
 * of a request's records for one partition in one batch, which the broker refuses above its
 * `max.message.bytes`).
 */
import type { IHeaders, Message, TopicMessages } from 'kafkajs';
import type { Header, ProducerRecord } from '../log.js';

/** A record and the partition it goes to. */
export interface PlacedRecord {
  readonly partition: number;
  readonly record: ProducerRecord;
}

const EMPTY = Buffer.alloc(0);

/** Bytes of records per request: below Kafka's default `max.message.bytes` (1 MiB). */
export const MAX_REQUEST_BYTES = 900 * 1024;

export function toMessage(placed: PlacedRecord): Message {
  const { record, partition } = placed;
  const message: Message = {
    key: record.key,
    value: record.value,
    partition,
    timestamp: String(record.timestamp),
  };
  if (record.headers && record.headers.length > 0) message.headers = toHeaders(record.headers);
  return message;
}

/**
 * kafkajs takes headers as an object of key → value or values, and writes each key's values
 * together, keys in insertion order (integer-like keys first, as JavaScript orders them). It
 * cannot write a null header value (kafkajs 2.2.4 sizes it with `Buffer.byteLength(null)`), so
 * null is written as an empty value.
 */
function toHeaders(headers: readonly Header[]): IHeaders {
  const grouped = new Map<string, Buffer[]>();
  for (const h of headers) {
    const values = grouped.get(h.key);
    const value = h.value ?? EMPTY;
    if (values) values.push(value);
    else grouped.set(h.key, [value]);
  }
  const out: IHeaders = {};
  for (const [key, values] of grouped) {
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function recordBytes(record: ProducerRecord): number {
  let size = 24 + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  if (record.headers)
    for (const h of record.headers) size += 8 + h.key.length + (h.value?.length ?? 0);
  return size;
}

/** One request's worth of records: per topic, in order, and how many records each carries. */
export interface RequestChunk {
  readonly topicMessages: TopicMessages[];
  /** Per `topic\0partition`, the records of this chunk in order. */
  readonly counts: Map<string, number>;
}

/** Cuts placed records (per topic, in order) into requests of at most about `maxBytes`. */
export function chunkRequests(
  byTopic: ReadonlyMap<string, readonly PlacedRecord[]>,
  maxBytes = MAX_REQUEST_BYTES,
): RequestChunk[] {
  const chunks: RequestChunk[] = [];
  let current: RequestChunk | undefined;
  let bytes = 0;
  for (const [topic, records] of byTopic) {
    let messages: Message[] | undefined;
    for (const placed of records) {
      const size = recordBytes(placed.record);
      if (!current || (bytes > 0 && bytes + size > maxBytes)) {
        current = { topicMessages: [], counts: new Map() };
        chunks.push(current);
        bytes = 0;
        messages = undefined;
      }
      if (!messages) {
        messages = [];
        current.topicMessages.push({ topic, messages });
      }
      messages.push(toMessage(placed));
      const key = partitionKey(topic, placed.partition);
      current.counts.set(key, (current.counts.get(key) ?? 0) + 1);
      bytes += size;
    }
  }
  return chunks;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\0${partition}`;
}
