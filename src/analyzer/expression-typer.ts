/**
 * Types an AST expression: resolves column references through a Scope, functions through the
 * registry, literals to ksqlDB's literal types, and makes every implicit cast explicit.
 */
import { Decimal } from '../common/decimal.js';
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import {
  BOOLEAN,
  DOUBLE,
  INTEGER,
  BIGINT,
  STRING,
  TIMESTAMP,
  formatType,
  isNumeric,
  type SqlType,
} from '../common/sql-types.js';
import type { Expression } from '../parser/ast.js';
import type { ArgumentShape, FunctionRegistry } from '../functions/types.js';
import { castTo, coerceTo, commonType } from './coercion.js';
import { printAst } from './print-ast.js';
import { coerceUserList, ksqlTypeText } from './user-list-coercion.js';
import { typeArithmetic } from './arithmetic-types.js';
import { resolveType } from './resolve-type.js';
import type { Scope } from './scope.js';
import type { TypedExpression } from './typed-expression.js';

export interface TypingContext {
  readonly scope: Scope;
  readonly functions: FunctionRegistry;
  readonly customTypes: (name: string) => SqlType | undefined;
  /** Which clause is being typed, for messages: `WHERE`, `SELECT`, … */
  readonly clause: string;
  /**
   * Called on every node before it is typed; a result replaces the node. Aggregate queries use
   * it to turn aggregate calls and GROUP BY expressions into columns of the aggregate's output.
   */
  readonly replace?: (e: Expression) => TypedExpression | undefined;
  /** Lambda parameters in scope. */
  readonly lambdaVars?: ReadonlyMap<string, SqlType>;
}

