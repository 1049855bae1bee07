/**
 * A running persistent query (CSAS, CTAS, INSERT INTO): reads each source's partitions from
 * their committed offsets, runs each batch along its source's path, and commits the output
 * records, state changelogs, processing-log records and input offsets in one transaction, so a
 * crash at any point neither loses nor duplicates a record.
 */
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { QueryPlan } from '../planner/plan.js';
import { SinkEncoder } from './operators/sink.js';
import { PROCESSING_LOG_TOPIC } from './processing-log.js';
import { BatchContext, type ProcessingLogListener } from './processing-log-writer.js';
import { queryGroup } from './query-names.js';
import { restoreState } from './restore-state.js';
import { nextChunk } from './next-chunk.js';
import { SourceCursor } from './source-cursor.js';
import { buildTopology, runPath, type Topology } from './topology.js';

export type QueryState = 'RUNNING' | 'ERROR' | 'TERMINATED';

export class PersistentQuery {
  state: QueryState = 'RUNNING';
  error: string | undefined;
  readonly group: string;
  private readonly topology: Topology;
  private readonly sink: SinkEncoder;
  private readonly cursors: SourceCursor[];

  constructor(
    readonly plan: QueryPlan,
    readonly sql: string,
    private readonly log: Log,
    functions: FunctionRegistry,
    private readonly onProcessingError?: ProcessingLogListener,
  ) {
    this.topology = buildTopology(plan.root, functions, plan.queryId);
    this.sink = new SinkEncoder(plan.sink, this.topology.schema, functions);
    this.group = queryGroup(plan.queryId);
    this.cursors = this.topology.paths.map((p) => new SourceCursor(log, p.node.topic));
  }

  /** The state stores of the query's operators, with their changelog topics. */
  stores(): { operator: string; name: string; changelogTopic?: string }[] {
    return this.topology.operators.flatMap((op) =>
      (op.stores?.() ?? []).map((s) => ({ operator: op.name, ...s })),
    );
  }

  /** The topics the query reads. */
  get sourceTopics(): readonly string[] {
    return this.cursors.map((c) => c.topic);
  }

  /** Each source path commits under its own group, so a self-join's two readers stay apart. */
  private groupOf(path: number): string {
    return path === 0 ? this.group : `${this.group}-source${path}`;
  }

  /**
   * Loads the committed offsets and restores state; a new query starts where `offsetReset`
   * says and commits that position at once, so a restart never moves it.
   */
  async open(offsetReset: 'earliest' | 'latest'): Promise<void> {
    const tx = this.log.transaction();
    let fresh = false;
    for (const [i, cursor] of this.cursors.entries()) {
      const committed = await this.log.committedOffsets(this.groupOf(i), cursor.topic);
      await cursor.startAt(offsetReset, committed);
      if (committed.size === 0) {
        fresh = true;
        cursor.positions.forEach((offset, partition) =>
          tx.commitOffset(this.groupOf(i), { topic: cursor.topic, partition }, offset),
        );
      }
    }
    if (fresh) await tx.commit();
    else tx.abort();
    await restoreState(
      this.topology,
      this.log,
      this.cursors.map((c) => c.positions),
    );
  }

  /**
   * Processes the next chunks of input, up to about `maxRecords`, and commits them in one
   * transaction; returns how many input records it consumed.
   */
  async step(maxRecords = 5000): Promise<number> {
    if (this.state !== 'RUNNING') return 0;
    const ctx = new BatchContext(this.plan.queryId, this.onProcessingError);
    const tx = this.log.transaction();
    const positions = new Map<string, { path: number; partition: number; next: number }>();
    let consumed = 0;
    while (consumed < maxRecords) {
      const chunk = await nextChunk(this.cursors);
      if (!chunk) break;
      const output = this.sink.encode(
        runPath(this.topology.paths[chunk.path]!, chunk.records, ctx),
        ctx,
      );
      if (output.length > 0) tx.append(this.plan.sink.topic, output);
      const next = this.cursors[chunk.path]!.advance(chunk.partition, chunk.records);
      positions.set(`${chunk.path}/${chunk.partition}`, {
        path: chunk.path,
        partition: chunk.partition,
        next,
      });
      consumed += chunk.records.length;
    }
    if (consumed === 0) {
      tx.abort();
      return 0;
    }
    for (const op of this.topology.operators) {
      for (const changes of op.changelog?.() ?? []) {
        if (changes.records.length > 0) tx.append(changes.topic, changes.records);
      }
    }
    if (ctx.entries.length > 0) tx.append(PROCESSING_LOG_TOPIC, ctx.records());
    for (const { path, partition, next } of positions.values()) {
      tx.commitOffset(this.groupOf(path), { topic: this.cursors[path]!.topic, partition }, next);
    }
    await tx.commit();
    return consumed;
  }

  async caughtUp(): Promise<boolean> {
    for (const c of this.cursors) if (!(await c.caughtUp())) return false;
    return true;
  }

  fail(err: unknown): void {
    this.state = 'ERROR';
    this.error = err instanceof Error ? err.message : String(err);
  }
}
