/**
 * Test helpers for aggregate definitions: choose a signature by its parameter patterns, build
 * the implementation for a call site, and run rows through it with a JSON state round trip after
 * every step (as a state store would).
 */
import { expect } from 'vitest';
import type { SqlType } from '../../../src/common/sql-types.js';
import type {
  AggregateImplementation,
  AggregateSignature,
  FunctionDefinition,
} from '../../../src/functions/definition.js';
import type { ConfiguredCallSite } from '../../../src/functions/builtins/aggregates/support/call-site.js';

export function signature(def: FunctionDefinition, params: readonly string[]): AggregateSignature {
  if (def.kind !== 'aggregate') throw new Error(`${def.name} is not an aggregate`);
  const found = def.signatures.find(
    (s) => s.params.length === params.length && s.params.every((p, i) => p === params[i]),
  );
  if (!found) throw new Error(`${def.name} has no signature (${params.join(', ')})`);
  return found;
}

export interface SiteOptions {
  readonly literals?: readonly unknown[];
  readonly properties?: Record<string, unknown>;
}

export function build(
  def: FunctionDefinition,
  params: readonly string[],
  argTypes: readonly SqlType[],
  options: SiteOptions = {},
): AggregateImplementation {
  const site: ConfiguredCallSite = {
    argTypes,
    literals: options.literals ?? argTypes.map(() => undefined),
    ...(options.properties ? { properties: options.properties } : {}),
  };
  return signature(def, params).create(site);
}

export function roundTrip(impl: AggregateImplementation, acc: unknown): unknown {
  return impl.fromState(JSON.parse(JSON.stringify(impl.toState(acc))));
}

/** Adds each row, round-tripping the state each time; returns the result after every row. */
export function results(
  impl: AggregateImplementation,
  rows: readonly (readonly unknown[])[],
  start: unknown = impl.init(),
): unknown[] {
  const out: unknown[] = [];
  let acc = start;
  for (const row of rows) {
    const next = impl.add(acc, row);
    const restored = roundTrip(impl, next);
    expect(impl.result(restored)).toEqual(impl.result(next));
    acc = restored;
    out.push(impl.result(acc));
  }
  return out;
}

/** The accumulator after adding every row. */
export function fold(
  impl: AggregateImplementation,
  rows: readonly (readonly unknown[])[],
  start: unknown = impl.init(),
): unknown {
  return rows.reduce((acc, row) => impl.add(acc, row), start);
}

export const rowsOf = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
