/**
 * The user-function extension API: what a module in the extensions directory exports. A module's
 * default export (or a named export `functions`) is an `Extension`: lists of scalar, aggregate and
 * table functions, each with a name, a description and one or more signatures written as SQL type
 * text, `'(STRING, INT) -> STRING'`.
 *
 * Values cross the boundary in the engine's runtime representation (common/sql-types.ts): NULL is
 * `null`, INT and DOUBLE are numbers, BIGINT is a bigint, DECIMAL a decimal.js Decimal, STRING a
 * string, BOOLEAN a boolean, BYTES a Buffer, TIMESTAMP milliseconds since the epoch (number),
 * DATE days since the epoch, TIME milliseconds of the day, ARRAY an array, MAP a Map, STRUCT a
 * plain object keyed by field name. A function that throws sends the record to the processing log.
 *
 * Everything here is types plus the identity helper `defineFunctions`, so a module can be written
 * in plain JavaScript without importing anything.
 */

/**
 * A signature as SQL type text: `(STRING, INT) -> STRING`. Parameters may be named
 * (`(STRING text, INT n) -> STRING`), one of them may repeat (`(STRING...) -> STRING`; usually
 * the last, anywhere for an aggregate, as ksqlDB's `VariadicArgs`), and type variables (`T`, `U`,
 * `K`, `V`) bind to the argument types (`(ARRAY<T>) -> T`). `DECIMAL` without precision and
 * `STRUCT` without fields match any decimal or struct; `ANY` matches anything.
 */
export type SignatureText = string;

/** A SQL type, as a function sees the type of an argument: `{ base: 'DECIMAL', precision: 20, scale: 10 }`. */
export type SqlTypeInfo =
  | { readonly base: 'BOOLEAN' }
  | { readonly base: 'INTEGER' }
  | { readonly base: 'BIGINT' }
  | { readonly base: 'DOUBLE' }
  | { readonly base: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly base: 'STRING' }
  | { readonly base: 'BYTES' }
  | { readonly base: 'TIMESTAMP' }
  | { readonly base: 'DATE' }
  | { readonly base: 'TIME' }
  | { readonly base: 'ARRAY'; readonly items: SqlTypeInfo }
  | { readonly base: 'MAP'; readonly key: SqlTypeInfo; readonly value: SqlTypeInfo }
  | {
      readonly base: 'STRUCT';
      readonly fields: readonly { readonly name: string; readonly type: SqlTypeInfo }[];
    };

/**
 * What a function learns about one call site, once, when the query using it starts (ksqlDB's
 * `initializeTypeArguments` and UDAF factory arguments). Each call site gets its own `create`
 * call, so state kept in its closure belongs to that call site.
 */
export interface CallContext {
  /**
   * The SQL type of each argument after implicit casts, in call order (an aggregate: its column
   * arguments only). null for a lambda or a time-unit argument.
   */
  readonly argTypes: readonly (SqlTypeInfo | null)[];
  /** An aggregate's initial arguments (`initArgs`): the literal values, in order; else empty. */
  readonly initArgs: readonly unknown[];
}

type ScalarImpl = (...args: never[]) => unknown;

export type ScalarSignatureSpec = {
  readonly signature: SignatureText;
  readonly description?: string;
} & (
  | {
      /** Called once per record with the argument values; returns the result (null for NULL). */
      readonly impl: ScalarImpl;
    }
  | {
      /** Builds the implementation for one call site, when it depends on the argument types. */
      readonly create: (context: CallContext) => ScalarImpl;
    }
);

export interface ScalarFunctionSpec {
  readonly name: string;
  readonly description: string;
  /** Shown by SHOW FUNCTIONS; defaults to `OTHER`. */
  readonly category?: string;
  readonly signatures: readonly ScalarSignatureSpec[];
}

/**
 * An aggregate over an accumulator. The accumulator must be made of SQL values (numbers,
 * bigints, strings, arrays, Maps, plain objects, …) so state stores can keep it; `add`, `undo`
 * and `merge` return the new accumulator and must not mutate the one they were given.
 */
export interface AggregateMethods<A = unknown> {
  // Methods, not function properties, so a typed accumulator (`add(acc: number, …)`) fits.
  /** The accumulator of an empty group. */
  init(): A;
  /** Adds one row's argument values. */
  add(acc: A, ...args: never[]): A;
  /** Removes one row (table aggregation); without it the function works on streams only. */
  undo?(acc: A, ...args: never[]): A;
  /** Merges two accumulators (session windows); without it the function refuses session windows. */
  merge?(a: A, b: A): A;
  /** The SQL value of an accumulator; defaults to the accumulator itself. */
  result?(acc: A): unknown;
}

/**
 * An aggregate signature: its methods, or a `create` that builds them for one call site from its
 * initial arguments and argument types (ksqlDB's `@UdafFactory` method).
 */
export type AggregateSignatureSpec<A = unknown> = {
  /** The column arguments and the result: `(BIGINT, STRING...) -> BIGINT`. */
  readonly signature: SignatureText;
  /**
   * Initial arguments, as a parameter list: `(INT seed, STRING... names)`. A call passes them
   * after the column arguments, as literals (`F(col1, col2, 5, 'x')`); they reach `create` as
   * `context.initArgs`, never `add`. The last may repeat when no column parameter does.
   */
  readonly initArgs?: SignatureText;
  readonly description?: string;
} & (AggregateMethods<A> | { create(context: CallContext): AggregateMethods<A> });

export interface AggregateFunctionSpec {
  readonly name: string;
  readonly description: string;
  readonly signatures: readonly AggregateSignatureSpec[];
}

type TableImpl = (...args: never[]) => readonly unknown[] | null;

export type TableSignatureSpec = {
  /** The return type is the type of each row emitted. */
  readonly signature: SignatureText;
  readonly description?: string;
} & (
  | {
      /** Returns the values to emit for one input row (an empty array or null emits nothing). */
      readonly impl: TableImpl;
    }
  | {
      /** Builds the implementation for one call site, when it depends on the argument types. */
      readonly create: (context: CallContext) => TableImpl;
    }
);

export interface TableFunctionSpec {
  readonly name: string;
  readonly description: string;
  readonly signatures: readonly TableSignatureSpec[];
}

/** What an extension module exports. */
export interface Extension {
  readonly scalar?: readonly ScalarFunctionSpec[];
  readonly aggregate?: readonly AggregateFunctionSpec[];
  readonly table?: readonly TableFunctionSpec[];
}

/** Returns its argument: only there so an editor checks the module against `Extension`. */
export function defineFunctions<E extends Extension>(extension: E): E {
  return extension;
}
