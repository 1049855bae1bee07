/**
 * The function registry: indexes function definitions (built-in and user) by name, parses their
 * type patterns once, and resolves call sites to implementations (see resolution.ts for how a
 * signature is chosen). Names are case-insensitive; a name belongs to one kind of function.
 *
 * Implementations receive their arguments spread, a variadic parameter's values included
 * (`CONCAT('a', 'b', 'c')` calls `invoke('a', 'b', 'c')`).
 */
import { AnalysisError, InternalError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { SqlType } from '../common/sql-types.js';
import type {
  AggregateSignature,
  CallSite,
  FunctionDefinition,
  ReturnType,
  ScalarSignature,
  TableSignature,
} from './definition.js';
import { builtinFunctions } from './builtins/index.js';
import { applyBindings, type Bindings } from './generics.js';
import { formatParams, unknownFunction } from './messages.js';
import { indexSignature, resolveSignature, type IndexedSignature } from './resolution.js';
import {
  formatParamType,
  parseParamPattern,
  parseTypePattern,
  type ParamType,
} from './type-pattern.js';
import type {
  ArgumentShape,
  FunctionDescription,
  FunctionKind,
  FunctionRegistry,
  ResolvedAggregate,
  ResolvedScalar,
  ResolvedTableFunction,
} from './types.js';

type AnySignature = ScalarSignature | AggregateSignature | TableSignature;

interface Entry {
  readonly name: string;
  readonly kind: FunctionKind;
  readonly category: string;
  readonly description: string;
  readonly source?: string;
  readonly signatures: IndexedEntrySignature[];
}

interface IndexedEntrySignature extends IndexedSignature {
  readonly definition: AnySignature;
  readonly returns: ParamType | ((site: CallSite) => SqlType);
}

/** A registry that can also take user functions. */
export interface MutableFunctionRegistry extends FunctionRegistry {
  register(definitions: readonly FunctionDefinition[], source?: string): void;
  /**
   * Replaces every function that came from `source` (a user module's file) with `definitions`, all
   * or nothing: when one definition is refused (a name another source owns, a bad signature) the
   * registry is left as it was. Queries already compiled keep the implementations they resolved.
   */
  replaceSource(source: string, definitions: readonly FunctionDefinition[]): void;
  /** Removes every function that came from `source`. */
  removeSource(source: string): void;
}

export function createFunctionRegistry(
  definitions: readonly FunctionDefinition[],
): MutableFunctionRegistry {
  let entries = new Map<string, Entry>();

  const register = (defs: readonly FunctionDefinition[], source?: string): void => {
    for (const def of defs) addDefinition(entries, def, source);
  };
  register(definitions);

  const withoutSource = (source: string): Map<string, Entry> =>
    new Map([...entries].filter(([, entry]) => entry.source !== source));

  const lookup = (name: string, kind: FunctionKind, span?: Span): Entry => {
    const entry = entries.get(name.toUpperCase());
    if (!entry || entry.kind !== kind) throw unknownFunction(name, kind, span);
    return entry;
  };

  return {
    register,
    replaceSource(source, defs) {
      const next = withoutSource(source);
      for (const def of defs) {
        const owner = next.get(def.name.toUpperCase());
        if (owner) {
          throw new AnalysisError(
            `Function ${def.name.toUpperCase()} already exists (${owner.source ?? 'built-in'})`,
          );
        }
      }
      // Definitions of one source may share a name (overloads declared apart): merged as usual.
      for (const def of defs) addDefinition(next, def, source);
      entries = next;
    },
    removeSource(source) {
      entries = withoutSource(source);
    },
    kindOf: (name) => entries.get(name.toUpperCase())?.kind,

    resolveScalar(name, args, span): ResolvedScalar {
      const entry = lookup(name, 'scalar', span);
      const res = resolveSignature(entry.name, entry.signatures, args, true, span);
      const site = callSite(res.siteTypes, args);
      const definition = res.signature.definition as ScalarSignature;
      return {
        name: entry.name,
        returnType: returnTypeOf(res.signature, res.bindings, site, span),
        argTypes: res.argTypes,
        invoke: implementation(entry, definition, site) as (...args: unknown[]) => unknown,
      };
    },

    resolveAggregate(name, args, span, settings): ResolvedAggregate {
      const entry = lookup(name, 'aggregate', span);
      const res = resolveSignature(entry.name, entry.signatures, args, false, span);
      const site = {
        ...callSite(res.siteTypes, args),
        ...(settings === undefined ? {} : { properties: settings }),
      };
      const definition = res.signature.definition as AggregateSignature;
      const returnType = returnTypeOf(res.signature, res.bindings, site, span);
      const intermediate = definition.intermediate;
      return {
        ...definition.create(site),
        name: entry.name,
        returnType,
        intermediateType:
          intermediate === undefined
            ? returnType
            : typeof intermediate === 'function'
              ? intermediate(site)
              : applyBindings(parseTypePattern(intermediate), res.bindings),
        argTypes: valueTypes(entry, res.argTypes, span),
      };
    },

    resolveTable(name, args, span): ResolvedTableFunction {
      const entry = lookup(name, 'table', span);
      const res = resolveSignature(entry.name, entry.signatures, args, true, span);
      const site = callSite(res.siteTypes, args);
      const definition = res.signature.definition as TableSignature;
      return {
        name: entry.name,
        returnType: returnTypeOf(res.signature, res.bindings, site, span),
        argTypes: valueTypes(entry, res.argTypes, span),
        invoke: implementation(entry, definition, site) as (
          ...args: unknown[]
        ) => readonly unknown[],
      };
    },

    list: () =>
      [...entries.values()]
        .map(describeEntry)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),

    describe(name) {
      const entry = entries.get(name.toUpperCase());
      return entry && describeEntry(entry);
    },
  };
}

