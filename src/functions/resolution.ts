/**
 * Choosing the signature of a function for a call site, as ksqlDB's UdfIndex does:
 * 1. signatures the arguments fit exactly; when none, signatures they fit through implicit casts
 *    (when the function kind allows them: scalar and table functions do, aggregates do not);
 * 2. a NULL literal fits any parameter; generics bind exactly (generics.ts);
 * 3. among several fits, prefer non-variadic, then more parameters, then fewer generic
 *    parameters, then no `ANY...` parameter; what remains tied is ambiguous.
 * Then lambdas are typed: their parameter types come from the generics bound so far, and the type
 * of their body binds the generics of their result (`REDUCE`'s state, `TRANSFORM`'s output).
 */
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { SqlType } from '../common/sql-types.js';
import { applyBindings, bindGenerics, lambdaBindError, type Bindings } from './generics.js';
import { castTarget, isCompatible } from './implicit-cast.js';
import { ambiguousSignature, noMatchingSignature, type ShownSignature } from './messages.js';
import { hasGenerics, type ParamType } from './type-pattern.js';
import type { ArgumentShape } from './types.js';

/** A signature as the registry indexes it. */
export interface IndexedSignature extends ShownSignature {
  /** Parameters containing generics, plus an `ANY...` parameter. */
  readonly genericCount: number;
  readonly anyVariadic: boolean;
}

export type ArgType = SqlType | { readonly lambdaParams: readonly SqlType[] } | null;

export interface Resolution<S extends IndexedSignature> {
  readonly signature: S;
  readonly bindings: Bindings;
  /** Per argument: the type to cast to, the lambda's parameter types, or null (a unit). */
  readonly argTypes: readonly ArgType[];
  /** Per argument, for CallSite: the cast type, a lambda's body type, or null (a unit). */
  readonly siteTypes: readonly (SqlType | null)[];
}

export function indexSignature(
  params: readonly ParamType[],
  paramNames: readonly (string | undefined)[],
  variadic: boolean,
  variadicAt = params.length - 1,
): IndexedSignature {
  const at = variadic ? variadicAt : -1;
  const anyVariadic = variadic && params[at]?.kind === 'any';
  return {
    params,
    paramNames,
    variadic,
    variadicAt: at,
    anyVariadic,
    genericCount: params.filter(hasGenerics).length + (anyVariadic ? 1 : 0),
  };
}

/** Throws AnalysisError (ksqlDB's wording) when no signature, or more than one, fits best. */
export function resolveSignature<S extends IndexedSignature>(
  name: string,
  signatures: readonly S[],
  args: readonly ArgumentShape[],
  allowImplicitCasts: boolean,
  span?: Span,
): Resolution<S> {
  const passes = allowImplicitCasts ? [false, true] : [false];
  for (const allowCasts of passes) {
    const fits: { signature: S; bindings: Bindings }[] = [];
    for (const signature of signatures) {
      const bindings = fit(signature, args, allowCasts);
      if (bindings) fits.push({ signature, bindings });
    }
    if (fits.length === 0) continue;
    fits.sort((a, b) => compareSignatures(b.signature, a.signature));
    if (fits.length > 1 && compareSignatures(fits[0]!.signature, fits[1]!.signature) === 0) {
      throw ambiguousSignature(name, args, signatures, span);
    }
    const chosen = fits[0]!;
    return complete(chosen.signature, chosen.bindings, args, span);
  }
  throw noMatchingSignature(name, args, signatures, span);
}

/**
 * The parameter pattern that argument `i` of `argCount` meets. The variadic parameter (last, or
 * anywhere for ksqlDB's `VariadicArgs` UDAFs) takes the arguments the fixed ones leave over.
 */
export function paramAt(signature: ShownSignature, i: number, argCount: number): ParamType {
  const v = signature.variadicAt;
  if (!signature.variadic || i < v) return signature.params[i]!;
  const repeats = argCount - (signature.params.length - 1);
  return i < v + repeats ? signature.params[v]! : signature.params[i - repeats + 1]!;
}

function fit(
  signature: IndexedSignature,
  args: readonly ArgumentShape[],
  allowCasts: boolean,
): Bindings | null {
  const count = signature.params.length;
  if (signature.variadic ? args.length < count - 1 : args.length !== count) return null;
  const bindings: Bindings = new Map();
  for (let i = 0; i < args.length; i++) {
    if (!accepts(paramAt(signature, i, args.length), args[i]!, bindings, allowCasts)) return null;
  }
  return bindings;
}

function accepts(
  param: ParamType,
  arg: ArgumentShape,
  bindings: Bindings,
  allowCasts: boolean,
): boolean {
  switch (arg.kind) {
    case 'lambda':
      return param.kind === 'lambda' && param.params.length === arg.arity;
    case 'intervalUnit':
      return param.kind === 'intervalUnit';
    case 'value':
      if (arg.type === null) return true;
      if (param.kind === 'lambda' || param.kind === 'intervalUnit') return false;
      if (hasGenerics(param)) return bindGenerics(param, arg.type, bindings) === null;
      return isCompatible(arg.type, param, allowCasts);
  }
}

/** Positive when `a` is the better candidate. */
function compareSignatures(a: IndexedSignature, b: IndexedSignature): number {
  return (
    Number(!a.variadic) - Number(!b.variadic) ||
    a.params.length - b.params.length ||
    b.genericCount - a.genericCount ||
    Number(!a.anyVariadic) - Number(!b.anyVariadic)
  );
}

function complete<S extends IndexedSignature>(
  signature: S,
  bindings: Bindings,
  args: readonly ArgumentShape[],
  span?: Span,
): Resolution<S> {
  try {
    return typeArguments(signature, bindings, args);
  } catch (error) {
    if (error instanceof AnalysisError && !error.span) throw new AnalysisError(error.message, span);
    throw error;
  }
}

function typeArguments<S extends IndexedSignature>(
  signature: S,
  bindings: Bindings,
  args: readonly ArgumentShape[],
): Resolution<S> {
  const lambdaTypes = new Map<number, { params: SqlType[]; body: SqlType }>();
  args.forEach((arg, i) => {
    const param = paramAt(signature, i, args.length);
    if (arg.kind !== 'lambda' || param.kind !== 'lambda') return;
    const params = param.params.map((p) => applyBindings(p, bindings));
    const body = arg.bodyType(params);
    const failure = bindGenerics(param.returns, body, bindings);
    if (failure) throw lambdaBindError(param, { params, returns: body }, failure);
    lambdaTypes.set(i, { params, body });
  });
  const argTypes: ArgType[] = [];
  const siteTypes: (SqlType | null)[] = [];
  args.forEach((arg, i) => {
    const param = paramAt(signature, i, args.length);
    const lambda = lambdaTypes.get(i);
    if (lambda) {
      argTypes.push({ lambdaParams: lambda.params });
      siteTypes.push(lambda.body);
    } else if (arg.kind === 'value') {
      const type =
        arg.type === null
          ? applyBindings(param, bindings, placeholderFor)
          : hasGenerics(param)
            ? arg.type
            : castTarget(arg.type, param);
      argTypes.push(type);
      siteTypes.push(type);
    } else {
      argTypes.push(null);
      siteTypes.push(null);
    }
  });
  return { signature, bindings, argTypes, siteTypes };
}

/** What a NULL literal is typed as where the signature leaves its type open. */
function placeholderFor(open: ParamType): SqlType {
  return open.kind === 'decimal' ? { base: 'DECIMAL', precision: 1, scale: 0 } : { base: 'STRING' };
}
