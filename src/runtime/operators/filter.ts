/**
 * WHERE and HAVING: keeps the rows whose predicate is TRUE. On table changes (which carry the
 * key's previous row) it follows KTable.filter: a row that stops matching becomes a delete, and
 * a change that matched neither before nor now emits nothing.
 */
import type { RowFunction } from '../compile-expression.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { forEachGuarded, logErrors, type Operator } from './operator.js';

export class FilterOperator implements Operator {
  readonly name = 'Filter';
  constructor(private readonly predicate: RowFunction) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const predicate = this.predicate;
    const decide = (rec: Rec, test: (row: readonly unknown[]) => unknown): void => {
      if (rec.old === undefined) {
        if (!rec.tombstone && test(rec.row) === true) out.push(rec);
        return;
      }
      const now = !rec.tombstone && test(rec.row) === true;
      const before = rec.old !== null && test(rec.old) === true;
      if (now) out.push(before ? rec : { ...rec, old: null });
      else if (before) out.push({ ...rec, tombstone: true });
    };
    forEachGuarded(
      batch,
      ctx,
      this.name,
      (rec) => decide(rec, predicate),
      (rec) => {
        const errors: unknown[] = [];
        decide(rec, (row) => predicate.safe(row, errors));
        logErrors(rec, errors, ctx, this.name);
      },
    );
    return out;
  }
}
