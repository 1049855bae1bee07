/**
 * A push query (`SELECT … EMIT CHANGES`): runs the same pipeline as a persistent query but
 * hands rows to a callback instead of a sink, commits nothing, and stops at its LIMIT.
 */
import type { Column } from '../common/schema.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { PlanNode } from '../planner/plan.js';
import { buildPipeline, runPipeline, type Pipeline } from './operator-factory.js';
import { PROCESSING_LOG_TOPIC } from './processing-log.js';
import { BatchContext, type ProcessingLogListener } from './processing-log-writer.js';
import { SourceCursor } from './source-cursor.js';

export interface PushRow {
  readonly values: readonly unknown[];
  /** A table change that deletes the key. */
  readonly tombstone: boolean;
}

export class PushQuery {
  private readonly pipeline: Pipeline;
  private readonly cursor: SourceCursor;
  private emitted = 0;

  constructor(
    readonly queryId: string,
    root: PlanNode,
    private readonly log: Log,
    functions: FunctionRegistry,
    private readonly onRow: (row: PushRow) => void,
    private readonly limit: number | undefined,
    private readonly onProcessingError?: ProcessingLogListener,
  ) {
    this.pipeline = buildPipeline(root, functions);
    this.cursor = new SourceCursor(log, this.pipeline.sourceNode.topic);
  }

  get schema(): readonly Column[] {
    return this.pipeline.schema;
  }

  get sourceTopic(): string {
    return this.cursor.topic;
  }

  get done(): boolean {
    return this.limit !== undefined && this.emitted >= this.limit;
  }

  open(offsetReset: 'earliest' | 'latest'): Promise<void> {
    return this.cursor.startAt(offsetReset);
  }

  async step(): Promise<number> {
    let consumed = 0;
    for (let partition = 0; partition < this.cursor.partitions && !this.done; partition++) {
      const records = await this.cursor.read(partition);
      if (records.length === 0) continue;
      const ctx = new BatchContext(this.queryId, this.onProcessingError);
      for (const rec of runPipeline(this.pipeline, records, ctx)) {
        if (this.done) break;
        this.emitted++;
        this.onRow({ values: rec.row, tombstone: rec.tombstone === true });
      }
      if (ctx.entries.length > 0) await this.log.append(PROCESSING_LOG_TOPIC, ctx.records());
      this.cursor.advance(partition, records);
      consumed += records.length;
    }
    return consumed;
  }

  caughtUp(): Promise<boolean> {
    return this.cursor.caughtUp();
  }
}
