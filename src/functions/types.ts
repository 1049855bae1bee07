/**
 * What the analyzer and the expression compiler need from the function library.
 *
 * Resolution happens once per query, at analysis; the result carries the JavaScript
 * implementation, which the compiled expression calls directly per record.
 */
import type { SqlType } from '../common/sql-types.js';
import type { Span } from '../common/span.js';
import type { TimeUnit } from '../parser/ast.js';

/** What the analyzer knows about one argument of a call before the function is chosen. */
export type ArgumentShape =
  | {
      readonly kind: 'value';
      /** null for a bare NULL literal, whose type comes from the chosen signature. */
      readonly type: SqlType | null;
      /** Present when the argument is a literal, for functions whose result type depends on it. */
      readonly literal?: { readonly value: unknown };
      /** The argument as written, for messages (`must be a literal constant, but was …`). */
      readonly text?: string;
    }
  | {
      readonly kind: 'lambda';
      readonly arity: number;
      /** Types the lambda body once its parameter types are known (binds generics). */
      readonly bodyType: (paramTypes: readonly SqlType[]) => SqlType;
    }
  | { readonly kind: 'intervalUnit'; readonly unit: TimeUnit };

/** A scalar function chosen for a call site. */
export interface ResolvedScalar {
  readonly name: string;
  readonly returnType: SqlType;
  /**
   * The type each argument must have when `invoke` is called; the compiler casts arguments
   * whose analyzed type differs. For a lambda argument: its parameter types. For an interval
   * unit: null (the unit is passed as its upper-case name).
   */
  readonly argTypes: readonly (SqlType | { readonly lambdaParams: readonly SqlType[] } | null)[];
  /**
   * The implementation. Receives SQL values (null for NULL) in the runtime representation of
   * common/sql-types.ts; lambdas arrive as JavaScript functions. Throwing sends the record to the
   * processing log.
   */
  readonly invoke: (...args: unknown[]) => unknown;
}

/** An aggregate function's accumulator, in the shape Kafka Streams' aggregators need. */
export interface ResolvedAggregate {
  readonly name: string;
  readonly returnType: SqlType;
  /** The accumulator's SQL type as ksqlDB declares it, which the value format must hold. */
  readonly intermediateType: SqlType;
  /** The type each argument (constants included, e.g. TOPK's k) is cast to before `add`/`undo`. */
  readonly argTypes: readonly SqlType[];
  /** A new accumulator. Accumulators are JSON-serializable via toState/fromState. */
  readonly init: () => unknown;
  /** Adds one row's argument values; returns the new accumulator (may be the same object). */
  readonly add: (acc: unknown, args: readonly unknown[]) => unknown;
  /** Removes one row's contribution (table aggregation); absent when the function cannot undo. */
  readonly undo?: (acc: unknown, args: readonly unknown[]) => unknown;
  /** Merges two accumulators (session windows). */
  readonly merge?: (a: unknown, b: unknown) => unknown;
  /** The SQL value of an accumulator. */
  readonly result: (acc: unknown) => unknown;
  /** Accumulator to/from a JSON-safe value, for state stores and changelogs. */
  readonly toState: (acc: unknown) => unknown;
  readonly fromState: (state: unknown) => unknown;
}

/** A table function (EXPLODE, CUBE_EXPLODE, user table functions) chosen for a call site. */
export interface ResolvedTableFunction {
  readonly name: string;
  readonly returnType: SqlType;
  readonly argTypes: readonly SqlType[];
  /** Returns the rows to emit for one input row's arguments (an empty array emits nothing). */
  readonly invoke: (...args: unknown[]) => readonly unknown[];
}

export type FunctionKind = 'scalar' | 'aggregate' | 'table';

/** What SHOW FUNCTIONS and DESCRIBE FUNCTION print. */
export interface FunctionDescription {
  readonly name: string;
  readonly kind: FunctionKind;
  readonly category: string;
  readonly description: string;
  readonly signatures: readonly {
    readonly params: string;
    readonly returns: string;
    readonly description?: string;
  }[];
  /** Where a user function came from; absent for built-ins. */
  readonly source?: string;
}

export interface FunctionRegistry {
  kindOf(name: string): FunctionKind | undefined;
  /** Throws AnalysisError (naming the candidate signatures) when nothing matches. */
  resolveScalar(name: string, args: readonly ArgumentShape[], span?: Span): ResolvedScalar;
  /** `settings`: the query's `ksql.functions.*` properties, which some aggregates read. */
  resolveAggregate(
    name: string,
    args: readonly ArgumentShape[],
    span?: Span,
    settings?: Readonly<Record<string, string>>,
  ): ResolvedAggregate;
  resolveTable(name: string, args: readonly ArgumentShape[], span?: Span): ResolvedTableFunction;
  list(): readonly FunctionDescription[];
  describe(name: string): FunctionDescription | undefined;
}
