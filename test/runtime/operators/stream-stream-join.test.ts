import { describe, expect, it } from 'vitest';
import type { RowFunction } from '../../../src/runtime/compile-expression.js';
import { StreamStreamJoinOperator } from '../../../src/runtime/operators/stream-stream-join.js';
import type { Rec } from '../../../src/runtime/record.js';
import type { TaskContext } from '../../../src/runtime/task-context.js';

const ctx: TaskContext = {
  queryId: 'test',
  processingError: (_o, err) => {
    throw err;
  },
};

const firstColumn: RowFunction = Object.assign((row: readonly unknown[]) => row[0], {
  safe: (row: readonly unknown[]) => row[0],
});

/** Rows are `[key, value]` on both sides; joined rows `[key, lk, lv, rk, rv]`. */
function operator(joinType: 'inner' | 'left' | 'right' | 'full', graceMs?: number) {
  return new StreamStreamJoinOperator(
    {
      leftKey: firstColumn,
      rightKey: firstColumn,
      leftWidth: 2,
      rightWidth: 2,
      joinType,
    },
    10,
    10,
    graceMs,
  );
}

let offset = 0;
const rec = (key: number, value: string, timestamp: number): Rec => ({
  row: [key, value],
  timestamp,
  origin: { topic: 't', partition: 0, offset: offset++ },
});

const shown = (out: Rec[]) => out.map((r) => `${r.row.slice(1).join(',')}@${r.timestamp}`);

describe('StreamStreamJoinOperator', () => {
  it('joins within the window, stamping the later timestamp', () => {
    const op = operator('inner', 0);
    expect(op.process([rec(1, 'a', 100)], ctx, 'left')).toEqual([]);
    expect(shown(op.process([rec(1, 'b', 105)], ctx, 'right'))).toEqual(['1,a,1,b@105']);
    expect(shown(op.process([rec(1, 'c', 120)], ctx, 'right'))).toEqual([]);
  });

  it('holds a FULL join miss until window and grace passed, and drops it when a partner came', () => {
    const op = operator('full', 5);
    expect(op.process([rec(1, 'a', 100)], ctx, 'left')).toEqual([]);
    expect(op.process([rec(2, 'x', 100)], ctx, 'right')).toEqual([]);
    expect(shown(op.process([rec(2, 'y', 108)], ctx, 'left'))).toEqual(['2,y,2,x@108']);
    // 100 + 10 + 5 = 115 is not yet passed at 115; it is at 116 (right side first at equal time).
    expect(op.process([rec(9, 'z', 115)], ctx, 'left')).toEqual([]);
    expect(shown(op.process([rec(9, 'w', 116)], ctx, 'left'))).toEqual(['1,a,,@100']);
  });

  it('emits a late miss at once when its window had already passed, but still joins it', () => {
    const op = operator('left', 5);
    op.process([rec(1, 'a', 200)], ctx, 'left');
    op.process([rec(3, 'r', 150)], ctx, 'right');
    expect(shown(op.process([rec(2, 'late', 150)], ctx, 'left'))).toEqual(['2,late,,@150']);
    expect(shown(op.process([rec(3, 'late', 155)], ctx, 'left'))).toEqual(['3,late,3,r@155']);
  });

  it('forgets records past before + after + grace of their own side', () => {
    const op = operator('inner', 5);
    op.process([rec(1, 'old', 100)], ctx, 'left');
    op.process([rec(2, 'new', 126)], ctx, 'left');
    // The left store's time is 126: 100 is at or below 126 - 25, so it no longer joins.
    expect(op.process([rec(1, 'r', 105)], ctx, 'right')).toEqual([]);
  });
});
