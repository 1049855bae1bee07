/**
 * WHERE and HAVING: keeps the rows whose predicate is TRUE. On table changes (which carry the
 * key's previous row) it follows KTable.filter: a row that stops matching becomes a delete, and
 * a change that matched neither before nor now emits nothing.
 */
import type { RowFunction } from '../compile-expression.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { forEachGuarded, type Operator } from './operator.js';

export class FilterOperator implements Operator {
  readonly name = 'Filter';
  constructor(private readonly predicate: RowFunction) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const predicate = this.predicate;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.old === undefined) {
        if (!rec.tombstone && predicate(rec.row) === true) out.push(rec);
        return;
      }
      const now = !rec.tombstone && predicate(rec.row) === true;
      const before = rec.old !== null && predicate(rec.old) === true;
      if (now) out.push(before ? rec : { ...rec, old: null });
      else if (before) out.push({ ...rec, tombstone: true });
    });
    return out;
  }
}
