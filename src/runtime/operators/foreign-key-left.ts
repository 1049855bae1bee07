/**
 * The left half of a partitioned foreign-key join (Kafka Streams' SubscriptionSendProcessor and
 * ResponseJoinProcessor): a task of the left table's partitions. It keeps the left rows of its
 * partition, sends each new row's subscription to the right task of its foreign key (and an
 * unsubscription to the old one when the foreign key changes), and emits the joined row when the
 * response comes back, or when the right row of a subscribed key changes.
 *
 * Results follow the single-task ForeignKeyJoinOperator: a new left row propagates only when it
 * has a result (INNER), an updated or deleted left row always propagates (a tombstone when it
 * has no result), a right change re-emits every left row that references it. A response to a
 * version of a left row that has changed since is dropped, as Kafka Streams drops one whose
 * value hash no longer matches. With `streamsql.foreign.key.join.in.order`, a left record waits
 * for its response before the next left record of the task is processed (`roundTrips`), so
 * results come in input order with every intermediate one; without, left records go in batches
 * and only the latest version of a row is answered, as in Kafka Streams.
 */
import type { Log, ProducerRecord } from '../../log/log.js';
import type { Rec } from '../record.js';
import { ChangelogStore } from '../state/changelog-store.js';
import { decodeValues, encodeValues } from '../state/key-codec.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { TaskContext } from '../task-context.js';
import {
  messageOf,
  messageRec,
  type Response,
  type ResponseKind,
  type SubscriptionEncoder,
} from './foreign-key-messages.js';
import { foreignKeyTombstone, joinedRow, keyString } from './join-state.js';
import {
  describeStores,
  forEachGuarded,
  type Operator,
  type Port,
  type StoreDescription,
} from './operator.js';
import type { JoinConfig } from './stream-table-join.js';

interface LeftEntry {
  readonly row: unknown[];
  readonly ts: number;
  /**
   * The input record this version of the row came from (`topic/partition/offset`): a response
   * answers one version, and no two versions share it, not even across a delete.
   */
  readonly version: string;
  /** The result last emitted for this key (null: none, or a tombstone). */
  readonly out: unknown[] | null;
}

export class ForeignKeyLeftOperator implements Operator {
  readonly name = 'ForeignKeyJoin-Left';
  private readonly left: ChangelogStore<LeftEntry>;
  private pending: ProducerRecord[] = [];

  constructor(
    private readonly config: JoinConfig,
    /** Positions of the left table's primary key columns in its row. */
    private readonly leftKeyIndexes: readonly number[],
    private readonly subscriptions: SubscriptionEncoder,
    /** Each left record waits for its answer before the next (see Operator.roundTrips). */
    readonly roundTrips = false,
  ) {
    const prefix = config.changelogPrefix;
    this.left = new ChangelogStore<LeftEntry>(
      'FkJoin-Left',
      prefix && `${prefix}-KafkaTopic_Left-Reduce-changelog`,
      (v) => ({ r: encodeValues(v.row), t: v.ts, v: v.version, o: v.out && encodeValues(v.out) }),
      (s) => {
        const x = s as { r: string; t: number; v: string; o: string | null };
        return {
          row: decodeValues(x.r),
          ts: x.t,
          version: x.v,
          out: x.o ? decodeValues(x.o) : null,
        };
      },
      { partition: config.partition ?? 0 },
    );
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    forEachGuarded(batch, ctx, this.name, (rec) =>
      port === 'right' ? this.response(rec, out) : this.leftChange(rec, out, ctx),
    );
    return out;
  }

  private leftChange(rec: Rec, out: Rec[], ctx: TaskContext): void {
    const pkKey = encodeValues(this.leftKeyIndexes.map((i) => rec.row[i]));
    const before = this.left.get(pkKey);
    const oldFk = before ? this.config.leftKey(before.row) : null;
    if (rec.tombstone) {
      if (!before) return;
      this.left.delete(pkKey);
      if (oldFk !== null) this.send(false, oldFk, pkKey, before.version, 'update', rec, ctx);
      out.push(
        foreignKeyTombstone(
          this.config,
          this.leftKeyIndexes,
          before.row,
          rec.timestamp,
          before.out,
          rec,
        ),
      );
      return;
    }
    const fk = this.config.leftKey(rec.row);
    const entry: LeftEntry = {
      row: rec.row,
      ts: rec.timestamp,
      version: versionOf(rec),
      out: before?.out ?? null,
    };
    this.left.put(pkKey, entry);
    if (oldFk !== null && (fk === null || keyString(fk) !== keyString(oldFk))) {
      this.send(false, oldFk, pkKey, entry.version, 'update', rec, ctx);
    }
    const kind: ResponseKind = before ? 'update' : 'new';
    // A null foreign key names no right row: the result is known here.
    if (fk === null) this.resolve(pkKey, entry, null, kind, rec.timestamp, rec, out);
    else this.send(true, fk, pkKey, entry.version, kind, rec, ctx);
  }

  private send(
    subscribe: boolean,
    fk: unknown,
    pkKey: string,
    version: string,
    kind: ResponseKind,
    rec: Rec,
    ctx: TaskContext,
  ): void {
    const message = {
      subscribe,
      fk,
      pkKey,
      version,
      kind,
      partition: this.config.partition ?? 0,
    };
    this.pending.push(
      ...this.subscriptions.encode([messageRec(message, rec.timestamp, rec.origin)], ctx),
    );
  }

  private response(rec: Rec, out: Rec[]): void {
    const r = messageOf<Response>(rec);
    const entry = this.left.get(r.pkKey);
    if (!entry || entry.version !== r.version) return;
    const timestamp = r.kind === 'right' ? Math.max(rec.timestamp, entry.ts) : entry.ts;
    this.resolve(r.pkKey, entry, r.right, r.kind, timestamp, rec, out);
  }

  private resolve(
    pkKey: string,
    entry: LeftEntry,
    right: unknown[] | null,
    kind: ResponseKind,
    timestamp: number,
    rec: Rec,
    out: Rec[],
  ): void {
    const c = this.config;
    const pk = entry.row[this.leftKeyIndexes[0]!];
    const old = entry.out;
    let result: unknown[] | null;
    if (right || c.joinType === 'left') {
      result = joinedRow(pk, entry.row, c.leftWidth, right, c.rightWidth);
      out.push({ row: result, timestamp, old, origin: rec.origin });
    } else if (kind === 'update' || (kind === 'right' && old)) {
      out.push(
        foreignKeyTombstone(this.config, this.leftKeyIndexes, entry.row, timestamp, old, rec),
      );
      result = null;
    } else return;
    // A new entry: the one read from the store is shared with its cache.
    this.left.put(pkKey, { ...entry, out: result });
  }

  /** The subscriptions sent since the last call, for the registration topic. */
  internalRecords(): { topic: string; records: ProducerRecord[] }[] {
    if (this.pending.length === 0) return [];
    const records = this.pending;
    this.pending = [];
    return [{ topic: this.subscriptions.topic, records }];
  }

  stores(): StoreDescription[] {
    return describeStores([this.left]);
  }

  changelog() {
    return this.left.changelogTopic
      ? [{ topic: this.left.changelogTopic, records: this.left.takeChangelog() }]
      : [];
  }

  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    await this.left.restore(log, state);
  }
}

function versionOf(rec: Rec): string {
  const o = rec.origin;
  return `${o.topic}/${o.partition}/${o.offset}`;
}
