/**
 * Table-table join on primary keys, as Kafka Streams' KTable-KTable joins: each side keeps its
 * current row per key; a change on either side looks up the other and emits the new joined row
 * (or a delete), carrying the previous joined row for the operators after it. INNER emits only
 * when both sides exist, LEFT/RIGHT when their side exists, FULL when either does. The output
 * timestamp is the later of the two rows'.
 */
import type { Log } from '../../log/log.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { Rec } from '../record.js';
import type { ChangelogStore } from '../state/changelog-store.js';
import type { TaskContext } from '../task-context.js';
import {
  joinedRow,
  joinKeyString,
  withWindow,
  restoreStores,
  RowStore,
  takeChangelogs,
  type StoredRow,
} from './join-state.js';
import {
  describeStores,
  forEachGuarded,
  type Operator,
  type Port,
  type StoreDescription,
} from './operator.js';
import type { JoinConfig } from './stream-table-join.js';

export class TableTableJoinOperator implements Operator {
  readonly name = 'TableTableJoin';
  private readonly sides: Record<'left' | 'right', ChangelogStore<StoredRow>>;

  constructor(private readonly config: JoinConfig) {
    const prefix = config.changelogPrefix;
    this.sides = {
      left: RowStore.rows(
        'Join-Left',
        prefix && `${prefix}-KafkaTopic_Left-Reduce-changelog`,
        config.partition,
      ).store,
      right: RowStore.rows(
        'Join-Right',
        prefix && `${prefix}-KafkaTopic_Right-Reduce-changelog`,
        config.partition,
      ).store,
    };
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    const c = this.config;
    const side = port === 'right' ? 'right' : 'left';
    const otherSide = side === 'left' ? 'right' : 'left';
    forEachGuarded(batch, ctx, this.name, (rec) => {
      const key = (side === 'left' ? c.leftKey : c.rightKey)(
        rec.old && rec.tombstone ? rec.old : rec.row,
      );
      if (key === null) return;
      const k = joinKeyString(key, rec.window, this.config.windowStartOnly);
      const before = this.sides[side].get(k);
      const other = this.sides[otherSide].get(k);
      if (rec.tombstone) this.sides[side].delete(k);
      else this.sides[side].put(k, { row: rec.row, ts: rec.timestamp });
      const now = rec.tombstone ? undefined : { row: rec.row, ts: rec.timestamp };
      const newRow = this.join(key, side, now?.row ?? null, other?.row ?? null);
      const oldRow = this.join(key, side, before?.row ?? null, other?.row ?? null);
      if (newRow === null && oldRow === null) return;
      const timestamp = Math.max(rec.timestamp, other?.ts ?? -Infinity);
      out.push(
        withWindow(
          newRow === null
            ? {
                row: joinedRow(key, null, c.leftWidth, null, c.rightWidth),
                timestamp,
                tombstone: true,
                old: oldRow,
                origin: rec.origin,
              }
            : { row: newRow, timestamp, old: oldRow, origin: rec.origin },
          rec.window,
        ),
      );
    });
    return out;
  }

  /** The joined row of one side's row and the other's, or null when the join type yields none. */
  private join(
    key: unknown,
    side: 'left' | 'right',
    mine: unknown[] | null,
    theirs: unknown[] | null,
  ): unknown[] | null {
    const c = this.config;
    const [l, r] = side === 'left' ? [mine, theirs] : [theirs, mine];
    const ok =
      c.joinType === 'inner'
        ? l !== null && r !== null
        : c.joinType === 'left'
          ? l !== null
          : c.joinType === 'right'
            ? r !== null
            : l !== null || r !== null;
    return ok ? joinedRow(key, l, c.leftWidth, r, c.rightWidth) : null;
  }

  stores(): StoreDescription[] {
    return describeStores([this.sides.left, this.sides.right]);
  }

  changelog() {
    return takeChangelogs([this.sides.left, this.sides.right] as ChangelogStore<unknown>[]);
  }

  restore(log: Log, state?: QueryStateDir): Promise<void> {
    return restoreStores(
      [this.sides.left, this.sides.right] as ChangelogStore<unknown>[],
      log,
      state,
    );
  }
}
