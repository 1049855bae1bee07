/**
 * ksqlDB's checks of a GROUP BY query (its AggregateAnalyzer), made on the statement's AST before
 * the SELECT and HAVING expressions are rewritten over the aggregate row, in ksqlDB's order and
 * with its messages:
 * - a SELECT expression that is not a grouping expression must reference source columns only
 *   inside aggregates or inside sub-expressions that are grouping expressions, else the whole
 *   expression is listed (`Non-aggregate SELECT expression(s) not part of GROUP BY: (F1 + F2)`);
 * - aggregates do not nest, and GROUP BY holds none;
 * - in a windowed aggregation, WINDOWSTART and WINDOWEND are implicit grouping columns, usable in
 *   SELECT outside aggregates only;
 * - HAVING references, outside aggregates, grouping columns only;
 * - there is at least one aggregate, in SELECT or HAVING.
 */
import { AnalysisError } from '../common/errors.js';
import { WINDOWEND, WINDOWSTART } from '../common/schema.js';
import type { Expression } from '../parser/ast.js';
import { astChildren } from './ast-children.js';
import { printAst } from './print-ast.js';

export interface AggregateRuleInput {
  readonly select: readonly Expression[];
  readonly where?: Expression;
  readonly groupBy: readonly Expression[];
  readonly having?: Expression;
  readonly windowed: boolean;
  readonly isAggregate: (name: string) => boolean;
  readonly isTableFunction: (name: string) => boolean;
  /** Throws the registry's error for a function name that does not exist. */
  readonly checkFunctionExists: (call: Extract<Expression, { kind: 'call' }>) => void;
  /** Whether an expression (over the source row) equals one of the grouping expressions. */
  readonly isGroupingExpression: (e: Expression) => boolean;
}

type Column = Extract<Expression, { kind: 'column' }>;
/** Called for each column reference the visitor collects, with the enclosing aggregate's name. */
type Collector = (aggregate: string | undefined, column: Column) => void;

export function checkAggregateRules(input: AggregateRuleInput): void {
  for (const e of [...input.select, ...(input.having ? [input.having] : [])]) {
    findNode(e, (x) => {
      if (x.kind === 'call') input.checkFunctionExists(x);
      return false;
    });
  }
  for (const e of input.select) {
    const call = findNode(e, (x) => x.kind === 'call' && input.isTableFunction(x.name));
    if (call)
      throw new AnalysisError('Table functions cannot be used with aggregations.', call.span);
  }
  const inGroupBy = (e: Expression): boolean =>
    (input.windowed && isWindowBound(e)) || input.isGroupingExpression(e);
  const rejectWindowBound = (column: Column): void => {
    if (!input.windowed || !isWindowBound(column)) return;
    throw new AnalysisError(
      `Window bounds column ${column.name} can only be used in the SELECT clause of windowed ` +
        'aggregations and can not be passed to aggregate functions.\n' +
        'See https://github.com/confluentinc/ksql/issues/4397',
      column.span,
    );
  };
  let aggregates = 0;
  const visit = (e: Expression, collect: Collector): void => {
    aggregates += visitExpression(e, input, inGroupBy, collect);
  };

  const unmatchedSelects: string[] = [];
  for (const e of input.select) {
    const outside: Column[] = [];
    visit(e, (aggregate, column) => {
      if (aggregate !== undefined) rejectWindowBound(column);
      else if (!inGroupBy(column)) outside.push(column);
    });
    if (!inGroupBy(e) && outside.length > 0) unmatchedSelects.push(printAst(e));
  }
  if (input.where) visit(input.where, (_, column) => rejectWindowBound(column));
  for (const e of input.groupBy) {
    visit(e, (aggregate, column) => {
      if (aggregate !== undefined) {
        throw new AnalysisError(
          `GROUP BY does not support aggregate functions: ${aggregate} is an aggregate function.`,
          e.span,
        );
      }
      rejectWindowBound(column);
    });
  }
  const havingOnly: string[] = [];
  if (input.having) {
    visit(input.having, (aggregate, column) => {
      rejectWindowBound(column);
      if (aggregate === undefined && !inGroupBy(column)) havingOnly.push(printAst(column));
    });
  }

  if (aggregates === 0) {
    throw new AnalysisError(
      'GROUP BY requires aggregate functions in either the SELECT or HAVING clause.',
    );
  }
  if (unmatchedSelects.length > 0) {
    throw new AnalysisError(
      `Non-aggregate SELECT expression(s) not part of GROUP BY: ${unmatchedSelects.join(', ')}\n` +
        'Either add the column(s) to the GROUP BY or remove them from the SELECT.',
    );
  }
  if (havingOnly.length > 0) {
    throw new AnalysisError(
      `Non-aggregate HAVING expression not part of GROUP BY: ${havingOnly.join(', ')}\n` +
        'Consider switching the HAVING clause to a WHERE clause before the GROUP BY.',
    );
  }
}

/**
 * ksqlDB's AggregateVisitor over one expression: collects the column references met outside any
 * grouping sub-expression, inside an aggregate, or naming a window bound. Returns the number of
 * aggregate calls. (As in ksqlDB, once an aggregate has been entered every later column of the
 * expression is collected.)
 */
function visitExpression(
  root: Expression,
  input: AggregateRuleInput,
  inGroupBy: (e: Expression) => boolean,
  collect: Collector,
): number {
  let aggregates = 0;
  let enteredAggregate = false;
  const walk = (
    e: Expression,
    aggregate: string | undefined,
    inGrouping: boolean,
    lambdaVars: ReadonlySet<string>,
  ): void => {
    const grouping = inGrouping || inGroupBy(e);
    if (e.kind === 'call' && input.isAggregate(e.name)) {
      const name = e.name.toUpperCase();
      if (aggregate !== undefined) {
        throw new AnalysisError(
          `Aggregate functions can not be nested: ${aggregate}(${name}())`,
          e.span,
        );
      }
      aggregates++;
      enteredAggregate = true;
      for (const arg of e.args) walk(arg, name, grouping, lambdaVars);
      return;
    }
    if (e.kind === 'column') {
      if (e.source === undefined && lambdaVars.has(e.name)) return;
      if (!grouping || enteredAggregate || isWindowBound(e)) collect(aggregate, e);
      return;
    }
    const vars = e.kind === 'lambda' ? new Set([...lambdaVars, ...e.params]) : lambdaVars;
    for (const child of astChildren(e)) walk(child, aggregate, grouping, vars);
  };
  walk(root, undefined, false, new Set());
  return aggregates;
}

function isWindowBound(e: Expression): e is Column {
  return e.kind === 'column' && (e.name === WINDOWSTART || e.name === WINDOWEND);
}

function findNode(e: Expression, test: (x: Expression) => boolean): Expression | undefined {
  if (test(e)) return e;
  for (const child of astChildren(e)) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}
