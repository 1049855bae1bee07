/**
 * What a pull query reads of a table that a CTAS aggregation writes: the aggregation's own state
 * store, as ksqlDB serves pull queries from the persistent query's store rather than from the
 * table's topic, so that no second copy of the table is kept and a pull query right after the
 * CTAS does not have to read the whole topic first.
 *
 * A group's row is its stored state's aggregate row, run through the stateless steps between the
 * aggregation and the sink (HAVING, the projection), encoded as the sink writes it and decoded
 * as the table is read: the row a reader of the table's topic gets for the key.
 *
 * Only EMIT CHANGES aggregations whose projection keeps the group-by columns as the table's key
 * columns, in order, are served this way; other tables are read from their topic
 * (engine/pull-table-view.ts).
 */
import type { FunctionRegistry } from '../functions/types.js';
import type { LogRecord } from '../log/log.js';
import type { PlanNode, QueryPlan, SourceNode } from '../planner/plan.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import { AggregateOperator, type GroupState } from './operators/aggregate.js';
import { FilterOperator } from './operators/filter.js';
import type { Operator } from './operators/operator.js';
import { ProjectOperator } from './operators/project.js';
import type { SinkEncoder } from './operators/sink.js';
import { SourceDecoder } from './operators/source.js';
import { BatchContext } from './processing-log-writer.js';
import type { Rec } from './record.js';
import { encodeValues } from './state/key-codec.js';
import type { Topology } from './topology.js';

/** A window store key is the group's key, '@', then the window's bounds (a few dozen bytes). */
const WINDOW_SUFFIX_BYTES = 64;
/** States turned into rows per batch of a scan. */
const SCAN_BATCH = 1000;

/** One task's part of the table: its aggregation and the steps from there to the sink. */
interface TaskPart {
  readonly aggregate: AggregateOperator;
  readonly steps: readonly Operator[];
  readonly partition: number;
}

export class TableMaterialization {
  private readonly decoder: SourceDecoder;
  private readonly windowed: boolean;

  private constructor(
    private readonly parts: readonly TaskPart[],
    private readonly sink: SinkEncoder,
    node: SourceNode,
    functions: FunctionRegistry,
    registry: SchemaRegistry | undefined,
  ) {
    this.decoder = new SourceDecoder(node, functions, registry);
    this.windowed = node.window !== undefined;
  }

  /**
   * The materialization of a query's table, read as `node`, from the topologies of its tasks by
   * partition (undefined: a task this process does not run for the sink); undefined when the plan's table is not one an aggregation store serves.
   */
  static of(
    plan: QueryPlan,
    tasks: readonly (Topology | undefined)[],
    sink: SinkEncoder,
    node: SourceNode,
    functions: FunctionRegistry,
    registry?: SchemaRegistry,
  ): TableMaterialization | undefined {
    if (plan.sink.sourceType !== 'table' || !keysPassThrough(plan.root)) return undefined;
    const parts: TaskPart[] = [];
    for (let partition = 0; partition < tasks.length; partition++) {
      const topology = tasks[partition];
      if (!topology) continue;
      const part = taskPart(topology, partition);
      if (part === null) return undefined;
      if (part !== undefined) parts.push(part);
    }
    if (parts.length === 0) return undefined;
    return new TableMaterialization(parts, sink, node, functions, registry);
  }

  /** The table's rows for the key columns' values `keys` (several for a windowed table). */
  lookup(keys: readonly unknown[]): unknown[][] {
    const storeKey = encodeValues(keys);
    const rows: unknown[][] = [];
    for (const part of this.parts) {
      const store = part.aggregate.store;
      if (!this.windowed) {
        const state = store.get(storeKey);
        if (state && !('streamTime' in state)) rows.push(...this.rowsOf(part, [state]));
        continue;
      }
      const states: GroupState[] = [];
      for (const [, v] of store.withPrefix(`${storeKey}@`, WINDOW_SUFFIX_BYTES)) {
        if (!('streamTime' in v)) states.push(v);
      }
      rows.push(...this.rowsOf(part, states));
    }
    return rows;
  }

  /** Every row of the table. */
  *rows(): Generator<unknown[]> {
    for (const part of this.parts) {
      let batch: GroupState[] = [];
      for (const [, v] of part.aggregate.store.entries()) {
        if ('streamTime' in v) continue;
        batch.push(v);
        if (batch.length < SCAN_BATCH) continue;
        yield* this.rowsOf(part, batch);
        batch = [];
      }
      yield* this.rowsOf(part, batch);
    }
  }

  private rowsOf(part: TaskPart, states: readonly GroupState[]): unknown[][] {
    if (states.length === 0) return [];
    const ctx = new BatchContext('pull_query');
    const origin = { topic: this.sink.sink.topic, partition: part.partition, offset: -1 };
    let batch: Rec[] = states.map((state) => {
      const rec: Rec = { row: part.aggregate.row(state), old: null, timestamp: state.ts, origin };
      if (state.window) rec.window = state.window;
      return rec;
    });
    for (const step of part.steps) batch = step.process(batch, ctx, 'main');
    const records: LogRecord[] = this.sink.encode(batch, ctx).map((r) => ({
      topic: origin.topic,
      partition: part.partition,
      offset: -1,
      key: r.key,
      value: r.value,
      timestamp: r.timestamp ?? 0,
      headers: [],
    }));
    const rows: unknown[][] = [];
    for (const rec of this.decoder.decode(records, ctx)) if (!rec.tombstone) rows.push(rec.row);
    return rows;
  }
}

/**
 * A task's aggregation and the steps after it, from the paths that end at the sink; undefined
 * for a task that runs no part of the sink's sub-topology, null when the sink is not fed by
 * one EMIT CHANGES aggregation through filters and projections only.
 */
function taskPart(topology: Topology, partition: number): TaskPart | null | undefined {
  let part: TaskPart | undefined;
  for (const path of topology.paths) {
    if (path.output) continue;
    const at = path.steps.findIndex((s) => s.op instanceof AggregateOperator);
    if (at < 0) return null;
    const aggregate = path.steps[at]!.op as AggregateOperator;
    const steps = path.steps.slice(at + 1).map((s) => s.op);
    if (!steps.every((op) => op instanceof FilterOperator || op instanceof ProjectOperator)) {
      return null;
    }
    if (part && part.aggregate !== aggregate) return null;
    part = { aggregate, steps, partition };
  }
  return part;
}

/**
 * Whether the plan's key columns are the aggregation's group-by columns, in order (only then is
 * a table key the group's store key), and the aggregation emits changes (an EMIT FINAL table's
 * topic holds closed windows only, its store the open ones too).
 */
function keysPassThrough(root: PlanNode): boolean {
  let node = root;
  for (;;) {
    if (node.type === 'aggregate') return node.emit === 'changes';
    if (node.type === 'filter') {
      node = node.input;
      continue;
    }
    if (node.type !== 'project') return false;
    const inputKeys = keyPositions(node.input.schema);
    const keys = keyPositions(node.schema);
    if (keys.length !== inputKeys.length) return false;
    for (let i = 0; i < keys.length; i++) {
      const e = node.expressions[keys[i]!];
      if (e?.k !== 'column' || e.index !== inputKeys[i]) return false;
    }
    node = node.input;
  }
}

function keyPositions(schema: PlanNode['schema']): number[] {
  return schema.flatMap((c, i) => (c.namespace === 'key' ? [i] : []));
}
