/**
 * Physical plans: plain, versioned data. A persistent query's plan is stored in the command
 * topic, so a restart runs exactly the plan that was accepted; EXPLAIN prints it. The runtime
 * maps each node `type` to an operator factory in one table (runtime/operator-factory.ts).
 *
 * Every node declares the schema of the rows it emits: rows are positional arrays in that order.
 */
import type { Column } from '../common/schema.js';
import type { TypedExpression } from '../analyzer/typed-expression.js';
import type { FormatInfo, WindowInfo } from '../engine/data-source.js';

export type PlanNode =
  SourceNode | FilterNode | ProjectNode | FlatMapNode | AggregateNode | JoinNode | RepartitionNode;

/** Reads a topic: deserializes keys and values into rows `[key…, value…, header…, pseudo…]`. */
export interface SourceNode {
  readonly type: 'source';
  readonly v: 1;
  readonly sourceName: string;
  readonly sourceType: 'stream' | 'table';
  readonly topic: string;
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  readonly window?: WindowInfo;
  /**
   * Row position of the TIMESTAMP column, and its format for STRING columns. `throwOnInvalid`
   * (`ksql.timestamp.throw.on.invalid`): a timestamp that cannot be extracted fails the query
   * instead of going to the processing log.
   */
  readonly timestamp?: {
    readonly index: number;
    readonly format?: string;
    readonly throwOnInvalid?: boolean;
  };
  readonly schema: readonly Column[];
}

/** Drops rows whose predicate is not TRUE (for tables: turns them into deletes). */
export interface FilterNode {
  readonly type: 'filter';
  readonly v: 1;
  readonly input: PlanNode;
  readonly predicate: TypedExpression;
  readonly schema: readonly Column[];
}

/** Computes the output columns (keys first, then values) from each input row. */
export interface ProjectNode {
  readonly type: 'project';
  readonly v: 1;
  readonly input: PlanNode;
  readonly expressions: readonly TypedExpression[];
  readonly schema: readonly Column[];
}

/**
 * Table functions in the SELECT list: each input row becomes one row per element of the
 * functions' results (zipped, padding with NULL, as ksqlDB).
 */
export interface FlatMapNode {
  readonly type: 'flatMap';
  readonly v: 1;
  readonly input: PlanNode;
  /** Table function calls; their results become new columns appended to the input row. */
  readonly functions: readonly {
    readonly name: string;
    readonly args: readonly TypedExpression[];
  }[];
  readonly schema: readonly Column[];
}

/**
 * GROUP BY: rows `[group keys…, aggregate results…, WINDOWSTART, WINDOWEND]` (window bounds
 * only when windowed), one per change of a group (EMIT CHANGES) or per closed window (FINAL).
 */
export interface AggregateNode {
  readonly type: 'aggregate';
  readonly v: 1;
  readonly input: PlanNode;
  readonly groupBy: readonly TypedExpression[];
  readonly aggregates: readonly {
    readonly name: string;
    readonly args: readonly TypedExpression[];
    /** The query's `ksql.functions.*` properties (COLLECT_LIST's limit), when any were set. */
    readonly settings?: Readonly<Record<string, string>>;
  }[];
  readonly window?: {
    readonly kind: 'tumbling' | 'hopping' | 'session';
    readonly sizeMs: number;
    readonly advanceMs: number;
    readonly gapMs: number;
    readonly graceMs: number;
    readonly retentionMs: number;
  };
  readonly emit: 'changes' | 'final';
  readonly schema: readonly Column[];
}

/**
 * A join of two inputs on one key expression per side; rows `[join key, …left row, …right row]`
 * (the missing side all NULL for outer results).
 */
export interface JoinNode {
  readonly type: 'join';
  readonly v: 1;
  readonly kind: 'streamStream' | 'streamTable' | 'tableTable' | 'foreignKey';
  readonly joinType: 'inner' | 'left' | 'right' | 'full';
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly leftKey: TypedExpression;
  readonly rightKey: TypedExpression;
  /** Foreign-key joins: positions of the left table's primary key in the left row. */
  readonly leftPrimaryKey?: readonly number[];
  /**
   * Foreign-key joins of partitioned plans: Kafka Streams' subscription protocol, so the left
   * table's tasks and the right table's tasks need not be co-partitioned. Left tasks send each
   * row's subscription to the right task of its foreign key through `registration`; right tasks
   * answer with the right row, now and on every right change, through `response`. Absent in
   * plans from before it (and push queries): the join runs as one task over every partition.
   */
  readonly subscriptions?: {
    /** The internal topics' names after the query's group prefix (`…-topic`). */
    readonly registration: string;
    readonly response: string;
    /** The right side's key format: a subscription's key is the foreign key written in it. */
    readonly foreignKeyFormat: FormatInfo;
    /**
     * `streamsql.foreign.key.join.in.order`: each left record is answered before the next one
     * of its task is processed (a transaction per left record), so results come in input order
     * with every intermediate result, as Kafka Streams' topology test driver gives them. Off,
     * left records go in batches and an answer to a superseded version is dropped, as Kafka
     * Streams does in production: the same final results, sooner.
     */
    readonly inOrder?: true;
  };
  /** Stream-stream joins: how far apart the two records may be, and the grace period. */
  readonly within?: {
    readonly beforeMs: number;
    readonly afterMs: number;
    readonly graceMs?: number;
  };
  readonly schema: readonly Column[];
}

/**
 * Moves rows to the partition of a new key, through an internal topic (ksqlDB's implicit
 * repartition before a GROUP BY or a join on a non-key expression): the part of the query up to
 * here writes each row to `<query group>-<name>-repartition`, keyed by `keys` in `keyFormat`
 * (partitioned by murmur2 of the key bytes), and the part after it reads that topic, one task
 * per partition. Rows come out as they went in (same schema); only their partition changes.
 */
export interface RepartitionNode {
  readonly type: 'repartition';
  readonly v: 1;
  readonly input: PlanNode;
  /** ksqlDB's name of the step: `Join-left`, `L_Join-right`, `Join`, `Aggregate-GroupBy`, … */
  readonly name: string;
  /** The new key: its serialized bytes choose the partition. */
  readonly keys: readonly TypedExpression[];
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  /**
   * Table input whose key changes (GROUP BY over a table): a change is sent as two records,
   * the retraction of the old row to the old key's partition and the new row to the new key's.
   */
  readonly splitChanges?: boolean;
  readonly schema: readonly Column[];
}

/** Where a persistent query writes. */
export interface SinkSpec {
  readonly sourceName: string;
  readonly topic: string;
  readonly sourceType: 'stream' | 'table';
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  /** Windowed results: keys are written in ksqlDB's time or session windowed key format. */
  readonly window?: WindowInfo;
  /** Row position of the column whose value is the output record's timestamp. */
  readonly timestamp?: { readonly index: number; readonly format?: string };
  /**
   * The key columns are the source record's key as it was read (no PARTITION BY, GROUP BY or
   * join): a record read with a null key is written with a null key, as ksqlDB passes it on.
   */
  readonly keyPassesThrough?: boolean;
}

/** A persistent query (CSAS, CTAS, INSERT INTO): a plan and its sink. */
export interface QueryPlan {
  readonly v: 1;
  readonly queryId: string;
  readonly root: PlanNode;
  readonly sink: SinkSpec;
  /** The sources the query reads, by name. */
  readonly sources: readonly string[];
  /**
   * One task per partition, with repartition topics where the plan has repartition nodes and a
   * store per task. Absent in plans accepted before tasks existed: they run as one task over
   * every partition, with single-partition changelogs, as they did.
   */
  readonly partitioned?: true;
}
