import { describe, expect, it } from 'vitest';
import type { RowFunction } from '../../../src/runtime/compile-expression.js';
import { ForeignKeyLeftOperator } from '../../../src/runtime/operators/foreign-key-left.js';
import {
  messageRec,
  SubscriptionDecoder,
  SubscriptionEncoder,
  type Response,
  type Subscription,
} from '../../../src/runtime/operators/foreign-key-messages.js';
import type { Rec } from '../../../src/runtime/record.js';
import type { TaskContext } from '../../../src/runtime/task-context.js';

const ctx: TaskContext = {
  queryId: 'test',
  processingError: (_o, err) => {
    throw err;
  },
};

const column = (i: number): RowFunction =>
  Object.assign((row: readonly unknown[]) => row[i] ?? null, {
    safe: (row: readonly unknown[]) => row[i] ?? null,
  });

/** Left rows `[pk, fk]`, right rows `[id, name]`; joined rows `[pk, pk, fk, id, name]`. */
function operator(joinType: 'inner' | 'left') {
  return new ForeignKeyLeftOperator(
    { leftKey: column(1), rightKey: column(0), leftWidth: 2, rightWidth: 2, joinType },
    [0],
    new SubscriptionEncoder('subs', { format: 'KAFKA', options: {} }, { base: 'INTEGER' }, 'right'),
  );
}

const origin = { topic: 'left', partition: 0, offset: 0 };
let offset = 0;
const left = (pk: number, fk: number | null, timestamp = 1): Rec => ({
  row: [pk, fk],
  timestamp,
  origin: { ...origin, offset: offset++ },
});

/** The subscriptions the operator sent, decoded as the right side reads them. */
function sent(op: ForeignKeyLeftOperator): Subscription[] {
  const records = op.internalRecords().flatMap((w) => w.records);
  const decoded = new SubscriptionDecoder().decode(
    records.map((r, offset) => ({ ...r, topic: 'subs', partition: 0, offset, headers: [] })),
    ctx,
  );
  return decoded.map((r) => r.row[0] as Subscription);
}

const answer = (s: Subscription, right: unknown[] | null, kind = s.kind): Rec =>
  messageRec(
    { partition: 0, pkKey: s.pkKey, version: s.version, kind, right } satisfies Response,
    5,
    origin,
  );

const shown = (out: Rec[]) => out.map((r) => `${r.tombstone ? 'delete ' : ''}${r.row.join(',')}`);

describe('ForeignKeyLeftOperator', () => {
  it('emits a left row once its subscription is answered, dropping answers to older versions', () => {
    const op = operator('inner');
    expect(op.process([left(1, 7)], ctx, 'left')).toEqual([]);
    const [first] = sent(op);
    expect(first).toMatchObject({ subscribe: true, fk: 7, kind: 'new' });
    op.process([left(1, 7, 2)], ctx, 'left');
    const [second] = sent(op);
    expect(second).toMatchObject({ kind: 'update' });
    expect(second!.version).not.toBe(first!.version);
    // The row changed since the first subscription: its answer is stale.
    expect(op.process([answer(first!, [7, 'ann'])], ctx, 'right')).toEqual([]);
    expect(shown(op.process([answer(second!, [7, 'ann'])], ctx, 'right'))).toEqual(['1,1,7,7,ann']);
  });

  it('INNER: a new row without a match emits nothing, an update without one a delete', () => {
    const op = operator('inner');
    op.process([left(1, 7)], ctx, 'left');
    expect(op.process([answer(sent(op)[0]!, null)], ctx, 'right')).toEqual([]);
    op.process([left(1, 8)], ctx, 'left');
    const moved = sent(op);
    // Moving to another foreign key unsubscribes from the old one.
    expect(moved.map((s) => [s.subscribe, s.fk])).toEqual([
      [false, 7],
      [true, 8],
    ]);
    expect(shown(op.process([answer(moved[1]!, null)], ctx, 'right'))).toEqual(['delete 1,1,,,']);
  });

  it('a right change re-emits the row; its delete deletes an INNER result', () => {
    const op = operator('inner');
    op.process([left(1, 7)], ctx, 'left');
    const s = sent(op)[0]!;
    op.process([answer(s, [7, 'ann'])], ctx, 'right');
    expect(shown(op.process([answer(s, [7, 'anna'], 'right')], ctx, 'right'))).toEqual([
      '1,1,7,7,anna',
    ]);
    expect(shown(op.process([answer(s, null, 'right')], ctx, 'right'))).toEqual(['delete 1,1,,,']);
  });

  it('LEFT: a null foreign key is answered at once, with no subscription', () => {
    const op = operator('left');
    expect(shown(op.process([left(1, null)], ctx, 'left'))).toEqual(['1,1,,,']);
    expect(sent(op)).toEqual([]);
    expect(shown(op.process([{ ...left(1, null), tombstone: true }], ctx, 'left'))).toEqual([
      'delete 1,1,,,',
    ]);
  });

  it('drops an answer to a row deleted and inserted again since', () => {
    const op = operator('inner');
    op.process([left(1, 7)], ctx, 'left');
    const [old] = sent(op);
    op.process([{ ...left(1, 7), tombstone: true }], ctx, 'left');
    op.process([left(1, 7)], ctx, 'left');
    const [, again] = sent(op);
    expect(op.process([answer(old!, [7, 'ann'])], ctx, 'right')).toEqual([]);
    expect(shown(op.process([answer(again!, [7, 'ann'])], ctx, 'right'))).toEqual(['1,1,7,7,ann']);
  });
});
