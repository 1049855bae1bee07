/**
 * Turns what a user module exports (api.ts) into the registry's function definitions, checking
 * the shape as it goes so that a wrong export is reported with what is wrong, not as a crash on
 * the first record. A compiled expression calls the user's function through one fixed-arity
 * wrapper, which turns a forgotten `return` (undefined) into NULL, since the engine's values never
 * hold undefined (`IS NULL` would miss it).
 */
import { AnalysisError } from '../../common/errors.js';
import type {
  AggregateFunctionDefinition,
  AggregateImplementation,
  CallSite,
  FunctionDefinition,
  ScalarFunctionDefinition,
  TableFunctionDefinition,
} from '../definition.js';
import type { CallContext, SqlTypeInfo } from './api.js';
import type { SqlType } from '../../common/sql-types.js';
import { decodeValue, encodeValue } from '../builtins/aggregates/support/state-codec.js';
import { parseParamPattern, parseTypePattern } from '../type-pattern.js';
import {
  parseParamListText,
  parseSignatureText,
  type ParamList,
  type SignatureParts,
} from './signature-text.js';

type Fn = (...args: never[]) => unknown;
type Aggregator = (acc: unknown, ...args: unknown[]) => unknown;

// The engine's SqlType is what a function sees as SqlTypeInfo: checked here, at compile time.
const _sameTypes: (t: SqlType | null) => SqlTypeInfo | null = (t) => t;

/** Throws an Error naming the function and what is wrong. */
export function toDefinitions(extension: unknown): FunctionDefinition[] {
  if (!isObject(extension)) {
    throw new Error('the module must export an object with scalar, aggregate or table lists');
  }
  const known = new Set(['scalar', 'aggregate', 'table']);
  const unknownKey = Object.keys(extension).find((k) => !known.has(k));
  if (unknownKey !== undefined) {
    throw new Error(`unknown key '${unknownKey}' (expected scalar, aggregate or table)`);
  }
  return [
    ...list(extension.scalar, 'scalar').map(scalarDefinition),
    ...list(extension.aggregate, 'aggregate').map(aggregateDefinition),
    ...list(extension.table, 'table').map(tableDefinition),
  ];
}

function scalarDefinition(spec: Record<string, unknown>): ScalarFunctionDefinition {
  const { name, description } = header(spec, 'scalar');
  const category = spec.category === undefined ? 'OTHER' : text(spec.category, name, 'category');
  const signatures = signatureList(spec, name).map((sig) => {
    const parts = signature(sig, name);
    const build = implementationOf(sig, name);
    const fields = { ...shape(parts), ...describe(sig, name) };
    if (build.impl) return { ...fields, impl: orNull(build.impl, parts) as Fn };
    const create = build.create;
    return {
      ...fields,
      create: (site: CallSite) => orNull(created(create, context(site, []), name), parts) as Fn,
    };
  });
  return { kind: 'scalar', name, category, description, signatures };
}

function tableDefinition(spec: Record<string, unknown>): TableFunctionDefinition {
  const { name, description } = header(spec, 'table');
  const signatures = signatureList(spec, name).map((sig) => {
    const parts = signature(sig, name);
    const build = implementationOf(sig, name);
    // No rows for a NULL (or undefined) result, as EXPLODE does for a NULL array.
    const rowsOf = (rows: Call): TableFn => {
      const f = orNull(rows, parts);
      return ((...args: unknown[]) => (f(...args) ?? []) as unknown[]) as TableFn;
    };
    const fields = { ...shape(parts), ...describe(sig, name) };
    if (build.impl) return { ...fields, impl: rowsOf(build.impl) };
    const create = build.create;
    return {
      ...fields,
      create: (site: CallSite) => rowsOf(created(create, context(site, []), name)),
    };
  });
  return { kind: 'table', name, category: 'TABLE', description, signatures };
}

