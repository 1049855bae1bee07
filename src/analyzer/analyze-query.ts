/**
 * Analyzes a SELECT: the FROM clause (a source or joins), WHERE, PARTITION BY, table functions,
 * GROUP BY (in analyze-aggregate.ts) and the projection, deciding which output columns are key
 * columns, with ksqlDB's naming and checks.
 */
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import {
  PSEUDO_COLUMNS,
  RESERVED_COLUMN_NAMES,
  WINDOW_BOUNDS_COLUMNS,
  WINDOWEND,
  WINDOWSTART,
  type Column,
} from '../common/schema.js';
import { BOOLEAN, formatType, type SqlType } from '../common/sql-types.js';
import type { DataSource } from '../engine/data-source.js';
import type { Metastore } from '../engine/metastore.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Expression, Query, SelectItem } from '../parser/ast.js';
import { checkAggregateRules } from './aggregate-rules.js';
import { analyzeAggregate, type AggregateAnalysis } from './analyze-aggregate.js';
import { analyzeFrom, type FromAnalysis, type KeyAlternatives } from './analyze-from.js';
import { visitAst } from './ast-children.js';
import { castTo, coerceTo } from './coercion.js';
import { defaultName, GeneratedNames, reservedNameMessage, uniqueName } from './column-naming.js';
import { typeExpression, type TypingContext } from './expression-typer.js';
import { printExpression } from './print-expression.js';
import { sameExpression } from './same-expression.js';
import { analyzeTableFunctions, type TableFunctionCall } from './table-functions.js';
import type { TypedExpression } from './typed-expression.js';

export interface ProjectedColumn {
  readonly column: Column;
  readonly expression: TypedExpression;
}

