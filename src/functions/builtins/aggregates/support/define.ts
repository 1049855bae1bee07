/**
 * How the aggregate files declare themselves: a typed accumulator interface, checked once and
 * handed to the registry as the untyped `AggregateImplementation` of definition.ts.
 *
 * Accumulators are persistent values: `add`, `undo` and `merge` never mutate their inputs and
 * always return a new accumulator (or the same one when nothing changed), so the runtime may keep
 * an old accumulator (for a rollback or an old row) while it works on the next.
 *
 * What the aggregates expect of the runtime:
 * - `add` and `undo` receive every argument of the call, by position, literal constants included
 *   (TOPK's k, EARLIEST_BY_OFFSET's n); constants are read once from the call site at `create`.
 * - `add` is called per key in offset order (EARLIEST/LATEST_BY_OFFSET rely on it).
 * - A table aggregate calls `undo` with the old row's arguments, then `add` with the new row's;
 *   `undo` is absent for stream-only functions, which must be refused on table sources.
 * - Session windows merge as Kafka Streams does: a fresh `init()`, `merge(acc, session)` for each
 *   merged session in window order, then `add` of the record that bridged them.
 * - `toState` gives a JSON-safe value (`JSON.stringify` keeps it); `fromState` takes it back.
 */
import type {
  AggregateFunctionDefinition,
  AggregateImplementation,
  AggregateSignature,
} from '../../../definition.js';

/** An aggregate's behaviour over an accumulator of type `A`. */
export interface Aggregate<A> {
  init(): A;
  add(acc: A, args: readonly unknown[]): A;
  undo?(acc: A, args: readonly unknown[]): A;
  merge?(a: A, b: A): A;
  result(acc: A): unknown;
  toState(acc: A): unknown;
  fromState(state: unknown): A;
}

export function implement<A>(aggregate: Aggregate<A>): AggregateImplementation {
  return aggregate as unknown as AggregateImplementation;
}

/**
 * A built-in aggregate. `name` is spelled as ksqlDB declares it (`collect_list`, `TOPK`), since
 * resolution errors quote the declared name as ksqlDB's do.
 */
export function aggregateFunction(
  name: string,
  description: string,
  signatures: readonly AggregateSignature[],
): AggregateFunctionDefinition {
  return { kind: 'aggregate', name, category: 'AGGREGATE', description, signatures };
}

/** SQL NULL; `undefined` is accepted too, for an argument the runtime did not pass. */
export function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}