function addDefinition(
  entries: Map<string, Entry>,
  def: FunctionDefinition,
  source?: string,
): void {
  const key = def.name.toUpperCase();
  let entry = entries.get(key);
  if (entry && entry.kind !== def.kind) {
    throw new AnalysisError(
      `Function ${key} is already registered as ${kindWords(entry.kind)} function`,
    );
  }
  if (!entry) {
    entry = {
      name: def.name,
      kind: def.kind,
      category: def.category,
      description: def.description,
      signatures: [],
      ...(source === undefined ? {} : { source }),
    };
    entries.set(key, entry);
  }
  for (const signature of def.signatures) {
    const indexed = indexDefinition(signature);
    const clash = entry.signatures.find(
      (s) => s.variadic === indexed.variadic && formatParams(s) === formatParams(indexed),
    );
    if (clash) {
      throw new AnalysisError(
        `Can't add function ${def.name} with parameters [${indexed.params.map(formatParamType).join(', ')}] ` +
          'as a function with the same name and parameter types already exists',
      );
    }
    entry.signatures.push(indexed);
  }
}

function kindWords(kind: FunctionKind): string {
  return kind === 'scalar' ? 'a scalar' : kind === 'aggregate' ? 'an aggregate' : 'a table';
}

function indexDefinition(signature: AnySignature): IndexedEntrySignature {
  const parsed = signature.params.map(parseParamPattern);
  const variadic = signature.variadic === true;
  if (variadic && parsed.length === 0) {
    throw new InternalError('a variadic signature needs at least one parameter');
  }
  return {
    ...indexSignature(
      parsed.map((p) => p.type),
      parsed.map((p) => p.name),
      variadic,
      signature.variadicAt ?? parsed.length - 1,
    ),
    definition: signature,
    returns: parseReturn(signature.returns),
  };
}

function parseReturn(returns: ReturnType): ParamType | ((site: CallSite) => SqlType) {
  return typeof returns === 'string' ? parseTypePattern(returns) : returns;
}

function callSite(
  siteTypes: readonly (SqlType | null)[],
  args: readonly ArgumentShape[],
): CallSite {
  const texts = args.map((arg) => (arg.kind === 'value' ? arg.text : undefined));
  return {
    argTypes: siteTypes,
    literals: args.map((arg) => (arg.kind === 'value' ? arg.literal?.value : undefined)),
    ...(texts.some((x) => x !== undefined) ? { texts } : {}),
  };
}

function returnTypeOf(
  signature: IndexedEntrySignature,
  bindings: Bindings,
  site: CallSite,
  span?: Span,
): SqlType {
  try {
    return typeof signature.returns === 'function'
      ? signature.returns(site)
      : applyBindings(signature.returns, bindings);
  } catch (error) {
    if (error instanceof AnalysisError && !error.span) throw new AnalysisError(error.message, span);
    throw error;
  }
}

function implementation<F>(
  entry: Entry,
  definition: { readonly impl?: F; readonly create?: (site: CallSite) => F },
  site: CallSite,
): F {
  if (definition.impl) return definition.impl;
  if (definition.create) return definition.create(site);
  throw new InternalError(`function ${entry.name} has a signature without an implementation`);
}

function valueTypes(
  entry: Entry,
  argTypes: readonly (SqlType | { readonly lambdaParams: readonly SqlType[] } | null)[],
  span?: Span,
): SqlType[] {
  return argTypes.map((type) => {
    if (type === null || !('base' in type)) {
      throw new AnalysisError(
        `Function '${entry.name}' does not accept lambda or unit arguments`,
        span,
      );
    }
    return type;
  });
}

function describeEntry(entry: Entry): FunctionDescription {
  return {
    name: entry.name.toUpperCase(),
    kind: entry.kind,
    category: entry.category,
    description: entry.description,
    signatures: entry.signatures.map((s) => ({
      params: formatParams(s),
      returns: typeof s.returns === 'function' ? 'ANY' : formatParamType(s.returns),
      ...(s.definition.description === undefined ? {} : { description: s.definition.description }),
    })),
    ...(entry.source === undefined ? {} : { source: entry.source }),
  };
}

/** A registry of every built-in function (a new one each call: user functions go into it). */
export function builtinRegistry(): MutableFunctionRegistry {
  return createFunctionRegistry(builtinFunctions);
}
