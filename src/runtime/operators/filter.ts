/** WHERE: keeps the rows whose predicate is TRUE; a table row that fails becomes a delete. */
import type { RowFunction } from '../compile-expression.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { forEachGuarded, type Operator } from './operator.js';

export class FilterOperator implements Operator {
  readonly name = 'Filter';
  constructor(
    private readonly predicate: RowFunction,
    private readonly isTable: boolean,
  ) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    const predicate = this.predicate;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.tombstone) {
        if (this.isTable) out.push(rec);
      } else if (predicate(rec.row) === true) {
        out.push(rec);
      } else if (this.isTable) {
        out.push({ ...rec, tombstone: true });
      }
    });
    return out;
  }
}
