/**
 * The right half of a partitioned foreign-key join (Kafka Streams' SubscriptionStoreReceive
 * and ForeignTableJoin processors): a task of the right table's partitions. It keeps the right
 * rows of its partition and the subscriptions of the left rows that reference them (Kafka
 * Streams' subscription store), answers each subscription with the current right row, and
 * answers every subscription of a key again when its right row changes. Its output rows are
 * responses, for the response topic.
 */
import type { Log } from '../../log/log.js';
import type { Rec } from '../record.js';
import { ChangelogStore } from '../state/changelog-store.js';
import { encodeValues } from '../state/key-codec.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { TaskContext } from '../task-context.js';
import {
  messageOf,
  messageRec,
  type Response,
  type ResponseKind,
  type Subscription,
} from './foreign-key-messages.js';
import {
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

/** A left row's subscription: where and for which version of the row to answer. */
interface Subscriber {
  readonly fkKey: string;
  readonly pkKey: string;
  readonly version: string;
  readonly partition: number;
}

export class ForeignKeySubscriptionOperator implements Operator {
  readonly name = 'ForeignKeyJoin-Right';
  private readonly right: ChangelogStore<StoredRow>;
  private readonly subscriptions: ChangelogStore<Subscriber>;
  /** Foreign key → its subscribers by left primary key (rebuilt from the store on restore). */
  private readonly byKey = new Map<string, Map<string, Subscriber>>();

  constructor(private readonly config: JoinConfig) {
    const prefix = config.changelogPrefix;
    const partition = config.partition ?? 0;
    this.right = RowStore.rows(
      'FkJoin-Right',
      prefix && `${prefix}-KafkaTopic_Right-Reduce-changelog`,
      partition,
    ).store;
    this.subscriptions = new ChangelogStore<Subscriber>(
      'FkJoin-Subscriptions',
      prefix && `${prefix}-KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010-changelog`,
      (v) => v,
      (s) => s as Subscriber,
      { partition },
    );
  }

  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[] {
    const out: Rec[] = [];
    forEachGuarded(batch, ctx, this.name, (rec) =>
      port === 'right' ? this.rightChange(rec, out) : this.subscription(rec, out),
    );
    return out;
  }

  private subscription(rec: Rec, out: Rec[]): void {
    const s = messageOf<Subscription>(rec);
    const fkKey = keyString(s.fk);
    const key = encodeValues([fkKey, s.pkKey]);
    if (!s.subscribe) {
      this.subscriptions.delete(key);
      this.unindex(fkKey, s.pkKey);
      return;
    }
    const sub: Subscriber = { fkKey, pkKey: s.pkKey, version: s.version, partition: s.partition };
    this.subscriptions.put(key, sub);
    this.index(sub);
    const right = this.right.get(fkKey);
    out.push(this.respond(sub, right?.row ?? null, s.kind, rec));
  }

  private rightChange(rec: Rec, out: Rec[]): void {
    const fk = this.config.rightKey(rec.row);
    if (fk === null) return;
    const fkKey = keyString(fk);
    if (rec.tombstone) this.right.delete(fkKey);
    else this.right.put(fkKey, { row: rec.row, ts: rec.timestamp });
    for (const sub of this.byKey.get(fkKey)?.values() ?? []) {
      out.push(this.respond(sub, rec.tombstone ? null : rec.row, 'right', rec));
    }
  }

  private respond(sub: Subscriber, right: unknown[] | null, kind: ResponseKind, rec: Rec): Rec {
    const response: Response = {
      partition: sub.partition,
      pkKey: sub.pkKey,
      version: sub.version,
      kind,
      right,
    };
    return messageRec(response, rec.timestamp, rec.origin);
  }

  private index(sub: Subscriber): void {
    let subs = this.byKey.get(sub.fkKey);
    if (!subs) this.byKey.set(sub.fkKey, (subs = new Map()));
    subs.set(sub.pkKey, sub);
  }

  private unindex(fkKey: string, pkKey: string): void {
    const subs = this.byKey.get(fkKey);
    subs?.delete(pkKey);
    if (subs?.size === 0) this.byKey.delete(fkKey);
  }

  stores(): StoreDescription[] {
    return describeStores([this.right, this.subscriptions]);
  }

  changelog() {
    return takeChangelogs([this.right, this.subscriptions] as ChangelogStore<unknown>[]);
  }

  async restore(log: Log, state?: QueryStateDir): Promise<void> {
    await restoreStores([this.right, this.subscriptions] as ChangelogStore<unknown>[], log, state);
    for (const [, sub] of this.subscriptions.entries()) this.index(sub);
  }
}
