/** Shorthands for function tests: types from text, argument shapes, resolving and calling. */
import type { SqlType } from '../../src/common/sql-types.js';
import { applyBindings } from '../../src/functions/generics.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { parseTypePattern } from '../../src/functions/type-pattern.js';
import type { ArgumentShape, ResolvedScalar } from '../../src/functions/types.js';

export const registry = builtinRegistry();

/** A concrete SQL type from its text: `ARRAY<INT>`, `DECIMAL(4, 2)`, `STRUCT<A INT>`. */
export function t(text: string): SqlType {
  return applyBindings(parseTypePattern(text), new Map());
}

/** A column argument of a type (text), or a NULL literal (null). */
export function arg(type: string | null): ArgumentShape {
  return { kind: 'value', type: type === null ? null : t(type) };
}

/** A literal argument. */
export function lit(type: string, value: unknown): ArgumentShape {
  return { kind: 'value', type: t(type), literal: { value } };
}

export function lambda(
  arity: number,
  bodyType: (params: readonly SqlType[]) => SqlType,
): ArgumentShape {
  return { kind: 'lambda', arity, bodyType };
}

export function resolve(name: string, ...args: (ArgumentShape | string | null)[]): ResolvedScalar {
  return registry.resolveScalar(
    name,
    args.map((a) => (typeof a === 'string' || a === null ? arg(a) : a)),
  );
}

/** Resolves `name` for the argument types and calls it with the values. */
export function call(
  name: string,
  types: readonly (string | null)[],
  ...values: unknown[]
): unknown {
  return resolve(name, ...types).invoke(...values);
}
