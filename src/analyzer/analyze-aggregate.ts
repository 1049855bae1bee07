/**
 * Analyzes GROUP BY queries: the grouping expressions and aggregate calls (on the source row),
 * the window, and the SELECT and HAVING expressions rewritten over the aggregate's output row
 * `[group keys…, aggregate results…, WINDOWSTART, WINDOWEND]`, with ksqlDB's checks and names.
 */
import { AnalysisError } from '../common/errors.js';
import { checkAggregateRules } from './aggregate-rules.js';
import { WINDOWEND, WINDOWSTART, RESERVED_COLUMN_NAMES, type Column } from '../common/schema.js';
import { BIGINT, BOOLEAN, formatType, type SqlType } from '../common/sql-types.js';
import type { Span } from '../common/span.js';
import type { ArgumentShape } from '../functions/types.js';
import type { Expression, Query, WindowExpression } from '../parser/ast.js';
import type { ProjectedColumn } from './analyze-query.js';
import { visitAst } from './ast-children.js';
import { castTo, coerceTo } from './coercion.js';
import { defaultName, GeneratedNames, reservedNameMessage, uniqueName } from './column-naming.js';
import { typeExpression, type TypingContext } from './expression-typer.js';
import { printAst } from './print-ast.js';
import { printExpression } from './print-expression.js';
import { sameExpression } from './same-expression.js';
import { Scope } from './scope.js';
import type { TypedExpression } from './typed-expression.js';

export interface AggregateCall {
  readonly name: string;
  readonly args: readonly TypedExpression[];
  readonly type: SqlType;
}

export interface AggregateAnalysis {
  /** Grouping expressions over the source row, in GROUP BY order. */
  readonly groupBy: readonly TypedExpression[];
  readonly aggregates: readonly AggregateCall[];
  readonly window?: WindowExpression;
  /** The schema of the aggregate's output row. */
  readonly aggregateSchema: readonly Column[];
  readonly having?: TypedExpression;
  /** Output columns over the aggregate row, keys first. */
  readonly projection: readonly ProjectedColumn[];
}

export interface SelectEntry {
  readonly ast: Expression;
  readonly alias?: string;
  /** The name ksqlDB gives the column when there is no alias. */
  readonly name?: string;
}