export interface QueryAnalysis {
  readonly from: FromAnalysis;
  /** The leftmost source: where sink formats and partitions are inherited from. */
  readonly source: DataSource;
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

export function resolveSource(
  metastore: Metastore,
  name: string,
  span: Expression['span'],
): DataSource {
  const source = metastore.getSource(name);
  if (!source) throw new AnalysisError(`${name} does not exist.`, span);
  return source;
}

/**
 * `sinkName` names the query's result in ksqlDB's messages (`OUTPUT` in "The query used to
 * build `OUTPUT` must include …"). Transient (push, pull) queries need not select keys.
 */
export function analyzeQuery(
  query: Query,
  ctx: AnalysisContext,
  sinkName: string,
  options: { readonly transient?: boolean } = {},
): QueryAnalysis {
  const transient = options.transient === true;
  if (!query.groupBy) rejectAggregates(query, ctx.functions);
  if (query.window && !query.groupBy) {
    throw new AnalysisError('WINDOW clause requires a GROUP BY clause.', query.window.span);
  }
  if (query.having && !query.groupBy) {
    throw new AnalysisError('HAVING clause requires a GROUP BY clause.', query.having.span);
  }
  if (query.emit === 'final' && !query.window) {
    throw new AnalysisError('EMIT FINAL is only supported for windowed aggregations.', query.span);
  }
  const from = analyzeFrom(query.from, ctx, transient);
  const base: Omit<TypingContext, 'clause'> = {
    scope: from.scope,
    functions: ctx.functions,
    customTypes: (n) => ctx.metastore.getType(n),
  };
  if (query.where && query.window) checkWhereWindowBounds(query.where, from);
  const where = query.where
    ? coerceTo(
        typeExpression(query.where, { ...base, clause: 'WHERE' }),
        BOOLEAN,
        query.where.span,
        'WHERE',
      )
    : undefined;
  const common = {
    from,
    source: from.sources[0]!.source,
    ...(where ? { where } : {}),
    ...(query.emit ? { emit: query.emit } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };

  if (query.groupBy) {
    if (query.partitionBy) {
      throw new AnalysisError(
        'PARTITION BY and GROUP BY in the same query are not supported.',
        query.span,
      );
    }
    // ksqlDB checks the SELECT names before it resolves the GROUP BY.
    if (!transient) checkReservedNames(query);
    const kafkaValues = from.sources.filter((s) => s.source.valueFormat.format === 'KAFKA');
    if (kafkaValues.length > 0) {
      throw new AnalysisError(
        `Source(s) ${kafkaValues.map((s) => s.source.name).join(', ')} are using the 'KAFKA' value format. This format does not yet support GROUP BY.`,
        query.span,
      );
    }
    const items = expandSelect(query.select, from, undefined, () => ({ base: 'STRING' }));
    const aggregate = analyzeAggregate(
      query,
      items,
      { ...base, clause: 'SELECT' },
      sinkName,
      from.sources[0]!.alias,
      transient,
      from.outputType === 'table',
    );
    return {
      ...common,
      tableFunctions: [],
      projection: aggregate.projection,
      aggregate,
      outputType: 'table',
    };
  }

  const tableFunctions = analyzeTableFunctions(
    query.select,
    { ...base, clause: 'SELECT' },
    from.rowSchema.length,
  );
  // ksqlDB flat-maps streams only (its SchemaKTable has no flatMap).
  if (tableFunctions.length > 0 && from.outputType === 'table') {
    throw new AnalysisError('Table source is not supported with table functions', query.span);
  }
  const selectCtx: TypingContext = {
    ...base,
    clause: 'SELECT',
    replace: (e) => tableFunctions.find((f) => f.ast === e)?.column,
  };
  if (query.partitionBy) checkPartitionBy(query.partitionBy, query.span);
  // PARTITION BY NULL: the result has no key columns.
  const partitionBy = query.partitionBy
    ?.filter((e) => e.kind !== 'null')
    .map((e) => ({
      ast: e,
      typed: typePartitionBy(e, { ...base, clause: 'PARTITION BY' }),
    }));
  const items = expandSelect(query.select, from, partitionBy, (e) => {
    const t = typeExpression(e, selectCtx);
    return t.k === 'unit' || t.type === null ? { base: 'STRING' } : t.type;
  });
  const keys: readonly KeyAlternatives[] = partitionBy
    ? partitionBy.map((p) => ({
        alternatives: [p.typed],
        names: [printExpression(p.typed, from.sources[0]!.alias)],
      }))
    : from.keys;
  const requireKeys =
    !transient && (partitionBy !== undefined || from.outputType === 'table' || from.isJoin);
  const projection = buildProjection(
    items,
    selectCtx,
    keys,
    requireKeys,
    sinkName,
    partitionBy !== undefined,
    transient,
    query,
  );
  return { ...common, tableFunctions, projection, outputType: from.outputType };
}

export interface SelectEntry {
  readonly ast: Expression;
  readonly alias?: string;
  /** The name ksqlDB gives the column when there is no alias. */
  readonly name?: string;
  /** A selected struct field (`a->b`): its name also steps aside for the source's columns. */
  readonly field?: boolean;
}

/** Expands `*`, `alias.*` and `struct->*`; after PARTITION BY the new key comes first, then values, then old keys. */
function expandSelect(
  select: readonly SelectItem[],
  from: FromAnalysis,
  partitionBy: readonly { ast: Expression; typed: TypedExpression }[] | undefined,
  structTypeOf: (e: Expression) => SqlType,
): SelectEntry[] {
  const entries: SelectEntry[] = [];
  const named = (ast: Expression): SelectEntry => ({
    ast,
    ...(ast.kind === 'column'
      ? { name: from.columnName(ast) }
      : ast.kind === 'dereference'
        ? { name: ast.field, field: true }
        : {}),
  });
  for (const item of select) {
    if (item.kind === 'selectExpression') {
      entries.push({
        ...named(item.expression),
        ...(item.alias !== undefined ? { alias: item.alias } : {}),
      });
      continue;
    }
    if (item.kind === 'structAll') {
      const t = structTypeOf(item.base);
      if (t.base !== 'STRUCT')
        throw new AnalysisError(`'->*' needs a STRUCT, not ${formatType(t)}`, item.span);
      for (const f of t.fields) {
        entries.push({
          ast: { kind: 'dereference', span: item.span, base: item.base, field: f.name },
          name: f.name,
        });
      }
      continue;
    }
    const star = from.star(item.source, item.span, partitionBy !== undefined && from.isJoin);
    const starEntry = (e: Expression): SelectEntry =>
      e.kind === 'column' ? { ast: e, name: from.starName(e) } : named(e);
    if (!partitionBy) {
      entries.push(...star.map(starEntry));
      continue;
    }
    if (from.isJoin) {
      // The partitioning columns become the key; the rest of the join's values follow.
      const sameColumn = (p: Expression, e: Expression): boolean =>
        p.kind === 'column' &&
        e.kind === 'column' &&
        p.name === e.name &&
        (p.source === undefined || p.source === e.source);
      for (const p of partitionBy) {
        const column = star.find((e) => sameColumn(p.ast, e));
        entries.push(column ? starEntry(column) : named(p.ast));
      }
      entries.push(
        ...star.filter((e) => !partitionBy.some((p) => sameColumn(p.ast, e))).map(starEntry),
      );
      continue;
    }
    const keyNames = new Set(
      partitionBy.flatMap((p) => (p.ast.kind === 'column' ? [p.ast.name] : [])),
    );
    const keyColumns = new Set(
      from.rowSchema.filter((c) => c.namespace === 'key').map((c) => c.name),
    );
    const nameOf = (e: Expression): string => (e.kind === 'column' ? e.name : '');
    entries.push(...partitionBy.map((p) => named(p.ast)));
    entries.push(
      ...star.filter((e) => !keyColumns.has(nameOf(e)) && !keyNames.has(nameOf(e))).map(starEntry),
      ...star.filter((e) => keyColumns.has(nameOf(e)) && !keyNames.has(nameOf(e))).map(starEntry),
    );
  }
  return entries;
}

function buildProjection(
  items: readonly SelectEntry[],
  ctx: TypingContext,
  keys: readonly KeyAlternatives[],
  requireKeys: boolean,
  sinkName: string,
  partitioned: boolean,
  transient: boolean,
  query: Query,
): ProjectedColumn[] {
  const typed = items.map((item) => ({ item, expr: typeExpression(item.ast, ctx) }));
  const taken = new Set<string>(items.flatMap((i) => (i.alias !== undefined ? [i.alias] : [])));
  const sourceNames = new Set(ctx.scope.columns.map((c) => c.name));
  const generated = new GeneratedNames(taken, sourceNames);
  const keyColumns: (ProjectedColumn | undefined)[] = keys.map(() => undefined);
  const keySelected: (TypedExpression | undefined)[] = keys.map(() => undefined);
  const values: ProjectedColumn[] = [];
  // Each key is the selected item of its first alternative that is selected (a join's key is
  // its left-most viable column, wherever it stands in the SELECT list).
  const chosen = keys.map((k) => {
    for (const alt of k.alternatives) {
      const at = typed.findIndex(({ expr }) => sameExpression(alt, expr));
      if (at >= 0) return at;
    }
    return -1;
  });
  for (const [position, { item, expr }] of typed.entries()) {
    const type: SqlType = expr.k === 'unit' || expr.type === null ? { base: 'STRING' } : expr.type;
    const keyIndex = chosen.indexOf(position);
    const name =
      item.alias ??
      (item.name === undefined
        ? generated.generate()
        : uniqueName(item.name, taken, item.field ? sourceNames : undefined));
    // PARTITION BY ROWTIME makes ROWTIME the key column's name, as ksqlDB does.
    const partitionKey =
      partitioned && keyIndex >= 0 && item.ast.kind === 'column' && item.alias === undefined;
    if (RESERVED_COLUMN_NAMES.has(name) && !transient && !partitionKey) {
      throw new AnalysisError(
        reservedNameMessage(name, item.ast, item.alias !== undefined),
        item.ast.span,
      );
    }
    if (expr.k === 'literal' && expr.type === null && !transient) {
      throw new AnalysisError(
        "Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).",
        item.ast.span,
      );
    }
    const expression = expr.k === 'literal' && expr.type === null ? castTo(expr, type) : expr;
    const repeated = keyColumns.findIndex(
      (k, i) => k !== undefined && sameExpression(keySelected[i]!, expr),
    );
    if (
      keyIndex < 0 &&
      repeated >= 0 &&
      !transient &&
      (partitioned || keys[repeated]!.join || keys[repeated]!.foreignKeyOf !== undefined)
    ) {
      const k = keys[repeated]!;
      const aliases = [keyColumns[repeated]!.column.name, name].sort();
      throw new AnalysisError(
        `The projection contains a key column (\`${keyColumnName(k)}\`) more than once, aliased as: ${aliases.join(' and ')}.`,
        item.ast.span,
      );
    }
    if (keyIndex >= 0) {
      const slot = keys[keyIndex]!.slot ?? expression;
      keyColumns[keyIndex] = { column: { name, type, namespace: 'key' }, expression: slot };
      keySelected[keyIndex] = expr;
    } else values.push({ column: { name, type, namespace: 'value' }, expression });
  }
  const missing = keys.filter((_, i) => keyColumns[i] === undefined);
  if (missing.length > 0 && !transient && (requireKeys || missing.length < keys.length)) {
    throw missingKeyError(sinkName, keys, missing, partitioned);
  }
  if (values.length === 0 && !transient) {
    throw new AnalysisError('The projection contains no value columns.', query.span);
  }
  return [...keyColumns.filter((k): k is ProjectedColumn => k !== undefined), ...values];
}

/** The name ksqlDB gives a key column in messages: `L_A` for a join's `L.A`, else the column. */
function keyColumnName(k: KeyAlternatives): string {
  const first = k.alternatives[0];
  if (!k.join && k.foreignKeyOf === undefined && first?.k === 'column') return first.name;
  return k.names[0]!.replace('.', '_');
}

function missingKeyError(
  sinkName: string,
  keys: readonly KeyAlternatives[],
  missing: readonly KeyAlternatives[],
  partitioned: boolean,
): AnalysisError {
  const fk = missing.filter((k) => k.foreignKeyOf !== undefined);
  if (fk.length > 0) {
    const plural = fk.length > 1;
    return new AnalysisError(
      `Primary key column${plural ? 's' : ''} missing in projection. For foreign-key table-table joins, the projection must include all primary key columns from the left input table (\`${fk[0]!.foreignKeyOf}\`). Missing column${plural ? 's' : ''}: ${fk.map((k) => `\`${k.alternatives[0]!.k === 'column' ? k.alternatives[0]!.name : k.names[0]}\``).join(', ')}.`,
    );
  }
  const join =
    keys.length === 1 &&
    keys[0]!.alternatives.length > 0 &&
    (keys[0]!.names.length > 1 || keys[0]!.synthetic || keys[0]!.join);
  if (join || (keys.length === 1 && keys[0]!.synthetic)) {
    const names = keys[0]!.names;
    const list =
      names.length === 1
        ? names[0]!
        : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    const synthetic = keys[0]!.synthetic
      ? '\nROWKEY was added as a synthetic key column because the join criteria did not match any source column. This expression must be included in the projection and may be aliased.'
      : '';
    return new AnalysisError(
      `Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\nThe query used to build \`${sinkName}\` must include the join expression${names.length === 1 ? '' : 's'} ${list} in its projection (eg, SELECT ${names[0]}...).${synthetic}`,
    );
  }
  const what = partitioned ? 'partitioning expression' : 'key column';
  const names = keys.map((k) => k.names[0]!);
  const list =
    names.length === 1
      ? names[0]!
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return new AnalysisError(
    `The query used to build \`${sinkName}\` must include the ${names.length === 1 ? what : `${what}s`} ${list} in its projection (eg, SELECT ${names.join(', ')}...).`,
  );
}

