/**
 * Turns what a user module exports (api.ts) into the registry's function definitions, checking
 * the shape as it goes so that a wrong export is reported with what is wrong, not as a crash on
 * the first record. A compiled expression calls the user's function through one fixed-arity
 * wrapper, which turns a forgotten `return` (undefined) into NULL, since the engine's values never
 * hold undefined (`IS NULL` would miss it).
 */
import type {
  AggregateFunctionDefinition,
  AggregateImplementation,
  FunctionDefinition,
  ScalarFunctionDefinition,
  TableFunctionDefinition,
} from '../definition.js';
import { decodeValue, encodeValue } from '../builtins/aggregates/support/state-codec.js';
import { parseParamPattern, parseTypePattern } from '../type-pattern.js';
import { parseSignatureText, type SignatureParts } from './signature-text.js';

type Fn = (...args: never[]) => unknown;
type Aggregator = (acc: unknown, ...args: unknown[]) => unknown;

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
    const impl = orNull(fn(sig.impl, name, 'impl'), parts);
    return { ...parts, ...describe(sig, name), impl: impl as Fn };
  });
  return { kind: 'scalar', name, category, description, signatures };
}

function tableDefinition(spec: Record<string, unknown>): TableFunctionDefinition {
  const { name, description } = header(spec, 'table');
  const signatures = signatureList(spec, name).map((sig) => {
    const parts = signature(sig, name);
    const rows = orNull(fn(sig.impl, name, 'impl'), parts);
    // No rows for a NULL (or undefined) result, as EXPLODE does for a NULL array.
    const impl = (...args: unknown[]): readonly unknown[] => (rows(...args) ?? []) as unknown[];
    return {
      ...parts,
      ...describe(sig, name),
      impl: impl as (...a: never[]) => readonly unknown[],
    };
  });
  return { kind: 'table', name, category: 'TABLE', description, signatures };
}

function aggregateDefinition(spec: Record<string, unknown>): AggregateFunctionDefinition {
  const { name, description } = header(spec, 'aggregate');
  const signatures = signatureList(spec, name).map((sig) => {
    const parts = signature(sig, name);
    const implementation = aggregateImplementation(sig, name);
    return { ...parts, ...describe(sig, name), create: () => implementation };
  });
  return { kind: 'aggregate', name, category: 'AGGREGATE', description, signatures };
}

function aggregateImplementation(sig: Record<string, unknown>, name: string) {
  const init = fn(sig.init, name, 'init') as () => unknown;
  const add = fn(sig.add, name, 'add') as Aggregator;
  const undo = sig.undo === undefined ? undefined : (fn(sig.undo, name, 'undo') as Aggregator);
  const merge = sig.merge === undefined ? undefined : fn(sig.merge, name, 'merge');
  const result = sig.result === undefined ? undefined : fn(sig.result, name, 'result');
  const implementation: AggregateImplementation = {
    init,
    add: spreadArguments(add),
    ...(undo ? { undo: spreadArguments(undo) } : {}),
    ...(merge ? { merge: merge as (a: unknown, b: unknown) => unknown } : {}),
    result: (result as ((acc: unknown) => unknown) | undefined) ?? ((acc) => acc),
    toState: encodeValue,
    fromState: decodeValue,
  };
  return implementation;
}

type Call = (...args: unknown[]) => unknown;

/** `f` with undefined results turned into null, by a wrapper of the signature's arity. */
function orNull(f: Call, parts: SignatureParts): Call {
  const v = (r: unknown): unknown => (r === undefined ? null : r);
  if (parts.variadic) return (...args) => v(f(...args));
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

/** The runtime passes an aggregate's arguments as one array; the user's function takes them spread. */
function spreadArguments(f: Aggregator): (acc: unknown, args: readonly unknown[]) => unknown {
  return (acc, args) => {
    switch (args.length) {
      case 1:
        return f(acc, args[0]);
      case 2:
        return f(acc, args[0], args[1]);
      default:
        return f(acc, ...args);
    }
  };
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