export function analyzeAggregate(
  query: Query,
  items: readonly SelectEntry[],
  sourceCtx: TypingContext,
  sinkName: string,
  sourceName: string,
  transient: boolean,
  sourceIsTable = false,
): AggregateAnalysis {
  const groupByAst = query.groupBy ?? [];
  for (const g of groupByAst) {
    visitAst(g, (x) => {
      if (x.kind === 'call' && sourceCtx.functions.kindOf(x.name) === 'aggregate') {
        throw new AnalysisError(
          `GROUP BY does not support aggregate functions: ${x.name} is an aggregate function.`,
          x.span,
        );
      }
    });
  }
  const windowed = query.window !== undefined;
  const groupBy = typeGroupBy(groupByAst, sourceCtx, windowed);
  groupBy.forEach((g, i) => {
    if (groupBy.slice(0, i).some((h) => sameExpression(h, g))) {
      throw new AnalysisError(
        `Duplicate GROUP BY expression: ${printExpression(g, sourceName)}`,
        groupByAst[i]!.span,
      );
    }
  });
  checkAggregateRules({
    select: items.map((item) => item.ast),
    ...(query.where ? { where: query.where } : {}),
    groupBy: groupByAst,
    ...(query.having ? { having: query.having } : {}),
    windowed,
    isAggregate: (name) => sourceCtx.functions.kindOf(name) === 'aggregate',
    isTableFunction: (name) => sourceCtx.functions.kindOf(name) === 'table',
    checkFunctionExists: (call) => {
      if (sourceCtx.functions.kindOf(call.name) === undefined) {
        sourceCtx.functions.resolveScalar(call.name, [], call.span);
      }
    },
    isGroupingExpression: (e) => {
      let typed: TypedExpression;
      try {
        typed = typeExpression(e, sourceCtx);
      } catch {
        return false;
      }
      return groupBy.some((g) => sameExpression(g, typed));
    },
  });
  const aggregates: AggregateCall[] = [];
  /** Aggregates that cannot undo, which a table source needs (names as ksqlDB prints them). */
  const streamOnly = new Set<string>();
  const keyCount = groupBy.length;
  // Aggregate results are placed after the keys; their count is known only at the end, so
  // window bounds are referenced through placeholders fixed up below.
  const windowRef = (name: string): TypedExpression => ({
    k: 'column',
    index: -1,
    name,
    type: BIGINT,
  });

  const replace = (e: Expression, ctx: TypingContext): TypedExpression | undefined => {
    if (e.kind === 'call' && sourceCtx.functions.kindOf(e.name) === 'aggregate') {
      return aggregateRef(e, aggregates, keyCount, sourceCtx, streamOnly);
    }
    if (e.kind === 'call' && sourceCtx.functions.kindOf(e.name) === undefined) {
      sourceCtx.functions.resolveScalar(e.name, [], e.span);
    }
    if (e.kind === 'call' && sourceCtx.functions.kindOf(e.name) === 'table') {
      throw new AnalysisError('Table functions cannot be used with aggregations.', e.span);
    }
    if (
      e.kind === 'column' &&
      (e.source === undefined || e.source === sourceName) &&
      (e.name === WINDOWSTART || e.name === WINDOWEND)
    ) {
      if (!windowed) {
        throw new AnalysisError(
          `Window bounds column ${e.name} can only be used in the SELECT clause of windowed aggregations`,
          e.span,
        );
      }
      return windowRef(e.name);
    }
    if (e.kind === 'column' && ctx.lambdaVars?.has(e.name)) return undefined;
    if (containsAggregate(e, sourceCtx)) return undefined;
    let typed: TypedExpression;
    try {
      typed = typeExpression(e, sourceCtx);
    } catch {
      return undefined;
    }
    const i = groupBy.findIndex((g) => sameExpression(g, typed));
    if (i >= 0)
      return {
        k: 'column',
        index: i,
        name: groupKeyName(groupByAst[i]!, i),
        type: typeOrString(groupBy[i]!),
      };
    if (e.kind === 'column') {
      throw new AnalysisError(
        `Non-aggregate SELECT expression(s) not part of GROUP BY: ${e.name}`,
        e.span,
      );
    }
    return undefined;
  };
  const aggCtx = (clause: string): TypingContext => {
    const ctx: TypingContext = {
      scope: new Scope([]),
      functions: sourceCtx.functions,
      customTypes: sourceCtx.customTypes,
      clause,
      replace: (e) => replace(e, ctx),
    };
    return ctx;
  };

  const typedItems = items.map((item) => ({
    item,
    expr: typeExpression(item.ast, aggCtx('SELECT')),
  }));
  const having = query.having
    ? coerceTo(typeExpression(query.having, aggCtx('HAVING')), BOOLEAN, query.having.span, 'HAVING')
    : undefined;
  if (aggregates.length === 0) {
    throw new AnalysisError(
      'GROUP BY requires aggregate functions in either the SELECT or HAVING clause.',
      query.span,
    );
  }
  if (sourceIsTable) rejectStreamOnlyAggregates([...streamOnly], query.span);

  const windowStart = keyCount + aggregates.length;
  const fixWindow = (e: TypedExpression): TypedExpression => fixWindowRefs(e, windowStart);

  const aggregateSchema: Column[] = [
    ...groupBy.map((g, i): Column => ({
      name: groupKeyName(groupByAst[i]!, i),
      type: typeOrString(g),
      namespace: 'key',
    })),
    ...aggregates.map((a, i): Column => ({
      name: `KSQL_AGG_VARIABLE_${i}`,
      type: a.type,
      namespace: 'value',
    })),
    ...(windowed
      ? [
          { name: WINDOWSTART, type: BIGINT, namespace: 'value' } as Column,
          { name: WINDOWEND, type: BIGINT, namespace: 'value' } as Column,
        ]
      : []),
  ];

  const projection = projectAggregate(
    typedItems,
    groupBy,
    groupByAst,
    sinkName,
    sourceName,
    transient,
    fixWindow,
  );
  return {
    groupBy,
    aggregates,
    ...(query.window ? { window: query.window } : {}),
    aggregateSchema,
    ...(having ? { having: fixWindow(having) } : {}),
    projection,
  };
}