/**
 * Aggregates without GROUP BY: ksqlDB analyzes them against an empty grouping first, so
 * non-aggregate SELECT expressions are named (`Non-aggregate SELECT expression(s) not part of
 * GROUP BY: D1`); a query of aggregates only is refused for the missing GROUP BY.
 */
function rejectAggregates(query: Query, functions: FunctionRegistry): void {
  const select = query.select.flatMap((item) =>
    item.kind === 'selectExpression' ? [item.expression] : [],
  );
  let first: Extract<Expression, { kind: 'call' }> | undefined;
  for (const e of select) {
    visitAst(e, (x) => {
      if (x.kind === 'call' && functions.kindOf(x.name) === 'aggregate') first ??= x;
    });
  }
  if (!first) return;
  checkAggregateRules({
    select,
    groupBy: [],
    windowed: query.window !== undefined,
    isAggregate: (name) => functions.kindOf(name) === 'aggregate',
    isTableFunction: (name) => functions.kindOf(name) === 'table',
    checkFunctionExists: () => undefined,
    isGroupingExpression: () => false,
  });
  throw new AnalysisError(
    `Use of aggregate function ${first.name} requires a GROUP BY clause.`,
    first.span,
  );
}

function checkReservedNames(query: Query): void {
  for (const item of query.select) {
    if (item.kind !== 'selectExpression') continue;
    const name = item.alias ?? defaultName(item.expression);
    if (name === undefined || !RESERVED_COLUMN_NAMES.has(name)) continue;
    throw new AnalysisError(
      reservedNameMessage(name, item.expression, item.alias !== undefined),
      item.expression.span,
    );
  }
}

