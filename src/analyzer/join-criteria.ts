/**
 * The checks ksqlDB makes on every `ON` clause of a FROM clause before it looks at join kinds
 * (AstSanitizer, then Analyzer.visitJoinedSource, then JoinTree): column references are
 * qualified with their source, each side of the comparison references exactly one source, the
 * two sides reference different sources, and one of them is the source being joined.
 */
import { AnalysisError } from '../common/errors.js';
import type { Column } from '../common/schema.js';
import type { AliasedSource, Expression, Relation } from '../parser/ast.js';
import { astChildren, visitAst } from './ast-children.js';
import { printAst } from './print-ast.js';

/** ksqlDB checks a join's qualifiers while it prepares the statement, and says so. */
const PREPARE = 'Failed to prepare statement: ';
/**
 * An ambiguous name in an ON clause is found by ksqlDB's AstSanitizer, whose located message the
 * engine wraps with this (the location, `Line: L, Col: C: `, goes after it).
 */
export const PREPARING = 'Exception while preparing statement: ';

/** A joined source as the criteria checks see it: its alias and the columns of its row. */
export interface CriteriaSource {
  readonly alias: string;
  readonly columns: readonly Column[];
}

/** The ON clause of one join, qualified, with its sides ordered (left relation first). */
export interface JoinCriteria {
  readonly on: Expression;
  /** The side over the left relation, and the side over the joined (right) source. */
  readonly leftAst: Expression;
  readonly rightAst: Expression;
  /** The source each side references. */
  readonly leftSource: string;
  readonly rightSource: string;
}

/**
 * Checks every join of a FROM clause bottom-up and returns the qualified criteria of each join
 * relation; `sourceOf` gives the alias and columns of a FROM source.
 */
export function checkJoinCriteria(
  from: Relation,
  sourceOf: (s: AliasedSource) => CriteriaSource,
): Map<Relation, JoinCriteria> {
  const all: CriteriaSource[] = [];
  const collect = (r: Relation): void => {
    if (r.kind === 'source') all.push(sourceOf(r));
    else {
      collect(r.left);
      collect(r.right);
    }
  };
  collect(from);
  const out = new Map<Relation, JoinCriteria>();
  const visit = (r: Relation): string[] => {
    if (r.kind === 'source') return [sourceOf(r).alias];
    const leftAliases = visit(r.left);
    const rightAlias = sourceOf(r.right).alias;
    out.set(r, criteriaOf(r.on, all, leftAliases, rightAlias));
    return [...leftAliases, rightAlias];
  };
  visit(from);
  return out;
}

function criteriaOf(
  raw: Expression,
  all: readonly CriteriaSource[],
  leftAliases: readonly string[],
  rightAlias: string,
): JoinCriteria {
  // ksqlDB checks every qualifier of the clause before resolving unqualified names.
  visitAst(raw, (x) => {
    if (x.kind === 'column' && x.source !== undefined && !all.some((s) => s.alias === x.source)) {
      throw new AnalysisError(
        `${PREPARE}'${x.source}' is not a valid stream/table name or alias.`,
        x.span,
      );
    }
  });
  const on = qualify(raw, all);
  const shown = printAst(on);
  if (on.kind === 'logical') {
    throw new AnalysisError(
      `Invalid join condition: joins on multiple conditions are not yet supported. Got ${shown}.`,
      on.span,
    );
  }
  if (on.kind !== 'comparison' || on.op !== '=') {
    throw new AnalysisError(
      `Unsupported join expression: ${shown}. Joins are supported on equality only.`,
      on.span,
    );
  }
  const sides = [on.left, on.right].map((side) => {
    const refs = sourcesReferenced(side);
    if (refs.size !== 1) {
      throw new AnalysisError(
        `Invalid comparison expression '${printAst(side)}' in join '${shown}'. Each side of the join comparision must contain references from exactly one source.`,
        side.span,
      );
    }
    return [...refs][0]!;
  });
  const [first, second] = sides as [string, string];
  if (first === second) {
    throw new AnalysisError(
      `Each side of the join must reference exactly one source and not the same source. Left side references \`${first}\` and right references \`${second}\``,
      on.span,
    );
  }
  if (first !== rightAlias && second !== rightAlias) {
    throw new AnalysisError(
      `A join criteria is expected to reference the source (\`${rightAlias}\`) in the FROM clause, instead the right source references \`${second}\` and the left source references \`${first}\``,
      on.span,
    );
  }
  const flipped = first === rightAlias;
  const leftSource = flipped ? second : first;
  if (!leftAliases.includes(leftSource)) {
    throw new AnalysisError(
      `A join criteria is expected to reference the source (\`${rightAlias}\`) in the FROM clause, instead the right source references \`${second}\` and the left source references \`${first}\``,
      on.span,
    );
  }
  return {
    on,
    leftAst: flipped ? on.right : on.left,
    rightAst: flipped ? on.left : on.right,
    leftSource,
    rightSource: rightAlias,
  };
}

/**
 * Qualifies unqualified column references with the one source that has the column, as ksqlDB's
 * AstSanitizer; unknown qualifiers, unknown columns and names of more than one source are
 * refused (lambda parameters are left alone).
 */
export function qualify(
  e: Expression,
  all: readonly CriteriaSource[],
  lambdaParams: ReadonlySet<string> = new Set(),
): Expression {
  if (e.kind === 'column') {
    if (e.source === undefined && lambdaParams.has(e.name)) return e;
    const shown = e.source === undefined ? e.name : `${e.source}.${e.name}`;
    const unresolved = () =>
      new AnalysisError(`JOIN ON column '${shown}' cannot be resolved.`, e.span);
    if (e.source !== undefined) {
      const source = all.find((s) => s.alias === e.source);
      if (!source) {
        throw new AnalysisError(
          `${PREPARE}'${e.source}' is not a valid stream/table name or alias.`,
          e.span,
        );
      }
      if (!source.columns.some((c) => c.name === e.name)) throw unresolved();
      return e;
    }
    const owners = all.filter((s) => s.columns.some((c) => c.name === e.name));
    if (owners.length > 1) {
      const names = owners.map((s) => `${s.alias}.${e.name}`);
      throw new AnalysisError(
        `${PREPARING}Column '${e.name}' is ambiguous. Could be ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}.`,
        e.span,
      );
    }
    if (owners.length === 0) throw unresolved();
    return { ...e, source: owners[0]!.alias };
  }
  const params = e.kind === 'lambda' ? new Set([...lambdaParams, ...e.params]) : lambdaParams;
  return mapChildren(e, (c) => qualify(c, all, params));
}

/** A copy of `e` with each direct sub-expression replaced by `f` of it. */
function mapChildren(e: Expression, f: (c: Expression) => Expression): Expression {
  const children = new Set<unknown>(astChildren(e));
  if (children.size === 0) return e;
  const rebuild = (v: unknown): unknown => {
    if (children.has(v)) return f(v as Expression);
    if (Array.isArray(v)) return v.map(rebuild);
    if (v !== null && typeof v === 'object' && !('kind' in v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rebuild(x)]));
    }
    return v;
  };
  return Object.fromEntries(
    Object.entries(e).map(([k, v]) => [k, k === 'span' ? v : rebuild(v)]),
  ) as unknown as Expression;
}

/** The sources a qualified expression references. */
function sourcesReferenced(e: Expression): Set<string> {
  const found = new Set<string>();
  const visit = (x: Expression): void => {
    if (x.kind === 'column' && x.source !== undefined) found.add(x.source);
    for (const c of astChildren(x)) visit(c);
  };
  visit(e);
  return found;
}
