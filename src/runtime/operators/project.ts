/** SELECT: computes each output row (keys first, then values) from the input row, and the previous row of a table change. */
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import type { RowProjection } from '../compile-expression.js';
import { forEachGuarded, logErrors, type Operator } from './operator.js';

export class ProjectOperator implements Operator {
  readonly name = 'Project';
  constructor(
    private readonly project: RowProjection,
    /** Computes just the key columns, for deletes (whose value columns are all null). */
    private readonly projectKey: RowProjection,
    private readonly width: number,
  ) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const project = this.project;
    const emit = (rec: Rec, row: unknown[], old: unknown[] | null | undefined): void => {
      const next: Rec = { row, timestamp: rec.timestamp, origin: rec.origin };
      if (rec.tombstone) next.tombstone = true;
      if (old !== undefined) next.old = old;
      if (rec.window) next.window = rec.window;
      out.push(next);
    };
    forEachGuarded(
      batch,
      ctx,
      this.name,
      (rec) => {
        const row = rec.tombstone
          ? padNulls(this.projectKey(rec.row), this.width)
          : project(rec.row);
        emit(
          rec,
          row,
          rec.old === undefined ? undefined : rec.old === null ? null : project(rec.old),
        );
      },
      (rec) => {
        const errors: unknown[] = [];
        const row = rec.tombstone
          ? padNulls(this.projectKey.safe(rec.row, errors), this.width)
          : project.safe(rec.row, errors);
        const old =
          rec.old === undefined ? undefined : rec.old === null ? null : project.safe(rec.old, []);
        logErrors(rec, errors, ctx, this.name);
        emit(rec, row, old);
      },
    );
    return out;
  }
}

function padNulls(row: unknown[], width: number): unknown[] {
  for (let i = row.length; i < width; i++) row.push(null);
  return row;
}
