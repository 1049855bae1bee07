/**
 * Foreign-key table-table join: each left row names a right row by a (non-key) expression; the
 * result is keyed by the left table's primary key. A left change looks up its right row; a right
 * change re-emits every left row that references it. INNER emits only matched rows (and a delete
 * when a row stops matching), LEFT every left row.
 */
import type { Log } from '../../log/log.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { Rec } from '../record.js';
import type { ChangelogStore } from '../state/changelog-store.js';
import type { TaskContext } from '../task-context.js';
import { encodeValues } from '../state/key-codec.js';
import {
  foreignKeyTombstone,
  joinedRow,
  keyString,
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

export class ForeignKeyJoinOperator implements Operator {
  readonly name = 'ForeignKeyJoin';
  private readonly left: ChangelogStore<StoredRow>;
  private readonly right: ChangelogStore<StoredRow>;
  /** Foreign key → the left primary keys that reference it (rebuilt from the left store). */
  private readonly referencing = new Map<string, Set<string>>();

  constructor(
    private readonly config: JoinConfig,
    /** Positions of the left table's primary key columns in its row. */
    private readonly leftKeyIndexes: readonly number[],
  ) {
    const prefix = config.changelogPrefix;
    this.left = RowStore.rows(
      'FkJoin-Left',
      prefix && `${prefix}-KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010-changelog`,
      config.partition,
    ).store;
    this.right = RowStore.rows(
      'FkJoin-Right',
      prefix && `${prefix}-KafkaTopic_Right-Reduce-changelog`,
      config.partition,
    ).store;
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    forEachGuarded(batch, ctx, this.name, (rec) =>
      port === 'right' ? this.rightChange(rec, out) : this.leftChange(rec, out),
    );
    return out;
  }

  /**
   * As Kafka Streams' subscription protocol: a deleted or updated left row always propagates
   * (a tombstone when it has no result), a new one only when it has a result.
   */
  private leftChange(rec: Rec, out: Rec[]): void {
    const { pk, pkKey } = this.primaryKey(rec.row);
    const before = this.left.get(pkKey);
    if (before) this.unreference(before.row, pkKey);
    const oldRow = before ? this.joinLeft(pk, before.row) : null;
    if (rec.tombstone) {
      this.left.delete(pkKey);
    } else {
      this.left.put(pkKey, { row: rec.row, ts: rec.timestamp });
      this.reference(rec.row, pkKey);
      const newRow = this.joinLeft(pk, rec.row);
      if (newRow) {
        out.push({ row: newRow, timestamp: rec.timestamp, old: oldRow, origin: rec.origin });
        return;
      }
    }
    // Deleted, or updated to no result: the old result, if any, is retracted.
    if (before) {
      out.push(
        foreignKeyTombstone(
          this.config,
          this.leftKeyIndexes,
          before.row,
          rec.timestamp,
          oldRow,
          rec,
        ),
      );
    }
  }

  /** The left table's primary key (the first key column stands in the join's key slot). */
  private primaryKey(row: readonly unknown[]): { pk: unknown; pkKey: string } {
    return {
      pk: row[this.leftKeyIndexes[0]!],
      pkKey: encodeValues(this.leftKeyIndexes.map((i) => row[i])),
    };
  }

  private rightChange(rec: Rec, out: Rec[]): void {
    const c = this.config;
    const fk = c.rightKey(rec.row);
    if (fk === null) return;
    const fkKey = keyString(fk);
    const before = this.right.get(fkKey);
    if (rec.tombstone) this.right.delete(fkKey);
    else this.right.put(fkKey, { row: rec.row, ts: rec.timestamp });
    for (const pkKey of this.referencing.get(fkKey) ?? []) {
      const left = this.left.get(pkKey)!;
      const { pk } = this.primaryKey(left.row);
      const oldRow =
        before || c.joinType === 'left'
          ? joinedRow(pk, left.row, c.leftWidth, before?.row ?? null, c.rightWidth)
          : null;
      const newRow = this.joinLeft(pk, left.row);
      const timestamp = Math.max(rec.timestamp, left.ts);
      if (newRow) out.push({ row: newRow, timestamp, old: oldRow, origin: rec.origin });
      else if (oldRow)
        out.push(
          foreignKeyTombstone(this.config, this.leftKeyIndexes, left.row, timestamp, oldRow, rec),
        );
    }
  }

  private joinLeft(pk: unknown, leftRow: unknown[]): unknown[] | null {
    const c = this.config;
    const fk = c.leftKey(leftRow);
    const right = fk === null ? undefined : this.right.get(keyString(fk));
    if (!right && c.joinType === 'inner') return null;
    return joinedRow(pk, leftRow, c.leftWidth, right?.row ?? null, c.rightWidth);
  }

  private reference(leftRow: unknown[], pkKey: string): void {
    const fk = this.config.leftKey(leftRow);
    if (fk === null) return;
    const k = keyString(fk);
    let set = this.referencing.get(k);
    if (!set) this.referencing.set(k, (set = new Set()));
    set.add(pkKey);
  }

  private unreference(leftRow: unknown[], pkKey: string): void {
    const fk = this.config.leftKey(leftRow);
    if (fk !== null) this.referencing.get(keyString(fk))?.delete(pkKey);
  }

  stores(): StoreDescription[] {
    return describeStores([this.left, this.right]);
  }

  changelog() {
    return takeChangelogs([this.left, this.right] as ChangelogStore<unknown>[]);
  }

  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    await restoreStores([this.left, this.right] as ChangelogStore<unknown>[], log, state);
    for (const [pkKey, v] of this.left.entries()) this.reference(v.row, pkKey);
  }
}