export function typeExpression(e: Expression, ctx: TypingContext): TypedExpression {
  const replaced = ctx.replace?.(e);
  if (replaced) return replaced;
  const t = (x: Expression): TypedExpression => typeExpression(x, ctx);
  switch (e.kind) {
    case 'null':
      return { k: 'literal', type: null, value: null };
    case 'boolean':
      return { k: 'literal', type: BOOLEAN, value: e.value };
    case 'integer':
      return integerLiteral(e.text, e.span);
    case 'decimal':
      return decimalLiteral(e.text);
    case 'double':
      return { k: 'literal', type: DOUBLE, value: Number(e.text) };
    case 'string':
      return { k: 'literal', type: STRING, value: e.value };
    case 'column': {
      if (e.source === undefined && ctx.lambdaVars?.has(e.name)) {
        return { k: 'lambdaVar', name: e.name, type: ctx.lambdaVars.get(e.name)! };
      }
      const c = ctx.scope.resolve(e, ctx.clause);
      return { k: 'column', index: c.index, name: c.name, type: c.type };
    }
    case 'dereference': {
      const base = t(e.base);
      const bt = requireType(base, e.span);
      if (bt.base !== 'STRUCT') {
        throw new AnalysisError(`Expected STRUCT type for '->' but got ${formatType(bt)}`, e.span);
      }
      const field = bt.fields.find((f) => f.name === e.field);
      if (!field) {
        throw new AnalysisError(
          `Could not find field '${e.field}' in '${formatType(bt)}'.`,
          e.span,
        );
      }
      return { k: 'deref', base, field: e.field, type: field.type };
    }
    case 'subscript': {
      const base = t(e.base);
      const bt = requireType(base, e.span);
      if (bt.base === 'ARRAY') {
        return {
          k: 'subscript',
          base,
          index: coerceTo(t(e.index), INTEGER, e.span, 'Array index'),
          type: bt.items,
        };
      }
      if (bt.base === 'MAP') {
        return {
          k: 'subscript',
          base,
          index: coerceTo(t(e.index), bt.key, e.span, 'Map key'),
          type: bt.value,
        };
      }
      throw new AnalysisError(`Cannot subscript a value of type ${formatType(bt)}`, e.span);
    }
    case 'arithmetic':
      return typeArithmetic(e.op, t(e.left), t(e.right), e.span);
    case 'negate': {
      const operand = t(e.operand);
      const ot = requireType(operand, e.span);
      if (!isNumeric(ot)) {
        throw new AnalysisError(`Unary minus is not supported for ${formatType(ot)}`, e.span);
      }
      return { k: 'negate', operand, type: ot };
    }
    case 'comparison': {
      const sides = [t(e.left), t(e.right)];
      // IS [NOT] DISTINCT FROM is the comparison made for NULLs.
      if (e.op !== 'isDistinctFrom' && e.op !== 'isNotDistinctFrom') {
        rejectNullComparison(e.op, sides[0]!, sides[1]!, e.span);
      }
      const [left, right] = unify(dateAsTimestamp(sides), e.span, 'Comparison');
      rejectUnorderedComparison(e, left!, right!);
      return { k: 'compare', op: e.op, left: left!, right: right!, type: BOOLEAN };
    }
    case 'logical':
      return {
        k: 'logical',
        op: e.op,
        left: coerceTo(t(e.left), BOOLEAN, e.span, e.op.toUpperCase()),
        right: coerceTo(t(e.right), BOOLEAN, e.span, e.op.toUpperCase()),
        type: BOOLEAN,
      };
    case 'not':
      return { k: 'not', operand: coerceTo(t(e.operand), BOOLEAN, e.span, 'NOT'), type: BOOLEAN };
    case 'isNull':
      return { k: 'isNull', operand: t(e.operand), negated: e.negated, type: BOOLEAN };
    case 'between': {
      const [operand, low, high] = unify([t(e.operand), t(e.low), t(e.high)], e.span, 'BETWEEN');
      const range: TypedExpression = {
        k: 'logical',
        op: 'and',
        left: { k: 'compare', op: '>=', left: operand!, right: low!, type: BOOLEAN },
        right: { k: 'compare', op: '<=', left: operand!, right: high!, type: BOOLEAN },
        type: BOOLEAN,
      };
      return e.negated ? { k: 'not', operand: range, type: BOOLEAN } : range;
    }
    case 'in': {
      const [operand, ...list] = coerceUserList(
        [e.operand, ...e.list],
        t,
        e.span,
        'Invalid Predicate: ',
      ).items;
      return { k: 'in', operand: operand!, list, negated: e.negated, type: BOOLEAN };
    }
    case 'like':
      return {
        k: 'like',
        operand: coerceTo(t(e.operand), STRING, e.span, 'LIKE'),
        pattern: coerceTo(t(e.pattern), STRING, e.span, 'LIKE'),
        ...(e.escape !== undefined ? { escape: e.escape } : {}),
        negated: e.negated,
        type: BOOLEAN,
      };
    case 'searchedCase':
    case 'simpleCase':
      return typeCase(e, t);
    case 'cast': {
      const operand = t(e.operand);
      const type = resolveType(e.type, ctx.customTypes);
      return { k: 'cast', operand, type };
    }
    case 'call':
      return typeCall(e, ctx);
    case 'lambda':
      throw new AnalysisError('A lambda can only be a function argument', e.span);
    case 'array': {
      if (e.items.length === 0) {
        throw new AnalysisError(
          'Array constructor cannot be empty. Please supply at least one element ' +
            '(see https://github.com/confluentinc/ksql/issues/4239).',
          e.span,
        );
      }
      const { common, items } = coerceUserList(e.items, t, e.span, '');
      if (common === null) {
        throw new AnalysisError(
          'Cannot construct an array with all NULL elements ' +
            '(see https://github.com/confluentinc/ksql/issues/4239). ' +
            'As a workaround, you may cast a NULL value to the desired type.',
          e.span,
        );
      }
      return { k: 'array', items, type: { base: 'ARRAY', items: common } };
    }
    case 'map': {
      const keys = e.entries.map((x) => t(x.key));
      const values = e.entries.map((x) => t(x.value));
      const kt = commonType(keys, e.span, 'MAP constructor');
      const vt = commonType(values, e.span, 'MAP constructor');
      if (kt === null || vt === null) {
        throw new AnalysisError('Cannot construct a map with all NULL keys or values', e.span);
      }
      return {
        k: 'map',
        entries: keys.map((key, i) => ({
          key: coerceTo(key, kt, e.span, 'MAP constructor'),
          value: coerceTo(values[i]!, vt, e.span, 'MAP constructor'),
        })),
        type: { base: 'MAP', key: kt, value: vt },
      };
    }
    case 'struct': {
      if (new Set(e.fields.map((f) => f.name)).size < e.fields.length) {
        throw new AnalysisError('Duplicate field names found in STRUCT', e.span);
      }
      const fields = e.fields.map((f) => ({ name: f.name, value: t(f.value) }));
      return {
        k: 'struct',
        fields,
        type: {
          base: 'STRUCT',
          fields: fields.map((f) => ({
            name: f.name,
            type: f.value.k === 'unit' ? STRING : (f.value.type ?? STRING),
          })),
        },
      };
    }
    case 'intervalUnit':
      return { k: 'unit', unit: e.unit };
  }
}

