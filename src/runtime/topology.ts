/**
 * A query's operators wired from each source to the plan's root. Each source has a path: its
 * decoder, the table materializer for table sources, then every operator up to the root with
 * the input port it arrives on (joins have two). Operators shared by several paths (a join)
 * hold one state.
 */
import type { Column } from '../common/schema.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { LogRecord } from '../log/log.js';
import type { PlanNode, SourceNode } from '../planner/plan.js';
import { buildOperator } from './operator-factory.js';
import type { Operator, Port } from './operators/operator.js';
import { SourceDecoder } from './operators/source.js';
import { TableSourceOperator } from './operators/table-source.js';
import type { Rec } from './record.js';
import type { TaskContext } from './task-context.js';

export interface SourcePath {
  readonly node: SourceNode;
  readonly decoder: SourceDecoder;
  readonly tableSource?: TableSourceOperator;
  readonly steps: readonly { readonly op: Operator; readonly port: Port }[];
}

export interface Topology {
  readonly paths: readonly SourcePath[];
  /** Every operator once, for changelogs and restoring. */
  readonly operators: readonly Operator[];
  /** The schema of the rows the root emits. */
  readonly schema: readonly Column[];
}

export function buildTopology(
  root: PlanNode,
  functions: FunctionRegistry,
  queryId?: string,
  registry?: SchemaRegistry,
): Topology {
  const operators: Operator[] = [];
  const ctx = { functions, ...(queryId ? { queryId } : {}) };
  const build = (
    node: PlanNode,
  ): {
    node: SourceNode;
    decoder: SourceDecoder;
    tableSource?: TableSourceOperator;
    steps: { op: Operator; port: Port }[];
  }[] => {
    if (node.type === 'source') {
      const decoder = new SourceDecoder(node, functions, registry);
      if (node.sourceType !== 'table') return [{ node, decoder, steps: [] }];
      const tableSource = new TableSourceOperator(
        node.schema.filter((c) => c.namespace === 'key').length,
      );
      operators.push(tableSource);
      return [{ node, decoder, tableSource, steps: [{ op: tableSource, port: 'main' }] }];
    }
    const op = buildOperator(node, ctx);
    if (node.type === 'join') {
      const left = build(node.left);
      const right = build(node.right);
      operators.push(op);
      for (const p of left) p.steps.push({ op, port: 'left' });
      for (const p of right) p.steps.push({ op, port: 'right' });
      return [...left, ...right];
    }
    const paths = build(node.input);
    operators.push(op);
    for (const p of paths) p.steps.push({ op, port: 'main' });
    return paths;
  };
  return { paths: build(root), operators, schema: root.schema };
}

/** Decodes a batch of one source's records and runs it along that source's path. */
export function runPath(path: SourcePath, records: readonly LogRecord[], ctx: TaskContext): Rec[] {
  let batch = path.decoder.decode(records, ctx);
  for (const { op, port } of path.steps) {
    if (batch.length === 0) break;
    batch = op.process(batch, ctx, port);
  }
  return batch;
}
