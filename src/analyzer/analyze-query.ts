/**
 * Analyzes a SELECT over one source without aggregation: resolves the source, WHERE,
 * PARTITION BY, table functions and the projection, and decides which output columns are key
 * columns, with ksqlDB's naming and checks. Aggregations and joins are refused here as
 * unsupported until their analyzers exist.
 */
import { AnalysisError, UnsupportedError } from '../common/errors.js';
import {
  PSEUDO_COLUMNS,
  RESERVED_COLUMN_NAMES,
  WINDOW_BOUNDS_COLUMNS,
  type Column,
} from '../common/schema.js';
import { BOOLEAN, formatType, type SqlType } from '../common/sql-types.js';
import type { DataSource } from '../engine/data-source.js';
import type { Metastore } from '../engine/metastore.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Expression, Query, SelectItem } from '../parser/ast.js';
import { analyzeAggregate, type AggregateAnalysis } from './analyze-aggregate.js';
import { visitAst } from './ast-children.js';
import { castTo, coerceTo } from './coercion.js';
import { defaultName, GeneratedNames, uniqueName } from './column-naming.js';
import { typeExpression, type TypingContext } from './expression-typer.js';
import { printExpression } from './print-expression.js';
import { Scope } from './scope.js';
import { sameExpression } from './same-expression.js';
import { analyzeTableFunctions, type TableFunctionCall } from './table-functions.js';
import type { TypedExpression } from './typed-expression.js';

export interface ProjectedColumn {
  readonly column: Column;
  readonly expression: TypedExpression;
}

export interface QueryAnalysis {
  readonly source: DataSource;
  /** The alias the query gives the source (its name when none). */
  readonly alias: string;
  readonly sourceSchema: readonly Column[];
  readonly where?: TypedExpression;
  readonly tableFunctions: readonly TableFunctionCall[];
  /** Output columns, keys first, with the expressions that compute them from the input row. */
  readonly projection: readonly ProjectedColumn[];
  /** Set for GROUP BY queries: the projection then reads the aggregate's output row. */
  readonly aggregate?: AggregateAnalysis;
  readonly outputType: 'stream' | 'table';
  readonly emit?: 'changes' | 'final';
  readonly limit?: number;
}

export interface AnalysisContext {
  readonly metastore: Metastore;
  readonly functions: FunctionRegistry;
}

/** The row layout a source's records are read into: key, value, header, then pseudo columns. */
export function sourceRowSchema(source: DataSource): Column[] {
  return [
    ...source.columns.filter((c) => c.namespace === 'key'),
    ...source.columns.filter((c) => c.namespace === 'value'),
    ...source.columns.filter((c) => c.namespace === 'header'),
    ...PSEUDO_COLUMNS,
    ...(source.window ? WINDOW_BOUNDS_COLUMNS : []),
  ];
}

export function resolveSource(metastore: Metastore, name: string, span: Expression['span']): DataSource {
  const source = metastore.getSource(name);
  if (!source) {
    throw new AnalysisError(`${name} does not exist.`, span);
  }
  return source;
}

/**
 * `sinkName` names the query's result in ksqlDB's messages (`OUTPUT` in "The query used to
 * build `OUTPUT` must include …").
 */
