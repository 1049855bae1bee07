/**
 * The operator contract: a batch of records in, a batch out. Operators are built once per query
 * from plan nodes (runtime/operator-factory.ts) and keep any compiled functions they need.
 */
import type { Log, ProducerRecord } from '../../log/log.js';
import type { StoreChanges } from '../state/changelog-store.js';
import type { QueryStateDir } from '../state/query-state-dir.js';
import type { Rec } from '../record.js';
import type { TaskContext } from '../task-context.js';

/** Which input a batch arrives on: joins have a left and a right one. */
export type Port = 'main' | 'left' | 'right';

export interface Operator {
  readonly name: string;
  process(batch: readonly Rec[], ctx: TaskContext, port: Port): Rec[];
  /**
   * State changes since the last call, for its changelog topic, committed with the batch; each
   * one's `committed` is called once that transaction has committed.
   */
  changelog?(): readonly StoreChanges[];
  /**
   * Rebuilds the operator's state from its changelog before the query resumes: in memory, or,
   * given the query's state directory, in store files there.
   */
  restore?(log: Log, state?: QueryStateDir): Promise<void>;
  /** The state stores it keeps, with their changelog topics, for EXPLAIN. */
  stores?(): readonly StoreDescription[];
  /**
   * Records for internal topics that other tasks of the query read (a foreign-key join's
   * subscriptions), written since the last call; committed with the batch.
   */
  internalRecords?(): readonly { readonly topic: string; readonly records: ProducerRecord[] }[];
  /**
   * Each record on its left port waits for replies that come back through internal topics:
   * with `streamsql.foreign.key.join.in.order` the query hands that port one record per step,
   * so records are answered in input order.
   */
  readonly roundTrips?: boolean;
}

export interface StoreDescription {
  readonly name: string;
  /** Absent for stores of transient (push) queries. */
  readonly changelogTopic?: string;
}

/** Describes changelog-backed stores for `Operator.stores`. */
export function describeStores(
  stores: readonly { name: string; changelogTopic: string | undefined }[],
): StoreDescription[] {
  return stores.map((s) => ({
    name: s.name,
    ...(s.changelogTopic ? { changelogTopic: s.changelogTopic } : {}),
  }));
}

/**
 * Runs `each` over a batch with one `try` per batch, not per record. A record that throws is
 * handed to `recover` when given (which evaluates it the slow, safe way), else sent to the
 * processing log and dropped; either way the batch goes on with the next record.
 */
export function forEachGuarded(
  batch: readonly Rec[],
  ctx: TaskContext,
  operator: string,
  each: (rec: Rec) => void,
  recover?: (rec: Rec) => void,
): void {
  let i = 0;
  while (i < batch.length) {
    try {
      for (; i < batch.length; i++) each(batch[i]!);
    } catch (err) {
      const rec = batch[i]!;
      i++;
      if (!recover) {
        ctx.processingError(rec.origin, err, { kind: 'processing', operator });
        continue;
      }
      try {
        recover(rec);
      } catch (again) {
        ctx.processingError(rec.origin, again, { kind: 'processing', operator });
      }
    }
  }
}

/** Logs the errors a safe evaluation collected for a record. */
export function logErrors(
  rec: Rec,
  errors: readonly unknown[],
  ctx: TaskContext,
  operator: string,
): void {
  for (const err of errors) ctx.processingError(rec.origin, err, { kind: 'processing', operator });
}
