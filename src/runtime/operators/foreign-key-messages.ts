/**
 * The messages of a foreign-key join's subscription protocol (Kafka Streams' KIP-213), as
 * records of the query's two internal topics:
 *
 * - a subscription, left task → right task: "left row `pk` (version `version`, on left partition
 *   `partition`) now references foreign key `fk`" or "no longer does". Its key is the foreign
 *   key written in the right side's key format, so the log's murmur2 partitioner puts it on the
 *   partition of the right row it names;
 * - a response, right task → left task: "the right row for `pk`'s foreign key is now `right`"
 *   (null: none), written to the left row's partition (carried by the subscription, as Kafka
 *   Streams' primary partition), with the version it answers so that a left task drops answers
 *   to rows that have changed since.
 *
 * Both carry the record they descend from, for the processing log. Values are streamsql's own
 * encoding: only the query that wrote them reads them.
 */
import type { Column } from '../../common/schema.js';
import type { LogRecord, ProducerRecord } from '../../log/log.js';
import type { FormatInfo } from '../../engine/data-source.js';
import type { JoinNode, RepartitionNode } from '../../planner/plan.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { SchemaRegistry } from '../../serde/schema-registry/registry.js';
import type { Serde } from '../../serde/serde.js';
import type { Origin, Rec } from '../record.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { TaskContext } from '../task-context.js';

/** Why a response is sent: a new left row, an updated one, or a change of the right row. */
export type ResponseKind = 'new' | 'update' | 'right';

export interface Subscription {
  readonly subscribe: boolean;
  readonly fk: unknown;
  /** The left row's primary key, as its store key. */
  readonly pkKey: string;
  readonly version: string;
  readonly kind: ResponseKind;
  /** The left partition, where the response goes. */
  readonly partition: number;
}

export interface Response {
  readonly partition: number;
  readonly pkKey: string;
  readonly version: string;
  readonly kind: ResponseKind;
  readonly right: unknown[] | null;
}

/** Subscriptions and responses travel through the operators as one-column rows. */
export function messageRec(
  message: Subscription | Response,
  timestamp: number,
  origin: Origin,
): Rec {
  return { row: [message], timestamp, origin };
}

export function messageOf<M>(rec: Rec): M {
  return rec.row[0] as M;
}

/** Writes subscriptions, keyed by the foreign key in the right side's key format. */
export class SubscriptionEncoder {
  private readonly keySerde: Serde;

  constructor(
    readonly topic: string,
    format: FormatInfo,
    foreignKeyType: Column['type'],
    /** The topic the right side is read from: its key schema is the one to write. */
    rightTopic: string,
    registry?: SchemaRegistry,
  ) {
    this.keySerde = createSerde(
      format.format,
      [{ name: 'KSQL_COL_0', type: foreignKeyType }],
      'key',
      runtimeOptions(format, rightTopic, registry),
    );
  }

  encode(batch: readonly Rec[], ctx: TaskContext): ProducerRecord[] {
    const out: ProducerRecord[] = [];
    for (const rec of batch) {
      const s = messageOf<Subscription>(rec);
      let key: Buffer | null;
      try {
        key = this.keySerde.serialize([s.fk]);
      } catch (err) {
        ctx.processingError(rec.origin, err, {
          kind: 'serialization',
          target: 'key',
          topic: this.topic,
        });
        continue;
      }
      const value = [s.subscribe ? 1 : 0, s.fk, s.pkKey, s.version, s.kind, s.partition];
      out.push(record(key, value, rec));
    }
    return out;
  }
}

/** Writes responses to the left partition each one answers. */
export class ResponseEncoder {
  constructor(readonly topic: string) {}

  encode(batch: readonly Rec[]): ProducerRecord[] {
    return batch.map((rec) => {
      const r = messageOf<Response>(rec);
      const value = [r.pkKey, r.version, r.kind, r.right];
      return { ...record(Buffer.from(r.pkKey, 'utf8'), value, rec), partition: r.partition };
    });
  }
}

export class SubscriptionDecoder {
  decode(records: readonly LogRecord[], ctx: TaskContext): Rec[] {
    return decodeAll(records, ctx, (v) => ({
      subscribe: v[0] === 1,
      fk: v[1],
      pkKey: v[2] as string,
      version: v[3] as string,
      kind: v[4] as ResponseKind,
      partition: v[5] as number,
    }));
  }
}

export class ResponseDecoder {
  decode(records: readonly LogRecord[], ctx: TaskContext): Rec[] {
    return decodeAll(records, ctx, (v, r) => ({
      partition: r.partition,
      pkKey: v[0] as string,
      version: v[1] as string,
      kind: v[2] as ResponseKind,
      right: v[3] as unknown[] | null,
    }));
  }
}

/**
 * How the topics show in EXPLAIN and DESCRIBE: as internal topics of the query, keyed by the
 * foreign key (subscriptions) or the left primary key (responses).
 */
export function subscriptionTopicNode(
  join: JoinNode,
  which: 'registration' | 'response',
): RepartitionNode {
  const s = join.subscriptions!;
  return {
    type: 'repartition',
    v: 1,
    input: join,
    name: which === 'registration' ? s.registration : s.response,
    keys: which === 'registration' ? [join.leftKey] : [],
    keyFormat: which === 'registration' ? s.foreignKeyFormat : { format: 'KAFKA', options: {} },
    valueFormat: { format: 'KAFKA', options: {} },
    schema: [],
  };
}

function record(key: Buffer | null, value: unknown[], rec: Rec): ProducerRecord {
  const o = rec.origin;
  return {
    key,
    value: Buffer.from(encodeValues([...value, o.topic, o.partition, o.offset]), 'utf8'),
    timestamp: rec.timestamp,
    ...(o.headers && o.headers.length > 0 ? { headers: o.headers } : {}),
  };
}

function decodeAll<M>(
  records: readonly LogRecord[],
  ctx: TaskContext,
  parse: (values: unknown[], r: LogRecord) => M,
): Rec[] {
  const out: Rec[] = [];
  for (const r of records) {
    let values: unknown[];
    try {
      if (r.value === null) throw new Error('a foreign-key join message without a value');
      values = decodeValues(r.value.toString('utf8'));
    } catch (err) {
      ctx.processingError(r, err, { kind: 'deserialization', target: 'value' }, { bytes: r.value });
      continue;
    }
    const n = values.length;
    const origin: Origin = {
      topic: values[n - 3] as string,
      partition: values[n - 2] as number,
      offset: values[n - 1] as number,
      headers: r.headers,
    };
    out.push(messageRec(parse(values, r) as Subscription | Response, r.timestamp, origin));
  }
  return out;
}
