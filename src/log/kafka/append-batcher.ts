/**
 * Appends outside transactions, batched: kafkajs has no `linger.ms`, so appends that arrive while
 * a send is under way (or in the same tick) wait and go together in the next request, through
 * one idempotent producer with `acks=all`. Each append learns its records' offsets.
 */
import type { Producer } from 'kafkajs';
import { ExecutionError } from '../../common/errors.js';
import { messageOf } from './kafka-errors.js';
import {
  chunkRequests,
  MAX_REQUEST_BYTES,
  partitionKey,
  type PlacedRecord,
  recordBytes,
} from './messages.js';

export interface Placement {
  readonly partition: number;
  readonly offset: number;
}

interface Pending {
  readonly topic: string;
  readonly records: readonly PlacedRecord[];
  readonly bytes: number;
  readonly resolve: (placements: Placement[]) => void;
  readonly reject: (err: unknown) => void;
}

export class AppendBatcher {
  private readonly queue: Pending[] = [];
  private sending = false;

  /**
   * @param producer an idempotent producer, connected
   * @param written called with each topic written, once its records are durable
   */
  constructor(
    private readonly producer: () => Promise<Producer>,
    private readonly written: (topic: string) => void,
  ) {}

  append(topic: string, records: readonly PlacedRecord[]): Promise<Placement[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      let bytes = 0;
      for (const r of records) bytes += recordBytes(r.record);
      this.queue.push({ topic, records, bytes, resolve, reject });
      if (!this.sending) {
        this.sending = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let bytes = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || bytes + this.queue[0]!.bytes <= MAX_REQUEST_BYTES)
        ) {
          const next = this.queue.shift()!;
          bytes += next.bytes;
          batch.push(next);
        }
        await this.send(batch);
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    const byTopic = new Map<string, PlacedRecord[]>();
    for (const p of batch) {
      let list = byTopic.get(p.topic);
      if (!list) byTopic.set(p.topic, (list = []));
      for (const r of p.records) list.push(r);
    }
    const offsets = new Map<string, number[]>();
    try {
      const producer = await this.producer();
      for (const chunk of chunkRequests(byTopic)) {
        const sent = await producer.sendBatch({ topicMessages: chunk.topicMessages, acks: -1 });
        const next = new Map<string, number>();
        for (const meta of sent) {
          next.set(partitionKey(meta.topicName, meta.partition), Number(meta.baseOffset ?? 0));
        }
        for (const { topic, messages } of chunk.topicMessages) {
          let list = offsets.get(topic);
          if (!list) offsets.set(topic, (list = []));
          for (const m of messages) {
            const key = partitionKey(topic, m.partition ?? 0);
            const offset = next.get(key) ?? -1;
            next.set(key, offset + 1);
            list.push(offset);
          }
        }
      }
    } catch (err) {
      const topics = [...byTopic.keys()].join(', ');
      const error = new ExecutionError(`cannot append to ${topics}: ${messageOf(err)}`);
      for (const p of batch) p.reject(error);
      return;
    }
    const taken = new Map<string, number>();
    for (const p of batch) {
      const list = offsets.get(p.topic)!;
      const from = taken.get(p.topic) ?? 0;
      taken.set(p.topic, from + p.records.length);
      p.resolve(p.records.map(({ partition }, i) => ({ partition, offset: list[from + i]! })));
    }
    for (const topic of byTopic.keys()) this.written(topic);
  }
}
