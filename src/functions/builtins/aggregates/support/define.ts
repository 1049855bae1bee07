/**
 * How the aggregate files declare themselves: a typed accumulator interface, checked once and
 * handed to the registry as the untyped `AggregateImplementation` of definition.ts.
 *
 * Accumulators are persistent values: `add`, `undo` and `merge` never mutate their inputs and
 * always return a new accumulator (or the same one when nothing changed), so the runtime may keep
 * an old accumulator (for a rollback or an old row) while it works on the next.
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
