/**
 * Generic type variables in signatures (`T`, `ARRAY<T>`, `MAP<K, V>`): binding them from argument
 * types and applying the bindings, as ksqlDB's GenericsUtil does. Generics bind exactly: no
 * implicit cast ever applies to an argument whose parameter contains a generic, and a generic
 * bound twice must be bound to equal types (DECIMAL(4, 2) and DECIMAL(5, 2) differ).
 */
import { AnalysisError } from '../common/errors.js';
import { arrayType, mapType, structType, typesEqual, type SqlType } from '../common/sql-types.js';
import { formatParamType, hasGenerics, type ParamType } from './type-pattern.js';
import { formatArgumentType } from './messages.js';

export type Bindings = Map<string, SqlType>;

/** Why a binding failed, in ksqlDB's words. */
export type BindFailure =
  | { readonly reason: 'structure' }
  | {
      readonly reason: 'conflict';
      readonly generic: string;
      readonly bound: SqlType;
      readonly other: SqlType;
    };

/**
 * Binds the generics of `pattern` from `type`, adding to `bindings` (left untouched on failure).
 * Returns null on success.
 */
export function bindGenerics(
  pattern: ParamType,
  type: SqlType,
  bindings: Bindings,
): BindFailure | null {
  const found: [string, SqlType][] = [];
  if (!collect(pattern, type, found)) return { reason: 'structure' };
  const added = new Map<string, SqlType>();
  for (const [name, bound] of found) {
    const previous = bindings.get(name) ?? added.get(name);
    if (previous === undefined) {
      added.set(name, bound);
    } else if (!typesEqual(previous, bound)) {
      return { reason: 'conflict', generic: name, bound: previous, other: bound };
    }
  }
  for (const [name, bound] of added) bindings.set(name, bound);
  return null;
}

function collect(pattern: ParamType, type: SqlType, found: [string, SqlType][]): boolean {
  if (pattern.kind === 'generic') {
    found.push([pattern.name, type]);
    return true;
  }
  if (!sameShape(pattern, type)) return false;
  if (!hasGenerics(pattern)) return true;
  if (pattern.kind === 'array' && type.base === 'ARRAY') {
    return collect(pattern.items, type.items, found);
  }
  if (pattern.kind === 'map' && type.base === 'MAP') {
    return collect(pattern.key, type.key, found) && collect(pattern.value, type.value, found);
  }
  throw new AnalysisError('Generic STRUCT is not yet supported');
}

/** ksqlDB's GenericsUtil.matches: the same kind of type, ignoring what is inside. */
function sameShape(pattern: ParamType, type: SqlType): boolean {
  switch (pattern.kind) {
    case 'primitive':
      return pattern.base === type.base;
    case 'decimal':
      return type.base === 'DECIMAL';
    case 'array':
      return type.base === 'ARRAY';
    case 'map':
      return type.base === 'MAP';
    case 'struct':
      return type.base === 'STRUCT';
    case 'any':
      return true;
    default:
      return false;
  }
}

/**
 * The SQL type a pattern stands for once its generics are bound. `fallback` supplies what the
 * pattern leaves open (an unbound generic, any DECIMAL, any STRUCT); without it those throw.
 */
export function applyBindings(
  pattern: ParamType,
  bindings: Bindings,
  fallback?: (open: ParamType) => SqlType,
): SqlType {
  const open = (p: ParamType): SqlType => {
    if (fallback) return fallback(p);
    if (p.kind === 'generic') {
      throw new AnalysisError(`Could not find mapping for generic type: ${p.name}`);
    }
    throw new AnalysisError(`Cannot resolve the type ${formatParamType(p)}`);
  };
  switch (pattern.kind) {
    case 'primitive':
      return { base: pattern.base };
    case 'decimal':
      return pattern.precision === undefined
        ? open(pattern)
        : { base: 'DECIMAL', precision: pattern.precision, scale: pattern.scale ?? 0 };
    case 'array':
      return arrayType(applyBindings(pattern.items, bindings, fallback));
    case 'map':
      return mapType(
        applyBindings(pattern.key, bindings, fallback),
        applyBindings(pattern.value, bindings, fallback),
      );
    case 'struct':
      return pattern.fields === null
        ? open(pattern)
        : structType(
            pattern.fields.map((f) => ({
              name: f.name,
              type: applyBindings(f.type, bindings, fallback),
            })),
          );
    case 'generic':
      return bindings.get(pattern.name) ?? open(pattern);
    default:
      return open(pattern);
  }
}

/** The AnalysisError ksqlDB raises when a lambda's resolved type does not fit its parameter. */
export function lambdaBindError(
  pattern: ParamType,
  instance: { readonly params: readonly SqlType[]; readonly returns: SqlType },
  failure: BindFailure,
): AnalysisError {
  const shown = `LAMBDA (${instance.params.map(formatArgumentType).join(', ')}) -> ${formatArgumentType(instance.returns)}`;
  if (failure.reason === 'structure') {
    return new AnalysisError(
      `Cannot infer generics for ${formatParamType(pattern)} from ${shown} because they do not have the same schema structure.`,
    );
  }
  return new AnalysisError(
    `Found invalid instance of generic schema when mapping ${formatParamType(pattern)} to ${shown}. ` +
      `Cannot map ${failure.generic} to both ${formatArgumentType(failure.bound)} and ${formatArgumentType(failure.other)}`,
  );
}
