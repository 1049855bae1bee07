/**
 * The FROM clause: one source, or a (left-deep) tree of joins. Produces the row layout the rest
 * of the query reads, the scope that resolves `alias.column` into it, how SELECT * expands and
 * names columns, and which expressions are the row's key. Join rows are laid out
 * `[join key, …left row, …right row]`, so a source's columns sit at a fixed offset.
 */
import { AnalysisError } from '../common/errors.js';
import { PSEUDO_COLUMNS, WINDOW_BOUNDS_COLUMNS, type Column } from '../common/schema.js';
import type { DataSource } from '../engine/data-source.js';
import type { Expression, Relation } from '../parser/ast.js';
import { resolveSource, sourceRowSchema, type AnalysisContext } from './analyze-query.js';
import { analyzeJoinCriteria, type JoinAnalysis } from './analyze-join.js';
import { checkJoinCriteria, type JoinCriteria } from './join-criteria.js';
import { Scope, type ScopeColumn } from './scope.js';
import type { TypedExpression } from './typed-expression.js';

export type RelationAnalysis =
  | {
      readonly kind: 'source';
      readonly source: DataSource;
      readonly alias: string;
      readonly schema: readonly Column[];
    }
  | JoinAnalysis;

/** A key column of the FROM row and the expressions that stand for it (any of them may be selected). */
export interface KeyAlternatives {
  readonly alternatives: readonly TypedExpression[];
  /** How ksqlDB names them in "must include the join expressions L.A or R.A". */
  readonly names: readonly string[];
  /** Set for a join key that matches no source column. */
  readonly synthetic?: boolean;
  /** Set for the key of a join ("must include the join expression …"). */
  readonly join?: boolean;
  /** For a foreign-key join's keys: the left table, whose primary key columns they are. */
  readonly foreignKeyOf?: string;
  /**
   * Where the key's value is always present (a join's key slot): outer results have NULL for
   * the missing side's columns, so the key is read from here whichever alternative was selected.
   */
  readonly slot?: TypedExpression;
}

export interface FromAnalysis {
  readonly relation: RelationAnalysis;
  readonly rowSchema: readonly Column[];
  readonly scope: Scope;
  readonly sources: readonly {
    readonly source: DataSource;
    readonly alias: string;
    readonly offset: number;
  }[];
  readonly outputType: 'stream' | 'table';
  readonly keys: readonly KeyAlternatives[];
  readonly isJoin: boolean;
  /**
   * SELECT * (or alias.*) as column references, in ksqlDB's order. `repartitioned`: the star of
   * a join under PARTITION BY, which ksqlDB's UserRepartitionNode resolves over the join's
   * whole value schema, system columns included.
   */
  star(alias: string | undefined, span: Expression['span'], repartitioned?: boolean): Expression[];
  /** The output name of a column that `*` expanded to: in a join, always `ALIAS_COL`. */
  starName(ref: Extract<Expression, { kind: 'column' }>): string;
  /**
   * The output name ksqlDB gives a column reference written in SELECT (AstSanitizer): in a join,
   * `alias.col` is `ALIAS_COL` only when `col` is a column of more than one source.
   */
  columnName(ref: Extract<Expression, { kind: 'column' }>): string;
}

/**
 * `transient`: a push or pull query, whose `*` over a windowed source includes the window bounds
 * after the keys, as ksqlDB's results show them (`ID KEY, WINDOWSTART KEY, WINDOWEND KEY, …`).
 */
export function analyzeFrom(from: Relation, ctx: AnalysisContext, transient = false): FromAnalysis {
  if (from.kind === 'source') return singleSource(from, ctx, transient);
  const criteria = checkJoinCriteria(from, (s) => {
    const source = resolveSource(ctx.metastore, s.name, s.span);
    return { alias: s.alias ?? source.name, columns: sourceRowSchema(source) };
  });
  const relation = analyzeJoinTree(from, ctx, criteria);
  const sources = collectSources(relation);
  const kafkaValues = [
    ...new Set(
      sources.filter((s) => s.source.valueFormat.format === 'KAFKA').map((s) => s.source.name),
    ),
  ];
  if (kafkaValues.length > 0) {
    throw new AnalysisError(
      `Source(s) ${kafkaValues.join(', ')} are using the 'KAFKA' value format. This format does not yet support JOIN.`,
      from.span,
    );
  }
  const scope = new Scope(
    scopeColumns(relation),
    sources.map((s) => s.alias),
  );
  const join = relation as JoinAnalysis;
  const clashing = clashingColumnNames(sources);
  return {
    relation,
    rowSchema: relation.schema,
    scope,
    sources,
    outputType: join.outputType,
    keys: join.keys.map((k) =>
      k.foreignKeyOf !== undefined
        ? k
        : { ...k, slot: { k: 'column', index: 0, name: 'ROWKEY', type: relation.schema[0]!.type } },
    ),
    isJoin: true,
    star: (alias, span, repartitioned = false) => {
      const picked = alias === undefined ? sources : sources.filter((s) => s.alias === alias);
      if (alias !== undefined && picked.length === 0) {
        throw new AnalysisError(`'${alias}' is not a valid stream/table name or alias.`, span);
      }
      const columns = picked.flatMap((s) =>
        joinStarColumns(s.source, repartitioned).map((name): Expression => ({
          kind: 'column',
          span,
          source: s.alias,
          name,
        })),
      );
      if (repartitioned) return columns;
      // ksqlDB's JoinNode.resolveSelectStar: an unqualified * includes a synthetic key.
      const synthetic = join.keys[0]?.synthetic ? join.keys[0].names[0] : undefined;
      return alias === undefined && synthetic !== undefined
        ? [{ kind: 'column', span, name: synthetic }, ...columns]
        : columns;
    },
    starName: (ref) => (ref.source === undefined ? ref.name : `${ref.source}_${ref.name}`),
    columnName: (ref) =>
      ref.source !== undefined && clashing.has(ref.name) ? `${ref.source}_${ref.name}` : ref.name,
  };
}