function projectAggregate(
  typedItems: readonly { item: SelectEntry; expr: TypedExpression }[],
  groupBy: readonly TypedExpression[],
  groupByAst: readonly Expression[],
  sinkName: string,
  sourceName: string,
  transient: boolean,
  fixWindow: (e: TypedExpression) => TypedExpression,
): ProjectedColumn[] {
  const taken = new Set<string>(
    typedItems.flatMap((t) => (t.item.alias !== undefined ? [t.item.alias] : [])),
  );
  const generated = new GeneratedNames(taken);
  const keys: (ProjectedColumn | undefined)[] = groupBy.map(() => undefined);
  const values: ProjectedColumn[] = [];
  for (const { item, expr } of typedItems) {
    const type = typeOrString(expr);
    const keyRef = expr.k === 'column' && expr.index >= 0 && expr.index < groupBy.length;
    const isKey = keyRef && keys[expr.index] === undefined;
    const fallback = item.name ?? defaultName(item.ast);
    const name =
      item.alias ??
      (fallback !== undefined && !isGeneratedKeyName(fallback)
        ? uniqueName(fallback, taken)
        : generated.generate());
    if (
      RESERVED_COLUMN_NAMES.has(name) &&
      !(transient && (name === WINDOWSTART || name === WINDOWEND))
    ) {
      throw new AnalysisError(
        reservedNameMessage(name, item.ast, item.alias !== undefined),
        item.ast.span,
      );
    }
    const expression = fixWindow(
      expr.k === 'literal' && expr.type === null ? castTo(expr, type) : expr,
    );
    if (keyRef && !isKey && !transient) {
      const first = keys[(expr as { index: number }).index]!.column.name;
      throw new AnalysisError(
        `The projection contains a key column more than once: \`${first}\` and \`${name}\`.`,
        item.ast.span,
      );
    }
    if (isKey)
      keys[(expr as { index: number }).index] = {
        column: { name, type, namespace: 'key' },
        expression,
      };
    else values.push({ column: { name, type, namespace: 'value' }, expression });
  }
  const missing = groupBy.filter((_, i) => keys[i] === undefined);
  if (missing.length > 0 && !transient) {
    // ksqlDB names the grouping expressions that are missing, not all of them.
    const names = groupBy.flatMap((g, i) =>
      keys[i] !== undefined
        ? []
        : [groupByAst[i]!.kind === 'column' ? printExpression(g) : printExpression(g, sourceName)],
    );
    const list =
      names.length === 1
        ? names[0]!
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw new AnalysisError(
      `The query used to build \`${sinkName}\` must include the grouping expression${names.length === 1 ? '' : 's'} ${list} in its projection (eg, SELECT ${names.join(', ')}...).`,
    );
  }
  if (values.length === 0 && !transient) {
    throw new AnalysisError('The projection contains no value columns.');
  }
  if (!transient) {
    const names = new Set(keys.map((k) => k!.column.name));
    for (const v of values) {
      if (names.has(v.column.name)) {
        throw new AnalysisError(
          `Duplicate value columns found in schema: \`${v.column.name}\` ${formatType(v.column.type)}`,
        );
      }
      names.add(v.column.name);
    }
  }
  return [...keys.filter((k): k is ProjectedColumn => k !== undefined), ...values];
}

/**
 * Types the grouping expressions over the source row. A window bound there (which the source row
 * does not have) is refused with ksqlDB's message rather than as an unknown column.
 */
function typeGroupBy(
  groupByAst: readonly Expression[],
  sourceCtx: TypingContext,
  windowed: boolean,
): TypedExpression[] {
  return groupByAst.map((g) => {
    try {
      return typeExpression(g, { ...sourceCtx, clause: 'GROUP BY' });
    } catch (error) {
      let bound: string | undefined;
      visitAst(g, (x) => {
        if (x.kind === 'column' && (x.name === WINDOWSTART || x.name === WINDOWEND)) {
          bound ??= x.name;
        }
      });
      if (windowed && bound !== undefined) {
        throw new AnalysisError(
          `Window bounds column ${bound} can only be used in the SELECT clause of windowed ` +
            'aggregations and can not be passed to aggregate functions.\n' +
            'See https://github.com/confluentinc/ksql/issues/4397',
          g.span,
        );
      }
      throw error;
    }
  });
}