function aggregateDefinition(spec: Record<string, unknown>): AggregateFunctionDefinition {
  const { name, description } = header(spec, 'aggregate');
  const signatures = signatureList(spec, name).map((sig) => {
    const parts = signature(sig, name);
    const initial = initParams(sig, parts, name);
    const columns = parts.params.length;
    const methodNames = ['init', 'add', 'undo', 'merge', 'result'];
    if (sig.create !== undefined && methodNames.some((m) => sig[m] !== undefined)) {
      throw new Error(`function ${name}: give 'create' or the methods, not both`);
    }
    const methods = sig.create === undefined ? aggregateMethods(sig, name) : undefined;
    const factory = sig.create === undefined ? undefined : fn(sig.create, name, 'create');
    const variadicAt =
      parts.variadicAt >= 0
        ? parts.variadicAt
        : initial.variadicAt >= 0
          ? columns + initial.variadicAt
          : -1;
    return {
      ...shape({
        params: [...parts.params, ...initial.params],
        variadicAt,
        returns: parts.returns,
      }),
      ...describe(sig, name),
      create: (site: CallSite): AggregateImplementation => {
        const total = site.argTypes.length;
        const columnCount = parts.variadicAt >= 0 ? total - initial.params.length : columns;
        const initArgs = literalArguments(site, columnCount, name);
        const ctx: CallContext = { argTypes: site.argTypes.slice(0, columnCount), initArgs };
        const chosen = methods ?? createdMethods(factory!, ctx, name);
        return aggregateImplementation(chosen, columnCount);
      },
    };
  });
  return { kind: 'aggregate', name, category: 'AGGREGATE', description, signatures };
}

interface Methods {
  readonly init: () => unknown;
  readonly add: Aggregator;
  readonly undo?: Aggregator;
  readonly merge?: (a: unknown, b: unknown) => unknown;
  readonly result?: (acc: unknown) => unknown;
}

/** The methods of an aggregate signature (or of what its `create` returned). */
function aggregateMethods(sig: Record<string, unknown>, name: string): Methods {
  const optional = (field: string) =>
    sig[field] === undefined ? undefined : fn(sig[field], name, field);
  const undo = optional('undo') as Aggregator | undefined;
  const merge = optional('merge') as Methods['merge'];
  const result = optional('result') as Methods['result'];
  return {
    init: fn(sig.init, name, 'init') as () => unknown,
    add: fn(sig.add, name, 'add') as Aggregator,
    ...(undo ? { undo } : {}),
    ...(merge ? { merge } : {}),
    ...(result ? { result } : {}),
  };
}

function createdMethods(factory: Call, ctx: CallContext, name: string): Methods {
  const made = factory(ctx);
  try {
    if (!isObject(made)) throw new Error(`function ${name}: 'create' must return an object`);
    return aggregateMethods(made, name);
  } catch (error) {
    throw new AnalysisError(error instanceof Error ? error.message : String(error));
  }
}

function aggregateImplementation(m: Methods, columnCount: number): AggregateImplementation {
  return {
    init: m.init,
    add: spreadArguments(m.add, columnCount),
    ...(m.undo ? { undo: spreadArguments(m.undo, columnCount) } : {}),
    ...(m.merge ? { merge: m.merge } : {}),
    result: m.result ?? ((acc) => acc),
    toState: encodeValue,
    fromState: decodeValue,
  };
}

/** An aggregate's `initArgs` parameter list; only one parameter of the whole call may repeat. */
function initParams(sig: Record<string, unknown>, parts: SignatureParts, name: string): ParamList {
  if (sig.initArgs === undefined) return { params: [], variadicAt: -1 };
  try {
    const list = parseParamListText(text(sig.initArgs, name, 'initArgs'));
    list.params.forEach(parseParamPattern);
    if (list.variadicAt >= 0 && parts.variadicAt >= 0) {
      throw new Error('only one parameter may repeat, a column or an initial argument');
    }
    if (list.variadicAt >= 0 && list.variadicAt !== list.params.length - 1) {
      throw new Error('only the last initial argument may repeat');
    }
    return list;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`function ${name}: initArgs: ${reason.replace(/^function \w+: /, '')}`);
  }
}

/** The values of the arguments from `from` on, which must be literals (ksqlDB's wording). */
function literalArguments(site: CallSite, from: number, name: string): unknown[] {
  const values: unknown[] = [];
  for (let i = from; i < site.argTypes.length; i++) {
    const value = site.literals[i];
    if (value === undefined) {
      const expression = site.texts?.[i];
      throw new AnalysisError(
        `Parameter ${i + 1} passed to function ${name.toUpperCase()} must be a literal constant` +
          (expression === undefined ? '' : `, but was expression: '${expression}'`),
      );
    }
    values.push(value);
  }
  return values;
}