const COMPARISON_NAMES: Record<string, string> = {
  '<': 'LESS_THAN',
  '<=': 'LESS_THAN_OR_EQUAL',
  '>': 'GREATER_THAN',
  '>=': 'GREATER_THAN_OR_EQUAL',
};

/** ksqlDB's ComparisonUtil: ARRAY, MAP and STRUCT values compare for (in)equality only. */
function rejectUnorderedComparison(
  e: Extract<Expression, { kind: 'comparison' }>,
  left: TypedExpression,
  right: TypedExpression,
): void {
  const name = COMPARISON_NAMES[e.op];
  const lt = left.k === 'unit' ? null : left.type;
  const rt = right.k === 'unit' ? null : right.type;
  if (name === undefined || lt === null || rt === null) return;
  if (!['ARRAY', 'MAP', 'STRUCT'].includes(lt.base)) return;
  throw new AnalysisError(
    `Cannot compare ${printAst(e.left)} (${ksqlTypeText(lt)}) to ${printAst(e.right)} ` +
      `(${ksqlTypeText(rt)}) with ${name}.`,
    e.span,
  );
}

function requireType(e: TypedExpression, span: Expression['span']): SqlType {
  if (e.k === 'unit' || e.type === null) {
    throw new AnalysisError('NULL is not allowed here', span);
  }
  return e.type;
}

/** Brings several expressions to their common type (IN lists, comparisons, BETWEEN). */
/** ksqlDB compares a DATE with a TIMESTAMP as the TIMESTAMP of the date's midnight (UTC). */
function dateAsTimestamp(pair: readonly TypedExpression[]): TypedExpression[] {
  const base = (x: TypedExpression) =>
    x.k === 'unit' || x.type === null ? undefined : x.type.base;
  const bases = pair.map(base);
  if (!bases.includes('DATE') || !bases.includes('TIMESTAMP')) return [...pair];
  return pair.map((x) => (base(x) === 'DATE' ? castTo(x, TIMESTAMP) : x));
}

function unify(
  exprs: readonly TypedExpression[],
  span: Expression['span'],
  what: string,
): TypedExpression[] {
  const common = commonType(exprs, span, what);
  if (common === null) return [...exprs];
  return exprs.map((x) => coerceTo(x, common, span, what));
}

function integerLiteral(text: string, span: Expression['span']): TypedExpression {
  const n = BigInt(text);
  if (n >= -2147483648n && n <= 2147483647n)
    return { k: 'literal', type: INTEGER, value: Number(n) };
  if (n >= -9223372036854775808n && n <= 9223372036854775807n) {
    return { k: 'literal', type: BIGINT, value: n };
  }
  throw new AnalysisError(`Invalid numeric literal: ${text}`, span);
}

export function decimalLiteral(text: string): TypedExpression {
  const d = new Decimal(text);
  const fraction = text.includes('.') ? text.split('.')[1]!.length : 0;
  const digits = text
    .replace(/^[+-]/, '')
    .replace('.', '')
    .replace(/^0+(?=\d)/, '').length;
  const precision = Math.max(digits, fraction, 1);
  return { k: 'literal', type: { base: 'DECIMAL', precision, scale: fraction }, value: d };
}