/** A grouping expression's key column name before SELECT aliases apply. */
function groupKeyName(e: Expression, i: number): string {
  return defaultName(e) ?? `KSQL_COL_${i}`;
}

function isGeneratedKeyName(name: string): boolean {
  return /^KSQL_COL_\d+$/.test(name);
}

/** ksqlDB's SchemaKGroupedTable check: a table aggregation undoes old rows, so every function must. */
function rejectStreamOnlyAggregates(names: readonly string[], span: Span): void {
  if (names.length === 0) return;
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  throw new AnalysisError(
    `The aggregation function${names.length === 1 ? '' : 's'} ${list} cannot be applied to a ` +
      'table source, only to a stream source.',
    span,
  );
}

function aggregateRef(
  e: Extract<Expression, { kind: 'call' }>,
  aggregates: AggregateCall[],
  keyCount: number,
  ctx: TypingContext,
  streamOnly: Set<string>,
): TypedExpression {
  const args = e.star ? [] : e.args.map((a) => typeExpression(a, { ...ctx, clause: 'SELECT' }));
  for (const a of args) {
    if (containsAggregateTyped(a, ctx)) {
      throw new AnalysisError(
        `Aggregate functions can not be nested: ${e.name}(${e.args.length} args)`,
        e.span,
      );
    }
  }
  const shapes: ArgumentShape[] = args.map((a, i) =>
    a.k === 'unit'
      ? { kind: 'intervalUnit', unit: a.unit }
      : {
          kind: 'value',
          type: a.type,
          ...(a.k === 'literal' ? { literal: { value: a.value } } : {}),
          ...(e.args[i] ? { text: printAst(e.args[i]!) } : {}),
        },
  );
  const resolved = ctx.functions.resolveAggregate(e.name, shapes, e.span);
  if (!resolved.undo) streamOnly.add(resolved.name.toUpperCase());
  const castArgs = args.map((a, i) =>
    resolved.argTypes[i] ? castTo(a, resolved.argTypes[i]!) : a,
  );
  const call: AggregateCall = { name: resolved.name, args: castArgs, type: resolved.returnType };
  let index = aggregates.findIndex(
    (x) =>
      x.name === call.name &&
      x.args.length === call.args.length &&
      x.args.every((y, j) => sameExpression(y, call.args[j]!)),
  );
  if (index < 0) {
    aggregates.push(call);
    index = aggregates.length - 1;
  }
  return {
    k: 'column',
    index: keyCount + index,
    name: `KSQL_AGG_VARIABLE_${index}`,
    type: call.type,
  };
}

function containsAggregate(e: Expression, ctx: TypingContext): boolean {
  let found = false;
  visitAst(e, (x) => {
    if (x.kind === 'call' && ctx.functions.kindOf(x.name) === 'aggregate') found = true;
  });
  return found;
}

function containsAggregateTyped(e: TypedExpression, ctx: TypingContext): boolean {
  return e.k === 'call' && ctx.functions.kindOf(e.name) === 'aggregate';
}

function typeOrString(e: TypedExpression): SqlType {
  return e.k === 'unit' || e.type === null ? { base: 'STRING' } : e.type;
}

function fixWindowRefs(e: TypedExpression, windowStart: number): TypedExpression {
  if (e.k === 'column' && e.index === -1) {
    return { ...e, index: e.name === WINDOWSTART ? windowStart : windowStart + 1 };
  }
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (Array.isArray(v)) {
      out[k] = v.map((x: unknown) => fixAny(x, windowStart));
    } else if (v && typeof v === 'object' && 'k' in v) {
      out[k] = fixWindowRefs(v as TypedExpression, windowStart);
    }
  }
  return out as TypedExpression;
}

function fixAny(x: unknown, windowStart: number): unknown {
  if (x && typeof x === 'object' && 'k' in x)
    return fixWindowRefs(x as TypedExpression, windowStart);
  if (x && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fixAny(v, windowStart)]));
  }
  return x;
}
