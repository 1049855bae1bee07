/**
 * Writing and reading a repartition topic. Upstream, each row becomes a record keyed by the new
 * key in the step's key format, its value columns in the value format, so the log's murmur2
 * partitioner sends it to the new key's partition; downstream, the task of that partition reads
 * the row back as it was. What a record's value does not hold travels in one header: the row's
 * other columns (old key columns, headers, pseudo columns), its window, the record it descends
 * from (for the processing log) and, for table changes, the previous row.
 */
import type { Column } from '../../common/schema.js';
import type { FunctionRegistry } from '../../functions/types.js';
import type { LogRecord, ProducerRecord } from '../../log/log.js';
import type { RepartitionNode } from '../../planner/plan.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { SchemaRegistry } from '../../serde/schema-registry/registry.js';
import type { Serde } from '../../serde/serde.js';
import { compileProjection, type RowProjection } from '../compile-expression.js';
import type { Rec } from '../record.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { TaskContext } from '../task-context.js';

/** The header that carries what the value does not. */
export const ROW_HEADER = 'streamsql-row';

const TOMBSTONE = 1;
const HAS_OLD = 2;

/** Which columns a repartition record's value holds, and the serde for them. */
class RecordLayout {
  readonly valueIndexes: number[];
  readonly otherIndexes: number[];
  readonly valueSerde: Serde | undefined;

  constructor(node: RepartitionNode, topic: string, registry: SchemaRegistry | undefined) {
    const values = node.schema.flatMap((c, i) => (c.namespace === 'value' ? [i] : []));
    let serde: Serde | undefined;
    try {
      serde = createSerde(
        node.valueFormat.format,
        uniqueNames(values.map((i) => node.schema[i]!)),
        'value',
        runtimeOptions(node.valueFormat, topic, registry),
      );
    } catch {
      // The format cannot hold these columns (a join's row in a one-column format): every
      // column then travels in the header.
      serde = undefined;
    }
    this.valueSerde = serde;
    this.valueIndexes = serde ? values : [];
    const inValue = new Set(this.valueIndexes);
    this.otherIndexes = node.schema.flatMap((_c, i) => (inValue.has(i) ? [] : [i]));
  }
}

export class RepartitionEncoder {
  private readonly key: RowProjection;
  private readonly keySerde: Serde;
  private readonly layout: RecordLayout;

  constructor(
    private readonly node: RepartitionNode,
    readonly topic: string,
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ) {
    this.key = compileProjection(node.keys, functions);
    this.keySerde = createSerde(
      node.keyFormat.format,
      node.keys.map((k, i) => ({
        name: `KSQL_COL_${i}`,
        type: ('type' in k && k.type) || { base: 'STRING' },
      })),
      'key',
      runtimeOptions(node.keyFormat, topic, registry),
    );
    this.layout = new RecordLayout(node, topic, registry);
  }

  encode(batch: readonly Rec[], ctx: TaskContext): ProducerRecord[] {
    const out: ProducerRecord[] = [];
    for (const rec of batch) {
      const key = this.keyBytes(rec.row);
      if (this.node.splitChanges && rec.old) {
        const oldKey = this.keyBytes(rec.old);
        if (rec.tombstone || !sameBytes(oldKey, key)) {
          // The old row leaves its group on the old key's partition, the new one joins its own.
          this.push(out, { ...rec, row: rec.old, tombstone: true }, oldKey, ctx);
          if (!rec.tombstone) this.push(out, { ...rec, old: null }, key, ctx);
          continue;
        }
      }
      this.push(out, rec, key, ctx);
    }
    return out;
  }

  /**
   * The new key's bytes. A key that cannot be computed or written goes on keyless: the step
   * after the repartition evaluates it again and reports the failure as it always did.
   */
  private keyBytes(row: readonly unknown[]): Buffer | null {
    try {
      const key = this.key(row);
      return key.some((k) => k === null) ? null : this.keySerde.serialize(key);
    } catch {
      return null;
    }
  }

  private push(out: ProducerRecord[], rec: Rec, key: Buffer | null, ctx: TaskContext): void {
    const { valueIndexes, otherIndexes, valueSerde } = this.layout;
    let value: Buffer | null = null;
    if (!rec.tombstone && valueSerde) {
      try {
        value = valueSerde.serialize(valueIndexes.map((i) => rec.row[i]));
      } catch (err) {
        ctx.processingError(rec.origin, err, {
          kind: 'serialization',
          target: 'value',
          topic: this.topic,
        });
        return;
      }
    }
    const flags = (rec.tombstone ? TOMBSTONE : 0) | (rec.old !== undefined ? HAS_OLD : 0);
    const meta: unknown[] = [
      flags,
      rec.origin.topic,
      rec.origin.partition,
      rec.origin.offset,
      rec.window?.start ?? null,
      rec.window?.end ?? null,
      rec.old ?? null,
    ];
    for (const i of otherIndexes) meta.push(rec.row[i]);
    out.push({
      key,
      value,
      timestamp: rec.timestamp,
      // The input's own headers travel too, as Kafka Streams forwards them through repartitions.
      headers: [
        ...(rec.origin.headers ?? []),
        { key: ROW_HEADER, value: Buffer.from(encodeValues(meta), 'utf8') },
      ],
    });
  }
}

export class RepartitionDecoder {
  private readonly layout: RecordLayout;
  private readonly width: number;

  constructor(node: RepartitionNode, topic: string, registry?: SchemaRegistry) {
    this.layout = new RecordLayout(node, topic, registry);
    this.width = node.schema.length;
  }

  decode(records: readonly LogRecord[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const { valueIndexes, otherIndexes, valueSerde } = this.layout;
    for (const r of records) {
      const header = r.headers.find((h) => h.key === ROW_HEADER)?.value;
      let meta: unknown[];
      let values: unknown[] | null;
      try {
        if (!header) throw new Error(`a repartition record without its ${ROW_HEADER} header`);
        meta = decodeValues(header.toString('utf8'));
        values = r.value === null || !valueSerde ? null : valueSerde.deserialize(r.value);
      } catch (err) {
        ctx.processingError(
          r,
          err,
          { kind: 'deserialization', target: 'value' },
          { bytes: r.value },
        );
        continue;
      }
      const flags = meta[0] as number;
      const row = new Array<unknown>(this.width);
      for (let i = 0; i < valueIndexes.length; i++) row[valueIndexes[i]!] = values?.[i] ?? null;
      for (let i = 0; i < otherIndexes.length; i++) row[otherIndexes[i]!] = meta[7 + i];
      const rec: Rec = {
        row,
        timestamp: r.timestamp,
        origin: {
          topic: meta[1] as string,
          partition: meta[2] as number,
          offset: meta[3] as number,
          headers: r.headers.filter((h) => h.key !== ROW_HEADER),
        },
      };
      if (flags & TOMBSTONE) rec.tombstone = true;
      if (flags & HAS_OLD) rec.old = (meta[6] as unknown[] | null) ?? null;
      if (meta[4] !== null) rec.window = { start: meta[4] as number, end: meta[5] as number };
      out.push(rec);
    }
    return out;
  }
}

/** Column names as a value format needs them: a join's row may hold a name twice. */
function uniqueNames(columns: readonly Column[]): Column[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = seen.get(c.name) ?? 0;
    seen.set(c.name, n + 1);
    return n === 0 ? c : { ...c, name: `${c.name}_${n}` };
  });
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
