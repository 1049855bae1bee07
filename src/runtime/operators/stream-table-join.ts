/**
 * Stream-table join: the table side (right) keeps its current row per primary key; each stream
 * record (left) looks up its key and emits the joined row, with NULLs for a LEFT JOIN miss.
 * Table updates emit nothing. The output timestamp is the stream record's.
 */
import type { Log } from '../../log/log.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { RowFunction } from '../compile-expression.js';
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

export interface JoinConfig {
  readonly leftKey: RowFunction;
  readonly rightKey: RowFunction;
  readonly leftWidth: number;
  readonly rightWidth: number;
  readonly joinType: 'inner' | 'left' | 'right' | 'full';
  /** Prefix of the changelog topics of the join's stores (persistent queries only). */
  readonly changelogPrefix?: string;
  /** The task partition whose stores this operator keeps (their changelog partition). */
  readonly partition?: number;
  /** Time-windowed sources: rows meet on key and window start (see joinKeyString). */
  readonly windowStartOnly?: boolean;
}

export class StreamTableJoinOperator implements Operator {
  readonly name = 'StreamTableJoin';
  private readonly table: ChangelogStore<StoredRow>;

  constructor(private readonly config: JoinConfig) {
    this.table = RowStore.rows(
      'Join-Table',
      config.changelogPrefix && `${config.changelogPrefix}-KafkaTopic_Right-Reduce-changelog`,
      config.partition,
    ).store;
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    const c = this.config;
    forEachGuarded(batch, ctx, this.name, (rec) => {
      if (port === 'right') {
        const key = c.rightKey(rec.row);
        if (key === null) return;
        const k = joinKeyString(key, rec.window, this.config.windowStartOnly);
        if (rec.tombstone) this.table.delete(k);
        else this.table.put(k, { row: rec.row, ts: rec.timestamp });
        return;
      }
      if (rec.tombstone) return;
      const key = c.leftKey(rec.row);
      const match =
        key === null
          ? undefined
          : this.table.get(joinKeyString(key, rec.window, this.config.windowStartOnly));
      if (!match && c.joinType === 'inner') return;
      out.push(
        withWindow(
          {
            row: joinedRow(key, rec.row, c.leftWidth, match ? match.row : null, c.rightWidth),
            timestamp: rec.timestamp,
            origin: rec.origin,
          },
          rec.window,
        ),
      );
    });
    return out;
  }

  stores(): StoreDescription[] {
    return describeStores([this.table]);
  }

  changelog() {
    return takeChangelogs([this.table as ChangelogStore<unknown>]);
  }

  restore(log: Log, state?: QueryStateDir): Promise<void> {
    return restoreStores([this.table as ChangelogStore<unknown>], log, state);
  }
}