function context(site: CallSite, initArgs: readonly unknown[]): CallContext {
  return { argTypes: site.argTypes, initArgs };
}

/** A signature's `impl`, or its `create` (exactly one of them). */
function implementationOf(
  sig: Record<string, unknown>,
  name: string,
): { impl: Call; create?: undefined } | { impl?: undefined; create: Call } {
  if (sig.impl !== undefined && sig.create !== undefined) {
    throw new Error(`function ${name}: give 'impl' or 'create', not both`);
  }
  if (sig.create !== undefined) return { create: fn(sig.create, name, 'create') };
  return { impl: fn(sig.impl, name, 'impl') };
}

/** Calls a user's `create` for one call site; what it returns must be a function. */
function created(create: Call, ctx: CallContext, name: string): Call {
  const impl = create(ctx);
  if (typeof impl !== 'function') {
    throw new AnalysisError(`function ${name}: 'create' must return a function`);
  }
  return impl as Call;
}

type Call = (...args: unknown[]) => unknown;
type TableFn = (...a: never[]) => readonly unknown[];

/** `f` with undefined results turned into null, by a wrapper of the signature's arity. */
function orNull(f: Call, parts: SignatureParts): Call {
  const v = (r: unknown): unknown => (r === undefined ? null : r);
  if (parts.variadicAt >= 0) return (...args) => v(f(...args));
  switch (parts.params.length) {
    case 0:
      return () => v(f());
    case 1:
      return (a) => v(f(a));
    case 2:
      return (a, b) => v(f(a, b));
    case 3:
      return (a, b, c) => v(f(a, b, c));
    default:
      return (...args) => v(f(...args));
  }
}

/**
 * The runtime passes an aggregate's arguments (initial arguments included) as one array; the
 * user's function takes the `count` column arguments spread.
 */
function spreadArguments(
  f: Aggregator,
  count: number,
): (acc: unknown, args: readonly unknown[]) => unknown {
  switch (count) {
    case 1:
      return (acc, args) => f(acc, args[0]);
    case 2:
      return (acc, args) => f(acc, args[0], args[1]);
    case 3:
      return (acc, args) => f(acc, args[0], args[1], args[2]);
    default:
      return (acc, args) => f(acc, ...args.slice(0, count));
  }
}

/** The definition fields of parsed signature parts. */
function shape(parts: SignatureParts) {
  return parts.variadicAt >= 0
    ? { params: parts.params, variadic: true, variadicAt: parts.variadicAt, returns: parts.returns }
    : { params: parts.params, returns: parts.returns };
}

function header(spec: Record<string, unknown>, kind: string) {
  if (typeof spec.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new Error(`a ${kind} function needs a name made of letters, digits and '_'`);
  }
  const name = spec.name;
  return { name, description: text(spec.description, name, 'description') };
}

function signatureList(spec: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const sigs = spec.signatures;
  if (!Array.isArray(sigs) || sigs.length === 0 || !sigs.every(isObject)) {
    throw new Error(`function ${name}: 'signatures' must be a non-empty list of objects`);
  }
  return sigs;
}

function signature(sig: Record<string, unknown>, name: string): SignatureParts {
  const source = text(sig.signature, name, 'signature');
  try {
    const parts = parseSignatureText(source);
    parts.params.forEach(parseParamPattern);
    parseTypePattern(parts.returns);
    return parts;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`function ${name}: ${reason.replace(/^bad type pattern/, 'bad type')}`);
  }
}

function describe(sig: Record<string, unknown>, name: string): { description?: string } {
  return sig.description === undefined
    ? {}
    : { description: text(sig.description, name, 'description') };
}

function list(value: unknown, key: string): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Error(`'${key}' must be a list of function objects`);
  }
  return value;
}

function text(value: unknown, name: string, field: string): string {
  if (typeof value !== 'string') throw new Error(`function ${name}: '${field}' must be a string`);
  return value;
}

function fn(value: unknown, name: string, field: string): (...args: unknown[]) => unknown {
  if (typeof value !== 'function') {
    throw new Error(`function ${name}: '${field}' must be a function`);
  }
  return value as (...args: unknown[]) => unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
