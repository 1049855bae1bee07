/**
 * A running persistent query (CSAS, CTAS, INSERT INTO): reads its source partitions from their
 * committed offsets, runs each batch through its operators, and commits the output records,
 * processing-log records and input offsets in one transaction, so a crash at any point neither
 * loses nor duplicates a record.
 */
import type { Log } from '../log/log.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { QueryPlan } from '../planner/plan.js';
import { buildPipeline, runPipeline, type Pipeline } from './operator-factory.js';
import { restoreState } from './restore-state.js';
import { SinkEncoder } from './operators/sink.js';
import { PROCESSING_LOG_TOPIC } from './processing-log.js';
import { BatchContext, type ProcessingLogListener } from './processing-log-writer.js';
import { queryGroup } from './query-names.js';
import { SourceCursor } from './source-cursor.js';

export type QueryState = 'RUNNING' | 'ERROR' | 'TERMINATED';


export class PersistentQuery {
  state: QueryState = 'RUNNING';
  error: string | undefined;
  readonly group: string;
  private readonly pipeline: Pipeline;
  private readonly sink: SinkEncoder;
  private readonly cursor: SourceCursor;

  constructor(
    readonly plan: QueryPlan,
    readonly sql: string,
    private readonly log: Log,
    functions: FunctionRegistry,
    private readonly onProcessingError?: ProcessingLogListener,
  ) {
    this.pipeline = buildPipeline(plan.root, functions, plan.queryId);
    this.sink = new SinkEncoder(plan.sink, this.pipeline.schema, functions);
    this.group = queryGroup(plan.queryId);
    this.cursor = new SourceCursor(log, this.pipeline.sourceNode.topic);
  }

  get sourceTopic(): string {
    return this.cursor.topic;
  }

  /**
   * Loads the committed offsets; a new query starts where `offsetReset` says and commits that
   * position at once, so a restart never moves it.
   */
  async open(offsetReset: 'earliest' | 'latest'): Promise<void> {
    const topic = this.sourceTopic;
    const committed = await this.log.committedOffsets(this.group, topic);
    await this.cursor.startAt(offsetReset, committed);
    await restoreState(this.pipeline, this.log, this.cursor.positions);
    if (committed.size === 0) {
      const tx = this.log.transaction();
      this.cursor.positions.forEach((offset, partition) =>
        tx.commitOffset(this.group, { topic, partition }, offset),
      );
      await tx.commit();
    }
  }

  /** Processes at most one batch per partition; returns how many input records it consumed. */
  async step(): Promise<number> {
    if (this.state !== 'RUNNING') return 0;
    let consumed = 0;
    for (let partition = 0; partition < this.cursor.partitions; partition++) {
      const records = await this.cursor.read(partition);
      if (records.length === 0) continue;
      const ctx = new BatchContext(this.plan.queryId, this.onProcessingError);
      const output = this.sink.encode(runPipeline(this.pipeline, records, ctx), ctx);
      const tx = this.log.transaction();
      if (output.length > 0) tx.append(this.plan.sink.topic, output);
      for (const op of this.pipeline.operators) {
        const changes = op.changelog?.();
        if (changes && changes.records.length > 0) tx.append(changes.topic, changes.records);
      }
      if (ctx.entries.length > 0) tx.append(PROCESSING_LOG_TOPIC, ctx.records());
      const next = records[records.length - 1]!.offset + 1;
      tx.commitOffset(this.group, { topic: this.sourceTopic, partition }, next);
      await tx.commit();
      this.cursor.advance(partition, records);
      consumed += records.length;
    }
    return consumed;
  }

  caughtUp(): Promise<boolean> {
    return this.cursor.caughtUp();
  }

  fail(err: unknown): void {
    this.state = 'ERROR';
    this.error = err instanceof Error ? err.message : String(err);
  }
}
