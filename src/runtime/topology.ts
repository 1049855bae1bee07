/**
 * A query's operators wired from each input topic to where its rows go. Each input has a path:
 * its decoder, the table materializer for table sources, then every operator up to the plan's
 * root (the sink) or up to a repartition step (an internal topic, read again by a path of its
 * own). Operators shared by several paths (a join) hold one state.
 *
 * Paths joined by operators form a sub-topology (Kafka Streams' word): the part of a query
 * between input topics and one output. Sub-topologies are numbered upstream first; each runs
 * one task per partition of its inputs. A foreign-key join with subscription topics is two
 * sub-topologies (foreign-key-topology.ts); one without them (plans from before them, push
 * queries) looks rows up by a key other than the partitioning one and so runs as a single task
 * over every partition.
 */
import type { Column } from '../common/schema.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { LogRecord, ProducerRecord } from '../log/log.js';
import type { PlanNode, RepartitionNode, SourceNode } from '../planner/plan.js';
import { buildForeignKeyJoin } from './foreign-key-topology.js';
import { buildOperator } from './operator-factory.js';
import type { Operator, Port } from './operators/operator.js';
import { RepartitionDecoder, RepartitionEncoder } from './operators/repartition.js';
import { SourceDecoder } from './operators/source.js';
import { TableSourceOperator } from './operators/table-source.js';
import { repartitionTopic } from './query-names.js';
import type { Rec } from './record.js';
import type { TaskContext } from './task-context.js';

export interface SourcePath {
  /** The topic the path reads: a source's, or a repartition topic of the query. */
  readonly topic: string;
  readonly node: SourceNode | RepartitionNode;
  readonly decoder: { decode(records: readonly LogRecord[], ctx: TaskContext): Rec[] };
  readonly tableSource?: TableSourceOperator;
  readonly steps: readonly { readonly op: Operator; readonly port: Port }[];
  /** Where the path's rows go when not to the sink: a repartition topic. */
  readonly output?: RowEncoder;
  readonly subTopology: number;
}

/** Writes a path's rows to an internal topic of the query. */
export interface RowEncoder {
  readonly topic: string;
  encode(batch: readonly Rec[], ctx: TaskContext): ProducerRecord[];
}

export interface SubTopology {
  readonly id: number;
  /** Indexes of its paths in `Topology.paths`. */
  readonly paths: readonly number[];
  /** Its operators once each, for changelogs and restoring. */
  readonly operators: readonly Operator[];
  /** The repartition topic it writes, or absent for the sink. */
  readonly output?: string;
  /**
   * Internal topics its operators write besides (a foreign-key join's subscriptions), which
   * other sub-topologies of the query read.
   */
  readonly sideOutputs: readonly string[];
  /** One task over every partition (foreign-key joins) instead of one per partition. */
  readonly singleTask: boolean;
}

export interface Topology {
  readonly paths: readonly SourcePath[];
  /** Every operator once, for changelogs and restoring. */
  readonly operators: readonly Operator[];
  readonly subTopologies: readonly SubTopology[];
  /** The schema of the rows the root emits. */
  readonly schema: readonly Column[];
}

export interface OpenPath {
  topic: string;
  node: SourceNode | RepartitionNode;
  decoder: SourcePath['decoder'];
  tableSource?: TableSourceOperator;
  steps: { op: Operator; port: Port }[];
  output?: RowEncoder;
  subTopology: number;
}

/** What building a foreign-key join with subscription topics needs of the topology builder. */
export interface TopologyBuilder {
  readonly functions: FunctionRegistry;
  readonly queryId: string;
  readonly partition: number;
  readonly registry: SchemaRegistry | undefined;
  build(node: PlanNode): OpenPath[];
  /** Closes the sub-topology of `paths`, which end at `output`. */
  finish(paths: OpenPath[], output: RowEncoder): void;
  /** Records an operator, once, in build order; `sideOutput`: an internal topic it writes. */
  add(op: Operator, sideOutput?: string): void;
}

/** `partition`: the task partition the operators serve (their stores' changelog partition). */
export function buildTopology(
  root: PlanNode,
  functions: FunctionRegistry,
  queryId?: string,
  registry?: SchemaRegistry,
  partition = 0,
): Topology {
  const operators: Operator[] = [];
  const singleTask = new Set<Operator>();
  const finished: OpenPath[] = [];
  const subTopologies: SubTopology[] = [];
  const ctx = { functions, partition, ...(queryId ? { queryId } : {}) };
  /** Closes the sub-topology of `paths`, which end at `output` (absent: the sink). */
  const sideOutputs = new Map<Operator, string>();
  const finish = (paths: OpenPath[], output?: RowEncoder) => {
    const id = subTopologies.length;
    const ops = new Set<Operator>();
    for (const p of paths) {
      p.subTopology = id;
      if (output) p.output = output;
      for (const s of p.steps) ops.add(s.op);
    }
    const first = finished.length;
    finished.push(...paths);
    subTopologies.push({
      id,
      paths: paths.map((_p, i) => first + i),
      operators: operators.filter((op) => ops.has(op)),
      ...(output ? { output: output.topic } : {}),
      singleTask: [...ops].some((op) => singleTask.has(op)),
      sideOutputs: [...ops].flatMap((op) => {
        const topic = sideOutputs.get(op);
        return topic === undefined ? [] : [topic];
      }),
    });
  };
  const build = (node: PlanNode): OpenPath[] => {
    if (node.type === 'source') {
      const decoder = new SourceDecoder(node, functions, registry);
      const path: OpenPath = { topic: node.topic, node, decoder, steps: [], subTopology: -1 };
      if (node.sourceType !== 'table') return [path];
      const tableSource = new TableSourceOperator(
        node.schema.filter((c) => c.namespace === 'key').length,
      );
      operators.push(tableSource);
      return [{ ...path, tableSource, steps: [{ op: tableSource, port: 'main' }] }];
    }
    if (node.type === 'repartition') {
      const topic = repartitionTopic(queryId ?? 'transient', node.name);
      finish(build(node.input), new RepartitionEncoder(node, topic, functions, registry));
      const decoder = new RepartitionDecoder(node, topic, registry);
      return [{ topic, node, decoder, steps: [], subTopology: -1 }];
    }
    if (node.type === 'join' && node.subscriptions && queryId) {
      return buildForeignKeyJoin(node, {
        functions,
        queryId,
        partition,
        registry,
        build,
        finish,
        add: (op, sideOutput) => {
          operators.push(op);
          if (sideOutput !== undefined) sideOutputs.set(op, sideOutput);
        },
      });
    }
    const op = buildOperator(node, ctx);
    if (node.type === 'join') {
      const left = build(node.left);
      const right = build(node.right);
      operators.push(op);
      // Without subscription topics, a foreign-key join must see every partition of both tables.
      if (node.kind === 'foreignKey') singleTask.add(op);
      for (const p of left) p.steps.push({ op, port: 'left' });
      for (const p of right) p.steps.push({ op, port: 'right' });
      return [...left, ...right];
    }
    const paths = build(node.input);
    operators.push(op);
    for (const p of paths) p.steps.push({ op, port: 'main' });
    return paths;
  };
  finish(build(root));
  return { paths: finished, operators, subTopologies, schema: root.schema };
}

/** Decodes a batch of one input's records and runs it along that input's path. */
export function runPath(path: SourcePath, records: readonly LogRecord[], ctx: TaskContext): Rec[] {
  let batch = path.decoder.decode(records, ctx);
  for (const { op, port } of path.steps) {
    if (batch.length === 0) break;
    batch = op.process(batch, ctx, port);
  }
  return batch;
}
