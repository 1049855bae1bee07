/**
 * A push query (`SELECT … EMIT CHANGES`): runs the same topology as a persistent query but
 * hands rows to a callback instead of a sink, commits nothing, and stops at its LIMIT.
 */
import type { Column } from '../common/schema.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { PlanNode } from '../planner/plan.js';
import { PROCESSING_LOG_TOPIC } from './processing-log.js';
import { BatchContext, type ProcessingLogListener } from './processing-log-writer.js';
import { nextChunk } from './next-chunk.js';
import { SourceCursor } from './source-cursor.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import { buildTopology, runPath, type Topology } from './topology.js';

export interface PushRow {
  readonly values: readonly unknown[];
  /** A table change that deletes the key. */
  readonly tombstone: boolean;
}

export class PushQuery {
  private readonly topology: Topology;
  private readonly cursors: SourceCursor[];
  private emitted = 0;

  constructor(
    readonly queryId: string,
    root: PlanNode,
    private readonly log: Log,
    functions: FunctionRegistry,
    private readonly onRow: (row: PushRow) => void,
    private readonly limit: number | undefined,
    private readonly onProcessingError?: ProcessingLogListener,
    registry?: SchemaRegistry,
  ) {
    this.topology = buildTopology(root, functions, undefined, registry);
    this.cursors = this.topology.paths.map((p) => new SourceCursor(log, p.topic));
  }

  get schema(): readonly Column[] {
    return this.topology.schema;
  }

  get sourceTopics(): readonly string[] {
    return this.cursors.map((c) => c.topic);
  }

  get done(): boolean {
    return this.limit !== undefined && this.emitted >= this.limit;
  }

  async open(offsetReset: 'earliest' | 'latest'): Promise<void> {
    for (const c of this.cursors) await c.startAt(offsetReset);
  }

  async step(maxRecords = 5000): Promise<number> {
    let consumed = 0;
    while (consumed < maxRecords && !this.done) {
      const chunk = await nextChunk(this.cursors);
      if (!chunk) break;
      const ctx = new BatchContext(this.queryId, this.onProcessingError);
      for (const rec of runPath(this.topology.paths[chunk.path]!, chunk.records, ctx)) {
        if (this.done) break;
        this.emitted++;
        this.onRow({ values: rec.row, tombstone: rec.tombstone === true });
      }
      if (ctx.entries.length > 0) await this.log.append(PROCESSING_LOG_TOPIC, ctx.records());
      this.cursors[chunk.path]!.advance(chunk.partition, chunk.records);
      consumed += chunk.records.length;
    }
    return consumed;
  }

  async caughtUp(): Promise<boolean> {
    for (const c of this.cursors) if (!(await c.caughtUp())) return false;
    return true;
  }
}