export function analyzeQuery(
  query: Query,
  ctx: AnalysisContext,
  sinkName: string,
  options: { readonly transient?: boolean } = {},
): QueryAnalysis {
  if (query.from.kind === 'join') {
    throw new UnsupportedError('joins are not supported yet', query.from.span);
  }
  if (query.window && !query.groupBy) {
    throw new AnalysisError('WINDOW clause requires a GROUP BY clause.', query.window.span);
  }
  if (query.having && !query.groupBy) {
    throw new AnalysisError('HAVING clause requires a GROUP BY clause.', query.having.span);
  }
  if (query.emit === 'final' && !query.window) {
    throw new AnalysisError('EMIT FINAL is only supported for windowed aggregations.', query.span);
  }
  const source = resolveSource(ctx.metastore, query.from.name, query.from.span);
  const alias = query.from.alias ?? source.name;
  const sourceSchema = sourceRowSchema(source);
  const scope = new Scope(
    sourceSchema.map((c, index) => ({ source: alias, name: c.name, type: c.type, index })),
    [alias],
  );
  const base: Omit<TypingContext, 'clause'> = {
    scope,
    functions: ctx.functions,
    customTypes: (n) => ctx.metastore.getType(n),
  };
  if (!query.groupBy) rejectAggregates(query, ctx.functions);

  const where = query.where
    ? coerceTo(typeExpression(query.where, { ...base, clause: 'WHERE' }), BOOLEAN, query.where.span, 'WHERE')
    : undefined;

  if (query.groupBy) {
    if (query.partitionBy) {
      throw new AnalysisError('PARTITION BY and GROUP BY in the same query are not supported.', query.span);
    }
    const items = expandSelect(query.select, source, alias, sourceSchema, undefined, () => ({ base: 'STRING' }));
    const aggregate = analyzeAggregate(query, items, { ...base, clause: 'SELECT' }, sinkName, alias, options.transient === true);
    return {
      source,
      alias,
      sourceSchema,
      ...(where ? { where } : {}),
      tableFunctions: [],
      projection: aggregate.projection,
      aggregate,
      outputType: 'table',
      ...(query.emit ? { emit: query.emit } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
    };
  }

  const tableFunctions = analyzeTableFunctions(query.select, { ...base, clause: 'SELECT' }, sourceSchema.length);
  const selectCtx: TypingContext = {
    ...base,
    clause: 'SELECT',
    replace: (e) => tableFunctions.find((f) => f.ast === e)?.column,
  };

  const partitionBy = query.partitionBy?.map((e) => ({
    ast: e,
    typed: typeExpression(e, { ...base, clause: 'PARTITION BY' }),
  }));

  const items = expandSelect(query.select, source, alias, sourceSchema, partitionBy, (e) => {
    const t = typeExpression(e, selectCtx);
    return t.k === 'unit' || t.type === null ? { base: 'STRING' } : t.type;
  });
  const projection = buildProjection(items, selectCtx, source, partitionBy, sinkName, query, options.transient === true);

  return {
    source,
    alias,
    sourceSchema,
    ...(where ? { where } : {}),
    tableFunctions,
    projection,
    outputType: source.sourceType,
    ...(query.emit ? { emit: query.emit } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };
}

interface SelectEntry {
  readonly ast: Expression;
  readonly alias?: string;
  /** From `*`: a key column that keeps its key role. */
  readonly fromStar?: boolean;
}

/** Expands `*` and `alias.*`: after PARTITION BY, the new key first, then values, then old keys. */
function expandSelect(
  select: readonly SelectItem[],
  source: DataSource,
  alias: string,
  sourceSchema: readonly Column[],
  partitionBy: readonly { ast: Expression; typed: TypedExpression }[] | undefined,
  structTypeOf: (e: Expression) => SqlType,
): SelectEntry[] {
  const entries: SelectEntry[] = [];
  for (const item of select) {
    if (item.kind === 'selectExpression') {
      entries.push({ ast: item.expression, ...(item.alias !== undefined ? { alias: item.alias } : {}) });
      continue;
    }
    if (item.kind === 'structAll') {
      const t = structTypeOf(item.base);
      if (t.base !== 'STRUCT') {
        throw new AnalysisError(`'->*' needs a STRUCT, not ${formatType(t)}`, item.span);
      }
      for (const f of t.fields) {
        entries.push({ ast: { kind: 'dereference', span: item.span, base: item.base, field: f.name } });
      }
      continue;
    }
    if (item.source !== undefined && item.source !== alias) {
      throw new AnalysisError(`'${item.source}' is not a valid stream/table name or alias.`, item.span);
    }
    const col = (c: Column): SelectEntry => ({
      ast: { kind: 'column', span: item.span, name: c.name },
      fromStar: true,
    });
    const userColumns = sourceSchema.filter((c) => c.namespace !== 'pseudo');
    if (!partitionBy) {
      entries.push(...userColumns.map(col));
      continue;
    }
    const keyNames = new Set(
      partitionBy.filter((p) => p.ast.kind === 'column').map((p) => (p.ast as { name: string }).name),
    );
    entries.push(...partitionBy.map((p) => ({ ast: p.ast, fromStar: true })));
    entries.push(
      ...userColumns.filter((c) => c.namespace !== 'key' && !keyNames.has(c.name)).map(col),
      ...userColumns.filter((c) => c.namespace === 'key' && !keyNames.has(c.name)).map(col),
    );
  }
  void source;
  return entries;
}

function buildProjection(
  items: readonly SelectEntry[],
  ctx: TypingContext,
  source: DataSource,
  partitionBy: readonly { ast: Expression; typed: TypedExpression }[] | undefined,
  sinkName: string,
  query: Query,
  transient: boolean,
): ProjectedColumn[] {
  const typed = items.map((item) => ({ item, expr: typeExpression(item.ast, ctx) }));
  const keyExprs: TypedExpression[] = partitionBy
    ? partitionBy.map((p) => p.typed)
    : sourceRowSchema(source)
        .map((c, index) => ({ c, index }))
        .filter(({ c }) => c.namespace === 'key')
        .map(({ c, index }) => ({ k: 'column', index, name: c.name, type: c.type }) as TypedExpression);

  const taken = new Set<string>(items.flatMap((i) => (i.alias !== undefined ? [i.alias] : [])));
  const generated = new GeneratedNames(taken);
  const keyColumns: (ProjectedColumn | undefined)[] = keyExprs.map(() => undefined);
  const values: ProjectedColumn[] = [];
  for (const { item, expr } of typed) {
    const type: SqlType = expr.k === 'unit' || expr.type === null ? { base: 'STRING' } : expr.type;
    const keyIndex = keyExprs.findIndex((k, i) => keyColumns[i] === undefined && sameExpression(k, expr));
    const name =
      item.alias ?? (defaultName(item.ast) !== undefined ? uniqueName(defaultName(item.ast)!, taken) : generated.generate());
    if (RESERVED_COLUMN_NAMES.has(name)) {
      throw new AnalysisError(
        item.alias !== undefined
          ? `\`${name}\` is a reserved column name. You cannot use it as an alias for a column.`
          : `Reserved column name in select: \`${name}\`. Please remove or alias the column.`,
        item.ast.span,
      );
    }
    const expression = expr.k === 'literal' && expr.type === null ? castTo(expr, type) : expr;
    if (keyIndex >= 0) {
      keyColumns[keyIndex] = { column: { name, type, namespace: 'key' }, expression };
    } else {
      values.push({ column: { name, type, namespace: 'value' }, expression });
    }
  }
  const missing = keyExprs.filter((_, i) => keyColumns[i] === undefined);
  const requireKeys = partitionBy !== undefined || source.sourceType === 'table' || missing.length < keyExprs.length;
  if (missing.length > 0 && requireKeys && !transient) {
    throw missingKeyError(sinkName, partitionBy ? 'partitioning expression' : 'key column', keyExprs, partitionBy !== undefined, source);
  }
  if (values.length === 0 && !transient) {
    throw new AnalysisError('The projection contains no value columns.', query.span);
  }
  return [...keyColumns.filter((k): k is ProjectedColumn => k !== undefined), ...values];
}

function missingKeyError(
  sinkName: string,
  what: string,
  keys: readonly TypedExpression[],
  qualified: boolean,
  source: DataSource,
): AnalysisError {
  const names = keys.map((m) => (qualified ? printExpression(m, source.name) : printExpression(m)));
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const plural = names.length === 1 ? what : `${what}s`;
  const eg = names.join(', ');
  return new AnalysisError(
    `The query used to build \`${sinkName}\` must include the ${plural} ${list} in its projection (eg, SELECT ${eg}...).`,
  );
}

function rejectAggregates(query: Query, functions: FunctionRegistry): void {
  for (const item of query.select) {
    if (item.kind === 'selectExpression' && containsAggregate(item.expression, functions)) {
      throw new AnalysisError(
        'Use of aggregate functions requires a GROUP BY clause.',
        item.span,
      );
    }
  }
}

function containsAggregate(e: Expression, functions: FunctionRegistry): boolean {
  let found = false;
  visitAst(e, (x) => {
    if (x.kind === 'call' && functions.kindOf(x.name) === 'aggregate') found = true;
  });
  return found;
}
