/**
 * How built-in and user functions are declared. Every file under src/functions/builtins/ exports
 * `functions: FunctionDefinition[]`; the registry indexes them and resolves call sites.
 *
 * Parameter and return types are written as type patterns, parsed once by the registry:
 * - a SQL type: `STRING`, `INT`, `BIGINT`, `DOUBLE`, `BOOLEAN`, `BYTES`, `TIMESTAMP`, `DATE`,
 *   `TIME`, `DECIMAL(10, 2)`, `ARRAY<STRING>`, `MAP<STRING, INT>`, `STRUCT<A INT>`;
 * - `DECIMAL` alone: any decimal; `STRUCT` alone: any struct;
 * - a generic: `T`, `U`, `K`, `V` (one letter): any type, bound by the first argument it meets
 *   and then required to match (`ARRAY<T>, T`);
 * - a lambda: `FUNCTION(T) => U`, `FUNCTION(T, U) => V`;
 * - `INTERVALUNIT`: a time-unit keyword such as SECONDS (passed to the implementation as its
 *   upper-case name);
 * - `ANY`: any type, unbound.
 * Arguments are implicitly widened as ksqlDB does (INT → BIGINT → DECIMAL → DOUBLE) to reach a
 * signature; a NULL literal matches any parameter.
 */
import type { SqlType } from '../common/sql-types.js';
import type { ResolvedAggregate } from './types.js';

/** What a factory learns about the call site when the signature is chosen. */
export interface CallSite {
  /** The argument types after implicit casts (lambdas: their return type; units: null). */
  readonly argTypes: readonly (SqlType | null)[];
  /** Per argument: its value when it is a literal, else undefined. */
  readonly literals: readonly unknown[];
  /** Per argument: the expression as written, when the caller knows it (for messages). */
  readonly texts?: readonly (string | undefined)[];
}

export type ReturnType = string | ((site: CallSite) => SqlType);

export interface ScalarSignature {
  readonly params: readonly string[];
  /** A parameter repeats zero or more times: the last, or the one at `variadicAt`. */
  readonly variadic?: boolean;
  readonly variadicAt?: number;
  readonly returns: ReturnType;
  readonly description?: string;
  /** The implementation, or… */
  readonly impl?: (...args: never[]) => unknown;
  /** …a factory that builds it once per call site, when it depends on the argument types. */
  readonly create?: (site: CallSite) => (...args: never[]) => unknown;
}

export interface ScalarFunctionDefinition {
  readonly kind: 'scalar';
  readonly name: string;
  readonly category: string;
  readonly description: string;
  readonly signatures: readonly ScalarSignature[];
}

/** An aggregate's behaviour, built once per call site. */
export type AggregateImplementation = Omit<
  ResolvedAggregate,
  'name' | 'returnType' | 'intermediateType' | 'argTypes'
>;

export interface AggregateSignature {
  readonly params: readonly string[];
  readonly variadic?: boolean;
  readonly variadicAt?: number;
  readonly returns: ReturnType;
  /**
   * The accumulator's SQL type as ksqlDB declares it (its UDAF's aggregate type), which the
   * query's value format must be able to hold; default: the return type.
   */
  readonly intermediate?: ReturnType;
  readonly description?: string;
  readonly create: (site: CallSite) => AggregateImplementation;
}

export interface AggregateFunctionDefinition {
  readonly kind: 'aggregate';
  readonly name: string;
  readonly category: string;
  readonly description: string;
  readonly signatures: readonly AggregateSignature[];
}

export interface TableSignature {
  readonly params: readonly string[];
  readonly variadic?: boolean;
  readonly variadicAt?: number;
  /** The type of each row it emits. */
  readonly returns: ReturnType;
  readonly description?: string;
  readonly impl?: (...args: never[]) => readonly unknown[];
  readonly create?: (site: CallSite) => (...args: never[]) => readonly unknown[];
}

export interface TableFunctionDefinition {
  readonly kind: 'table';
  readonly name: string;
  readonly category: string;
  readonly description: string;
  readonly signatures: readonly TableSignature[];
}

export type FunctionDefinition =
  ScalarFunctionDefinition | AggregateFunctionDefinition | TableFunctionDefinition;