function typeCase(
  e: Extract<Expression, { kind: 'searchedCase' | 'simpleCase' }>,
  t: (x: Expression) => TypedExpression,
): TypedExpression {
  const operand = e.kind === 'simpleCase' ? t(e.operand) : undefined;
  const whens = e.whens.map((w) => {
    const when = t(w.when);
    const cond: TypedExpression = operand
      ? (() => {
          const [l, r] = unify([operand, when], e.span, 'CASE');
          return { k: 'compare', op: '=', left: l!, right: r!, type: BOOLEAN } as const;
        })()
      : coerceTo(when, BOOLEAN, w.when.span, 'CASE WHEN');
    return { when: cond, then: t(w.then) };
  });
  const elseExpr = e.else ? t(e.else) : undefined;
  const results = [...whens.map((w) => w.then), ...(elseExpr ? [elseExpr] : [])];
  const type = commonType(results, e.span, 'Invalid Case expression');
  if (type === null) {
    throw new AnalysisError('Invalid Case expression. All case branches have NULL type', e.span);
  }
  return {
    k: 'case',
    whens: whens.map((w) => ({ when: w.when, then: castTo(w.then, type) })),
    ...(elseExpr ? { else: castTo(elseExpr, type) } : {}),
    type,
  };
}

function typeCall(e: Extract<Expression, { kind: 'call' }>, ctx: TypingContext): TypedExpression {
  const kind = ctx.functions.kindOf(e.name);
  if (kind === 'aggregate') {
    throw new AnalysisError(
      `Aggregate functions can not be used in the ${ctx.clause} clause: ${e.name}`,
      e.span,
    );
  }
  if (kind === 'table') {
    throw new AnalysisError(
      `Table functions can only be used in the SELECT clause: ${e.name}`,
      e.span,
    );
  }
  const lambdaBodies = new Map<number, TypedExpression>();
  const typedArgs: (TypedExpression | undefined)[] = [];
  const shapes: ArgumentShape[] = e.args.map((arg, i) => {
    if (arg.kind === 'lambda') {
      return {
        kind: 'lambda',
        arity: arg.params.length,
        bodyType: (paramTypes: readonly SqlType[]) => {
          const vars = new Map(ctx.lambdaVars ?? []);
          arg.params.forEach((p, j) => vars.set(p, paramTypes[j]!));
          const body = typeExpression(arg.body, { ...ctx, lambdaVars: vars });
          lambdaBodies.set(i, body);
          return body.k === 'unit' || body.type === null ? STRING : body.type;
        },
      };
    }
    const typed = typeExpression(arg, ctx);
    typedArgs[i] = typed;
    if (typed.k === 'unit') return { kind: 'intervalUnit', unit: typed.unit };
    return {
      kind: 'value',
      type: typed.type,
      ...(typed.k === 'literal' ? { literal: { value: typed.value } } : {}),
    };
  });
  const resolved = ctx.functions.resolveScalar(e.name, shapes, e.span);
  const args = e.args.map((arg, i): TypedExpression => {
    const want = resolved.argTypes[i];
    if (arg.kind === 'lambda') {
      const params = want && 'lambdaParams' in want ? want.lambdaParams : [];
      const body = lambdaBodies.get(i);
      if (!body) throw new AnalysisError(`Could not type the lambda of ${e.name}`, arg.span);
      return {
        k: 'lambda',
        params: arg.params,
        paramTypes: params,
        body,
        type: body.k === 'unit' || body.type === null ? STRING : body.type,
      };
    }
    const typed = typedArgs[i]!;
    if (want === null || want === undefined || 'lambdaParams' in want) return typed;
    return castTo(typed, want);
  });
  return { k: 'call', name: resolved.name, args, type: resolved.returnType };
}

/** ksqlDB's ExpressionTypeManager: a NULL literal has no type to compare with. */
function rejectNullComparison(
  op: string,
  left: TypedExpression,
  right: TypedExpression,
  span: Span,
): void {
  const typeText = (x: TypedExpression): string | null =>
    x.k === 'unit' ? null : x.type === null ? 'NULL' : ksqlTypeText(x.type);
  const l = typeText(left);
  const r = typeText(right);
  if (l !== 'NULL' && r !== 'NULL') return;
  throw new AnalysisError(`Comparison with NULL not supported: ${l ?? ''} ${op} ${r ?? ''}`, span);
}
