/**
 * Writing a sink topic: rows become records, key columns into the key and value columns into
 * the value in the sink's formats, deletes as tombstones, timestamps from the row's event time
 * or the sink's TIMESTAMP column. Each record carries the headers of the input record it came
 * from, as Kafka Streams forwards them.
 */
import type { Column } from '../../common/schema.js';
import type { FunctionRegistry } from '../../functions/types.js';
import type { ProducerRecord } from '../../log/log.js';
import type { SinkSpec } from '../../planner/plan.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { SchemaRegistry } from '../../serde/schema-registry/registry.js';
import type { Serde } from '../../serde/serde.js';
import { appendWindow } from '../../serde/windowed-key.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { timestampExtractor, type TimestampExtractor } from '../timestamp-extractor.js';

export class SinkEncoder {
  private readonly keySerde: Serde;
  private readonly valueSerde: Serde;
  private readonly keyIndexes: number[];
  private readonly valueIndexes: number[];
  private readonly timestamp: TimestampExtractor | undefined;
  private readonly keyPassesThrough: boolean;

  constructor(
    readonly sink: SinkSpec,
    schema: readonly Column[],
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ) {
    const keys = schema.filter((c) => c.namespace === 'key');
    const values = schema.filter((c) => c.namespace === 'value');
    this.keySerde = createSerde(
      sink.keyFormat.format,
      keys,
      'key',
      runtimeOptions(sink.keyFormat, sink.topic, registry),
    );
    this.valueSerde = createSerde(
      sink.valueFormat.format,
      values,
      'value',
      runtimeOptions(sink.valueFormat, sink.topic, registry),
    );
    this.keyIndexes = schema.flatMap((c, i) => (c.namespace === 'key' ? [i] : []));
    this.keyPassesThrough = sink.keyPassesThrough === true;
    this.valueIndexes = schema.flatMap((c, i) => (c.namespace === 'value' ? [i] : []));
    this.timestamp = sink.timestamp
      ? timestampExtractor(
          schema[sink.timestamp.index]!.type,
          sink.timestamp.index,
          sink.timestamp.format,
          functions,
        )
      : undefined;
  }

  encode(batch: readonly Rec[], ctx: TaskContext): ProducerRecord[] {
    const out: ProducerRecord[] = [];
    const keyIndexes = this.keyIndexes;
    const valueIndexes = this.valueIndexes;
    // Serializers read the columns and keep nothing: one scratch array per side serves a batch.
    const keyColumns = new Array<unknown>(keyIndexes.length);
    const valueColumns = new Array<unknown>(valueIndexes.length);
    for (const rec of batch) {
      const row = rec.row;
      let key: Buffer | null;
      try {
        let nulls = 0;
        for (let i = 0; i < keyIndexes.length; i++) {
          const v = row[keyIndexes[i]!];
          keyColumns[i] = v;
          if (v === null || v === undefined) nulls++;
        }
        // A null single key is a null key in every format; all-null keys of a source record
        // read with a null key stay null, where a computed key of nulls is written as such.
        const nullKey =
          keyIndexes.length === 0 ||
          (nulls === keyIndexes.length && (nulls === 1 || this.keyPassesThrough));
        key = nullKey ? null : this.keySerde.serialize(keyColumns);
        if (this.sink.window && rec.window)
          key = appendWindow(key, rec.window, this.sink.window.type === 'session');
      } catch (err) {
        ctx.processingError(rec.origin, err, {
          kind: 'serialization',
          target: 'key',
          topic: this.sink.topic,
        });
        continue;
      }
      let value: Buffer | null = null;
      let timestamp = rec.timestamp;
      try {
        if (!rec.tombstone) {
          for (let i = 0; i < valueIndexes.length; i++) valueColumns[i] = row[valueIndexes[i]!];
          value = this.valueSerde.serialize(valueColumns);
          if (this.timestamp) timestamp = this.timestamp(rec.row);
        }
      } catch (err) {
        ctx.processingError(rec.origin, err, {
          kind: 'serialization',
          target: 'value',
          topic: this.sink.topic,
        });
        continue;
      }
      const headers = rec.origin.headers;
      out.push(
        headers && headers.length > 0
          ? { key, value, timestamp, headers }
          : { key, value, timestamp },
      );
    }
    return out;
  }
}
