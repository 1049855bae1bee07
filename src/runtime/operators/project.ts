/** SELECT: computes each output row (keys first, then values) from the input row, and the previous row of a table change. */
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { forEachGuarded, type Operator } from './operator.js';

export class ProjectOperator implements Operator {
  readonly name = 'Project';
  constructor(
    private readonly project: (row: readonly unknown[]) => unknown[],
    /** Computes just the key columns, for deletes (whose value columns are all null). */
    private readonly projectKey: (row: readonly unknown[]) => unknown[],
    private readonly width: number,
  ) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const project = this.project;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      const row = rec.tombstone ? padNulls(this.projectKey(rec.row), this.width) : project(rec.row);
      const next: Rec = { row, timestamp: rec.timestamp, origin: rec.origin };
      if (rec.tombstone) next.tombstone = true;
      if (rec.old !== undefined) next.old = rec.old === null ? null : project(rec.old);
      if (rec.window) next.window = rec.window;
      out.push(next);
    });
    return out;
  }
}

function padNulls(row: unknown[], width: number): unknown[] {
  for (let i = row.length; i < width; i++) row.push(null);
  return row;
}
