/**
 * Table functions (EXPLODE, …): each input row becomes as many rows as the longest function
 * result, the results appended as new columns, shorter results padded with NULL (ksqlDB).
 */
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';
import { forEachGuarded, type Operator } from './operator.js';

export type TableFunctionCall = (row: readonly unknown[]) => readonly unknown[];

export class FlatMapOperator implements Operator {
  readonly name = 'FlatMap';
  constructor(private readonly calls: readonly TableFunctionCall[]) {}

  process(batch: readonly Rec[], ctx: TaskContext): Rec[] {
    const out: Rec[] = [];
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (rec.tombstone) return;
      const results = this.calls.map((call) => call(rec.row));
      const n = Math.max(0, ...results.map((r) => r.length));
      for (let i = 0; i < n; i++) {
        const row = rec.row.slice();
        for (const r of results) row.push(i < r.length ? r[i] : null);
        out.push({ row, timestamp: rec.timestamp, origin: rec.origin });
      }
    });
    return out;
  }
}
