/**
 * Reading a source topic: log records become rows `[key…, value…, header…, ROWTIME,
 * ROWPARTITION, ROWOFFSET]`. Bytes that do not deserialize, and timestamps that cannot be
 * extracted, go to the processing log.
 */
import type { Column } from '../../common/schema.js';
import type { FunctionRegistry } from '../../functions/types.js';
import type { LogRecord } from '../../log/log.js';
import type { SourceNode } from '../../planner/plan.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { SchemaRegistry } from '../../serde/schema-registry/registry.js';
import type { Serde } from '../../serde/serde.js';
import { splitWindow, type KeyWindow } from '../../serde/windowed-key.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { timestampExtractor, type TimestampExtractor } from '../timestamp-extractor.js';

export class SourceDecoder {
  private readonly keySerde: Serde;
  private readonly valueSerde: Serde;
  private readonly keyCount: number;
  private readonly valueCount: number;
  private readonly headerColumns: readonly Column[];
  private readonly extractTimestamp: TimestampExtractor | undefined;
  private readonly window: SourceNode['window'];

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
    this.headerColumns = node.schema.filter((c) => c.namespace === 'header');
    this.window = node.window;
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
    for (const r of records) {
      const origin = { topic: r.topic, partition: r.partition, offset: r.offset };
      let key: unknown[] | null;
      let window: KeyWindow | undefined;
      try {
        let keyBytes = r.key;
        if (this.window && keyBytes !== null) {
          const split = splitWindow(keyBytes, this.window.type === 'session', this.window.sizeMs);
          keyBytes = split.key;
          window = split.window;
        }
        key = this.keyCount === 0 ? [] : this.keySerde.deserialize(keyBytes);
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
      const row: unknown[] = key ?? new Array<unknown>(this.keyCount).fill(null);
      if (value === null) {
        for (let i = 0; i < this.valueCount; i++) row.push(null);
      } else {
        for (let i = 0; i < this.valueCount; i++) row.push(value[i] ?? null);
      }
      for (const h of this.headerColumns) row.push(headerValue(r, h));
      let timestamp = r.timestamp;
      if (this.extractTimestamp && value !== null) {
        try {
          timestamp = this.extractTimestamp(row);
        } catch (err) {
          ctx.processingError(origin, err, { kind: 'processing', operator: 'TimestampExtractor' });
          continue;
        }
      }
      row.push(BigInt(timestamp), r.partition, BigInt(r.offset));
      if (this.window)
        row.push(window ? BigInt(window.start) : null, window ? BigInt(window.end) : null);
      const rec: Rec = { row, timestamp, origin };
      if (value === null) rec.tombstone = true;
      if (window) rec.window = window;
      out.push(rec);
    }
    return out;
  }
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
