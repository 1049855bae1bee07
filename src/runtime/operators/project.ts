/** SELECT: computes each output row (keys first, then values) from the input row. */
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
      if (rec.tombstone) {
        const row = padNulls(this.projectKey(rec.row), this.width);
        out.push({ row, timestamp: rec.timestamp, tombstone: true, origin: rec.origin });
      } else {
        out.push({ row: project(rec.row), timestamp: rec.timestamp, origin: rec.origin });
      }
    });
    return out;
  }
}

function padNulls(row: unknown[], width: number): unknown[] {
  for (let i = row.length; i < width; i++) row.push(null);
  return row;
}