function singleSource(
  from: Extract<Relation, { kind: 'source' }>,
  ctx: AnalysisContext,
  transient: boolean,
): FromAnalysis {
  const source = resolveSource(ctx.metastore, from.name, from.span);
  const alias = from.alias ?? source.name;
  const schema = sourceRowSchema(source);
  const scope = new Scope(
    schema.map((c, index) => ({ source: alias, name: c.name, type: c.type, index })),
    [alias],
  );
  const keys = schema
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.namespace === 'key')
    .map(({ c, index }): KeyAlternatives => ({
      alternatives: [{ k: 'column', index, name: c.name, type: c.type }],
      names: [c.name],
    }));
  return {
    relation: { kind: 'source', source, alias, schema },
    rowSchema: schema,
    scope,
    sources: [{ source, alias, offset: 0 }],
    outputType: source.sourceType,
    keys,
    isJoin: false,
    star: (a, span) => {
      if (a !== undefined && a !== alias) {
        throw new AnalysisError(`'${a}' is not a valid stream/table name or alias.`, span);
      }
      const keys = schema.filter((c) => c.namespace === 'key');
      const bounds = transient && source.window ? WINDOW_BOUNDS_COLUMNS : [];
      const others = schema.filter((c) => c.namespace !== 'pseudo' && c.namespace !== 'key');
      return [...keys, ...bounds, ...others].map((c): Expression => ({
        kind: 'column',
        span,
        name: c.name,
      }));
    },
    starName: (ref) => ref.name,
    columnName: (ref) => ref.name,
  };
}

/**
 * Names of columns that more than one joined source has (the same source twice counts twice);
 * pseudo columns belong to every source (ksqlDB's DataSourceExtractor.isClashingColumnName).
 */
function clashingColumnNames(sources: readonly { source: DataSource }[]): Set<string> {
  const seen = new Set<string>();
  const clashing = new Set<string>(PSEUDO_COLUMNS.map((c) => c.name));
  for (const { source } of sources) {
    for (const c of source.columns) {
      if (seen.has(c.name)) clashing.add(c.name);
      seen.add(c.name);
    }
  }
  return clashing;
}

function analyzeJoinTree(
  rel: Relation,
  ctx: AnalysisContext,
  criteria: ReadonlyMap<Relation, JoinCriteria>,
): RelationAnalysis {
  if (rel.kind === 'source') {
    const source = resolveSource(ctx.metastore, rel.name, rel.span);
    return {
      kind: 'source',
      source,
      alias: rel.alias ?? source.name,
      schema: sourceRowSchema(source),
    };
  }
  const left = analyzeJoinTree(rel.left, ctx, criteria);
  const right = analyzeJoinTree(rel.right, ctx, criteria);
  if (right.kind !== 'source')
    throw new AnalysisError('The right side of a join must be a stream or table', rel.span);
  const seen = collectSources(left).map((s) => s.alias);
  if (seen.includes(right.alias)) {
    throw new AnalysisError(
      `N-way joins do not support multiple occurrences of the same source. Source: '${right.alias}'`,
      rel.span,
    );
  }
  return analyzeJoinCriteria(
    rel,
    criteria.get(rel)!,
    left,
    right,
    ctx,
    (r) =>
      new Scope(
        scopeColumns(r),
        collectSources(r).map((s) => s.alias),
      ),
  );
}

/** Every source of a relation with the offset of its row in the relation's row. */
export function collectSources(
  rel: RelationAnalysis,
  offset = 0,
): { source: DataSource; alias: string; offset: number }[] {
  if (rel.kind === 'source') return [{ source: rel.source, alias: rel.alias, offset }];
  return [
    ...collectSources(rel.left, offset + 1),
    ...collectSources(rel.right, offset + 1 + rel.left.schema.length),
  ];
}

/** Scope columns of a relation's row: each source's columns under its alias, and ROWKEY for joins. */
export function scopeColumns(rel: RelationAnalysis): ScopeColumn[] {
  const cols: ScopeColumn[] = [];
  if (rel.kind === 'join' && rel.keys[0]?.synthetic) {
    cols.push({ name: rel.keys[0].names[0]!, type: rel.schema[0]!.type, index: 0 });
  }
  for (const s of collectSources(rel)) {
    sourceRowSchema(s.source).forEach((c, i) =>
      cols.push({ source: s.alias, name: c.name, type: c.type, index: s.offset + i }),
    );
  }
  return cols;
}

/**
 * The columns one joined source contributes to `*`. ksqlDB's DataSourceNode.resolveSelectStar:
 * keys, then a windowed source's window bounds (named `ALIAS_WINDOWSTART` in the join, so no
 * longer reserved), then the other columns. Under PARTITION BY, the join's value schema as
 * ksqlDB's LogicalSchema.withPseudoAndKeyColsInValue lays it out: the other columns, the pseudo
 * columns, the window bounds, then the keys.
 */
function joinStarColumns(source: DataSource, repartitioned: boolean): string[] {
  const keys = source.columns.filter((c) => c.namespace === 'key').map((c) => c.name);
  const others = source.columns.filter((c) => c.namespace !== 'key').map((c) => c.name);
  const bounds = source.window ? WINDOW_BOUNDS_COLUMNS.map((c) => c.name) : [];
  return repartitioned
    ? [...others, ...PSEUDO_COLUMNS.map((c) => c.name), ...bounds, ...keys]
    : [...keys, ...bounds, ...others];
}