function checkPartitionBy(exprs: readonly Expression[], span: Span): void {
  if (exprs.length === 0) {
    throw new AnalysisError('PARTITION BY requires at least one expression', span);
  }
  if (exprs.length > 1 && exprs.some((e) => e.kind === 'null')) {
    throw new AnalysisError('Cannot PARTITION BY multiple columns including NULL', span);
  }
}

/** Types a PARTITION BY expression; ksqlDB says why an output column name does not resolve. */
function typePartitionBy(e: Expression, ctx: TypingContext): TypedExpression {
  try {
    return typeExpression(e, ctx);
  } catch (err) {
    const unresolved =
      err instanceof AnalysisError &&
      /^PARTITION BY column '(.*)' cannot be resolved\.$/.exec(err.message);
    if (!unresolved) throw err;
    throw new AnalysisError(
      `${err.message} '${unresolved[1]}' must be a column in the source schema since PARTITION BY is applied on the input.`,
      err.span,
    );
  }
}

/**
 * A windowed aggregation filters its input before windowing, where the window bounds do not
 * exist yet: ksqlDB refuses them in WHERE with its code generator's words.
 */
function checkWhereWindowBounds(where: Expression, from: FromAnalysis): void {
  visitAst(where, (x) => {
    if (x.kind !== 'column' || (x.name !== WINDOWSTART && x.name !== WINDOWEND)) return;
    if (from.rowSchema.some((c) => c.name === x.name)) return;
    throw new AnalysisError(`Error in WHERE expression: Unknown column ${x.name}.`, x.span);
  });
}
