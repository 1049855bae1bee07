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
 * (`(STRING text, INT n) -> STRING`), the last one may repeat (`(STRING...) -> STRING`), and
 * type variables (`T`, `U`, `K`, `V`) bind to the argument types (`(ARRAY<T>) -> T`). `DECIMAL`
 * without precision and `STRUCT` without fields match any decimal or struct; `ANY` matches
 * anything.
 */
export type SignatureText = string;

export interface ScalarSignatureSpec {
  readonly signature: SignatureText;
  readonly description?: string;
  /** Called once per record with the argument values; returns the result (null for NULL). */
  readonly impl: (...args: never[]) => unknown;
}

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
export interface AggregateSignatureSpec<A = unknown> {
  readonly signature: SignatureText;
  readonly description?: string;
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

export interface AggregateFunctionSpec {
  readonly name: string;
  readonly description: string;
  readonly signatures: readonly AggregateSignatureSpec[];
}

export interface TableSignatureSpec {
  /** The return type is the type of each row emitted. */
  readonly signature: SignatureText;
  readonly description?: string;
  /** Returns the values to emit for one input row (an empty array emits nothing). */
  readonly impl: (...args: never[]) => readonly unknown[];
}

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
