/**
 * Finds table function calls (EXPLODE, …) among SELECT items. Each becomes a new column that a
 * flatMap appends to the input row, and the SELECT item then reads that column.
 */
import { AnalysisError } from '../common/errors.js';
import type { Expression, SelectItem } from '../parser/ast.js';
import type { ArgumentShape } from '../functions/types.js';
import { astChildren } from './ast-children.js';
import { castTo } from './coercion.js';
import { typeExpression, type TypingContext } from './expression-typer.js';
import type { TypedExpression } from './typed-expression.js';

export interface TableFunctionCall {
  /** The AST node of the call, replaced by `column` when the SELECT item is typed. */
  readonly ast: Expression;
  readonly name: string;
  readonly args: readonly TypedExpression[];
  readonly column: TypedExpression;
}

export function analyzeTableFunctions(
  select: readonly SelectItem[],
  ctx: TypingContext,
  firstIndex: number,
): TableFunctionCall[] {
  const calls: TableFunctionCall[] = [];
  const visit = (e: Expression, nested: boolean): void => {
    if (e.kind === 'call' && ctx.functions.kindOf(e.name) === 'table') {
      if (nested) {
        throw new AnalysisError(`Table functions cannot be nested: ${e.name}`, e.span);
      }
      const args = e.args.map((a) => typeExpression(a, ctx));
      const shapes: ArgumentShape[] = args.map((a) =>
        a.k === 'unit'
          ? { kind: 'intervalUnit', unit: a.unit }
          : {
              kind: 'value',
              type: a.type,
              ...(a.k === 'literal' ? { literal: { value: a.value } } : {}),
            },
      );
      const resolved = ctx.functions.resolveTable(e.name, shapes, e.span);
      calls.push({
        ast: e,
        name: resolved.name,
        args: args.map((a, i) => (resolved.argTypes[i] ? castTo(a, resolved.argTypes[i]!) : a)),
        column: {
          k: 'column',
          index: firstIndex + calls.length,
          name: `${resolved.name}_${calls.length}`,
          type: resolved.returnType,
        },
      });
      return;
    }
    for (const c of astChildren(e)) visit(c, nested);
  };
  for (const item of select) {
    if (item.kind === 'selectExpression') visit(item.expression, false);
  }
  return calls;
}
