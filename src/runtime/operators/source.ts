/**
 * Reading a source topic: log records become rows `[key…, value…, header…, ROWTIME,
 * ROWPARTITION, ROWOFFSET]`. Bytes that do not deserialize, and timestamps that cannot be
 * extracted, go to the processing log (the latter stop the query instead with
 * `ksql.timestamp.throw.on.invalid`, as in ksqlDB).
 */
import { ExecutionError } from '../../common/errors.js';
import type { Column } from '../../common/schema.js';
import type { FunctionRegistry } from '../../functions/types.js';
import type { LogRecord } from '../../log/log.js';
import type { SourceNode } from '../../planner/plan.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { SchemaRegistry } from '../../serde/schema-registry/registry.js';
import type { Serde } from '../../serde/serde.js';
import { splitWindow, type KeyWindow } from '../../serde/windowed-key.js';
import type { Origin, Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import {
  NegativeTimestampError,
  timestampExtractor,
  type TimestampExtractor,
} from '../timestamp-extractor.js';

export class SourceDecoder {
  private readonly keySerde: Serde;
  private readonly valueSerde: Serde;
  private readonly keyCount: number;
  private readonly valueCount: number;
  private readonly sourceType: SourceNode['sourceType'];
  private readonly headerColumns: readonly Column[];
  private readonly extractTimestamp: TimestampExtractor | undefined;
  private readonly window: SourceNode['window'];
  private readonly timestampFatal: boolean;

  constructor(node: SourceNode, functions: FunctionRegistry, registry?: SchemaRegistry) {
    const keys = node.schema.filter((c) => c.namespace === 'key');
    const values = node.schema.filter((c) => c.namespace === 'value');
    this.keySerde = createSerde(
      node.keyFormat.format,
      keys,
      'key',
      runtimeOptions(node.keyFormat, node.topic, registry),
    );
    this.valueSerde = createSerde(
      node.valueFormat.format,
      values,
      'value',
      runtimeOptions(node.valueFormat, node.topic, registry),
    );
    this.keyCount = keys.length;
    this.valueCount = values.length;
    this.sourceType = node.sourceType;
    this.headerColumns = node.schema.filter((c) => c.namespace === 'header');
    this.window = node.window;
    this.timestampFatal = node.timestamp?.throwOnInvalid === true;
    this.extractTimestamp = node.timestamp
      ? timestampExtractor(
          node.schema[node.timestamp.index]!.type,
          node.timestamp.index,
          node.timestamp.format,
          functions,
        )
      : undefined;
  }

  decode(records: readonly LogRecord[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const keyCount = this.keyCount;
    const valueCount = this.valueCount;
    // A stream without value columns has nothing in its values: a null one is a row of keys.
    const nullIsDelete = valueCount > 0 || this.sourceType === 'table';
    const headerColumns = this.headerColumns;
    const width = keyCount + valueCount + headerColumns.length + (this.window ? 5 : 3);
    for (const r of records) {
      // A log record names its topic, partition and offset: it is the rows' origin as it is.
      const origin: Origin = r;
      // A table has no row for a null key: Kafka Streams' table source skips such records.
      if (this.sourceType === 'table' && keyCount > 0 && r.key === null) continue;
      let key: unknown[] | null;
      let window: KeyWindow | undefined;
      try {
        let keyBytes = r.key;
        if (this.window && keyBytes !== null) {
          const split = splitWindow(keyBytes, this.window.type === 'session', this.window.sizeMs);
          keyBytes = split.key;
          window = split.window;
        }
        key = keyCount === 0 ? null : this.keySerde.deserialize(keyBytes);
      } catch (err) {
        ctx.processingError(
          origin,
          err,
          { kind: 'deserialization', target: 'key' },
          { bytes: r.key },
        );
        continue;
      }
      let value: unknown[] | null;
      try {
        value = r.value === null ? null : this.valueSerde.deserialize(r.value);
      } catch (err) {
        ctx.processingError(
          origin,
          err,
          { kind: 'deserialization', target: 'value' },
          { bytes: r.value },
        );
        continue;
      }
      // One array of the row's full width, filled in place.
      const row = new Array<unknown>(width);
      let at = 0;
      for (let i = 0; i < keyCount; i++) row[at++] = key === null ? null : (key[i] ?? null);
      for (let i = 0; i < valueCount; i++) row[at++] = value === null ? null : (value[i] ?? null);
      for (const h of headerColumns) row[at++] = headerValue(r, h);
      let timestamp = r.timestamp;
      if (this.extractTimestamp && value !== null) {
        try {
          timestamp = this.extractTimestamp(row);
        } catch (err) {
          if (this.timestampFatal && !(err instanceof NegativeTimestampError)) {
            throw fatalTimestampError(ctx, r, err);
          }
          ctx.processingError(origin, err, { kind: 'processing', operator: 'TimestampExtractor' });
          continue;
        }
      }
      row[at++] = BigInt(timestamp);
      row[at++] = r.partition;
      row[at++] = BigInt(r.offset);
      if (this.window) {
        row[at++] = window ? BigInt(window.start) : null;
        row[at++] = window ? BigInt(window.end) : null;
      }
      const rec: Rec = { row, timestamp, origin };
      if (value === null && nullIsDelete) rec.tombstone = true;
      if (window) rec.window = window;
      out.push(rec);
    }
    return out;
  }
}

/** Kafka Streams' words for an extractor that threw, which stops the query. */
function fatalTimestampError(ctx: TaskContext, r: LogRecord, err: unknown): ExecutionError {
  const reason = err instanceof Error ? err.message : String(err);
  return new ExecutionError(
    `Fatal user code error in TimestampExtractor callback for record ${r.topic}-${r.partition}@${r.offset}: ${reason}`,
    {
      queryId: ctx.queryId,
      operator: 'TimestampExtractor',
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
    },
  );
}

function headerValue(r: LogRecord, column: Column): unknown {
  if (column.headerKey === undefined) {
    return r.headers.map((h) => ({ KEY: h.key, VALUE: h.value }));
  }
  for (let i = r.headers.length - 1; i >= 0; i--) {
    if (r.headers[i]!.key === column.headerKey) return r.headers[i]!.value;
  }
  return null;
}
