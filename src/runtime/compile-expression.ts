/**
 * Compiles typed expressions into JavaScript functions over positional rows, once per query:
 * `(row) => …` with SQL's null semantics inlined, function implementations and casts bound as
 * constants, and no AST walk, promise or try per record.
 */
import { InternalError } from '../common/errors.js';
import type { SqlType } from '../common/sql-types.js';
import type { TypedExpression } from '../analyzer/typed-expression.js';
import { castFunction } from '../functions/cast.js';
import type { ArgumentShape, FunctionRegistry } from '../functions/types.js';
import { arithmeticFunction, compareFunction, equalsFunction } from './value-ops.js';
import { likeMatcher } from './like.js';

/**
 * A compiled expression. `safe` evaluates the same expression but turns a failing function
 * call, cast or division into NULL and collects the errors, as ksqlDB does (the row goes on,
 * the error goes to the processing log); operators use it only for a record that threw.
 */
export interface RowFunction {
  (row: readonly unknown[]): unknown;
  safe(row: readonly unknown[], errors: unknown[]): unknown;
}

export interface RowProjection {
  (row: readonly unknown[]): unknown[];
  safe(row: readonly unknown[], errors: unknown[]): unknown[];
}

interface Emitter {
  lines: string[];
  temps: number;
  consts: unknown[];
  functions: FunctionRegistry;
  lambdaVars: Map<string, string>;
  /** Safe mode: wrap each call, cast and arithmetic step in try/catch. */
  safe: boolean;
  /**
   * Inside a lambda body: arithmetic on NULL throws, as ksqlDB's generated Java does (it unboxes
   * the lambda's Integer/Long/Double parameters), so the call taking the lambda fails as a whole.
   */
  inLambda: boolean;
}

/** One expression → `(row) => value`. */
export function compileExpression(e: TypedExpression, functions: FunctionRegistry): RowFunction {
  return withSafe(compileMany([e], functions, 'single', false), () =>
    compileMany([e], functions, 'single', true),
  ) as RowFunction;
}

/** Several expressions → `(row) => [v0, v1, …]`, sharing one generated function. */
export function compileProjection(
  exprs: readonly TypedExpression[],
  functions: FunctionRegistry,
): RowProjection {
  return withSafe(compileMany(exprs, functions, 'array', false), () =>
    compileMany(exprs, functions, 'array', true),
  ) as RowProjection;
}

/** Attaches the safe variant, compiled the first time a record needs it. */
function withSafe(fast: unknown, compileSafe: () => unknown): unknown {
  let safe: ((row: unknown, errors: unknown[]) => unknown) | undefined;
  (fast as { safe: unknown }).safe = (row: unknown, errors: unknown[]) => {
    safe ??= compileSafe() as (row: unknown, errors: unknown[]) => unknown;
    return safe(row, errors);
  };
  return fast;
}

function compileMany(
  exprs: readonly TypedExpression[],
  functions: FunctionRegistry,
  shape: 'single' | 'array',
  safe: boolean,
): unknown {
  const em: Emitter = {
    lines: [],
    temps: 0,
    consts: [],
    functions,
    lambdaVars: new Map(),
    safe,
    inLambda: false,
  };
  const results = exprs.map((e) => gen(e, em));
  const temps = Array.from({ length: em.temps }, (_, i) => `v${i}`);
  const body = [
    temps.length ? `let ${temps.join(', ')};` : '',
    ...em.lines,
    shape === 'single' ? `return ${results[0]};` : `return [${results.join(', ')}];`,
  ].join('\n');
  const factory = new Function(
    'c',
    `"use strict";\nreturn function compiled(row, errors) {\n${body}\n};`,
  ) as (c: unknown[]) => unknown;
  return factory(em.consts);
}

/** An assignment that may throw: in safe mode a failure yields NULL and is recorded. */
function fallible(em: Emitter, js: string): string {
  const t = temp(em);
  if (em.safe) em.lines.push(`try { ${t} = ${js}; } catch (e) { ${t} = null; errors.push(e); }`);
  else em.lines.push(`${t} = ${js};`);
  return t;
}

function temp(em: Emitter): string {
  return `v${em.temps++}`;
}

function constant(em: Emitter, value: unknown): string {
  em.consts.push(value);
  return `c[${em.consts.length - 1}]`;
}

/** Emits code computing `e`; returns a JS expression (a temp or a constant) holding its value. */
function gen(e: TypedExpression, em: Emitter): string {
  switch (e.k) {
    case 'literal':
      return literal(e.value, em);
    case 'column':
      return `row[${e.index}]`;
    case 'lambdaVar': {
      const v = em.lambdaVars.get(e.name);
      if (!v) throw new InternalError(`lambda variable ${e.name} is not in scope`);
      return v;
    }
    case 'cast': {
      const from = e.operand.k === 'unit' ? null : e.operand.type;
      const a = gen(e.operand, em);
      if (from === null) return a;
      const f = constant(em, castFunction(from, e.type));
      return fallible(em, `${a} === null ? null : ${f}(${a})`);
    }
    case 'arith': {
      const a = gen(e.left, em);
      const b = gen(e.right, em);
      const f = constant(em, arithmeticFunction(e.op, e.type));
      return fallible(em, `${a} === null || ${b} === null ? ${nullOperand(em)} : ${f}(${a}, ${b})`);
    }
    case 'negate': {
      const a = gen(e.operand, em);
      const f = constant(em, arithmeticFunction('-', e.type));
      const zero = literal(zeroOf(e.type), em);
      return assign(em, `${a} === null ? ${nullOperand(em)} : ${f}(${zero}, ${a})`);
    }
    case 'compare':
      return genCompare(e, em);
    case 'logical':
      return genLogical(e, em);
    case 'not': {
      const a = gen(e.operand, em);
      return assign(em, `${a} === null ? null : !${a}`);
    }
    case 'isNull': {
      const a = gen(e.operand, em);
      return assign(em, `${a} ${e.negated ? '!==' : '==='} null`);
    }
    case 'in':
      return genIn(e, em);
    case 'like': {
      const a = gen(e.operand, em);
      const p = gen(e.pattern, em);
      const m = constant(em, likeMatcher(e.escape));
      const r = assign(em, `${a} === null || ${p} === null ? null : ${m}(${a}, ${p})`);
      return e.negated ? assign(em, `${r} === null ? null : !${r}`) : r;
    }
    case 'case': {
      const r = temp(em);
      em.lines.push(`${r} = null;`);
      let closes = 0;
      for (const w of e.whens) {
        const c = gen(w.when, em);
        em.lines.push(`if (${c} === true) {`);
        em.lines.push(`${r} = ${gen(w.then, em)};`);
        em.lines.push('} else {');
        closes++;
      }
      if (e.else) em.lines.push(`${r} = ${gen(e.else, em)};`);
      em.lines.push('}'.repeat(closes));
      return r;
    }
    case 'deref': {
      const a = gen(e.base, em);
      const field = JSON.stringify(e.field);
      return assign(em, `${a} === null ? null : (${a}[${field}] ?? null)`);
    }
    case 'subscript': {
      const a = gen(e.base, em);
      const i = gen(e.index, em);
      const baseType = e.base.k === 'unit' ? null : e.base.type;
      if (baseType?.base === 'MAP') {
        return assign(em, `${a} === null || ${i} === null ? null : (${a}.get(${i}) ?? null)`);
      }
      return assign(
        em,
        `${a} === null || ${i} === null ? null : (${a}[${i} > 0 ? ${i} - 1 : ${a}.length + ${i}] ?? null)`,
      );
    }
    case 'array':
      return assign(em, `[${e.items.map((x) => gen(x, em)).join(', ')}]`);
    case 'map': {
      const entries = e.entries.map((x) => `[${gen(x.key, em)}, ${gen(x.value, em)}]`);
      return assign(em, `new Map([${entries.join(', ')}])`);
    }
    case 'struct': {
      const fields = e.fields.map((f) => `${JSON.stringify(f.name)}: ${gen(f.value, em)}`);
      return assign(em, `({${fields.join(', ')}})`);
    }
    case 'call':
      return genCall(e, em);
    case 'lambda':
      return genLambda(e, em);
    case 'unit':
      return JSON.stringify(e.unit);
  }
}

function assign(em: Emitter, js: string): string {
  const t = temp(em);
  em.lines.push(`${t} = ${js};`);
  return t;
}

function literal(value: unknown, em: Emitter): string {
  if (value === null) return 'null';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : constant(em, value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return constant(em, value);
}

function zeroOf(type: SqlType): unknown {
  if (type.base === 'BIGINT') return 0n;
  if (type.base === 'DECIMAL') return castFunction({ base: 'INTEGER' }, type)(0);
  return 0;
}

function genCompare(e: Extract<TypedExpression, { k: 'compare' }>, em: Emitter): string {
  const a = gen(e.left, em);
  const b = gen(e.right, em);
  const type =
    e.left.k === 'unit' ? null : (e.left.type ?? (e.right.k === 'unit' ? null : e.right.type));
  if (e.op === 'isDistinctFrom' || e.op === 'isNotDistinctFrom') {
    const eq = constant(em, type ? equalsFunction(type) : () => true);
    const same = `(${a} === null ? ${b} === null : ${b} !== null && ${eq}(${a}, ${b}))`;
    return assign(em, e.op === 'isDistinctFrom' ? `!${same}` : same);
  }
  // ksqlDB compares with NULL as Java does with its boxed values: the comparison is false.
  if (type === null) return 'false';
  if (e.op === '=' || e.op === '<>') {
    const direct =
      type.base === 'INTEGER' ||
      type.base === 'BIGINT' ||
      type.base === 'STRING' ||
      type.base === 'BOOLEAN' ||
      type.base === 'DOUBLE' ||
      type.base === 'TIMESTAMP' ||
      type.base === 'DATE' ||
      type.base === 'TIME';
    const test = direct ? `${a} === ${b}` : `${constant(em, equalsFunction(type))}(${a}, ${b})`;
    return assign(
      em,
      `${a} === null || ${b} === null ? false : ${e.op === '=' ? '' : '!'}(${test})`,
    );
  }
  const ordered = type.base === 'DECIMAL' || type.base === 'BYTES';
  const test = ordered
    ? `${constant(em, compareFunction(type))}(${a}, ${b}) ${e.op} 0`
    : `${a} ${e.op} ${b}`;
  return assign(em, `${a} === null || ${b} === null ? false : ${test}`);
}

/** SQL three-valued AND/OR, evaluating the right side only when it can change the result. */
function genLogical(e: Extract<TypedExpression, { k: 'logical' }>, em: Emitter): string {
  const r = temp(em);
  const a = gen(e.left, em);
  const decisive = e.op === 'and' ? 'false' : 'true';
  em.lines.push(`if (${a} === ${decisive}) { ${r} = ${decisive}; } else {`);
  const b = gen(e.right, em);
  em.lines.push(
    `${r} = ${b} === ${decisive} ? ${decisive} : (${a} === null || ${b} === null ? null : ${e.op === 'and' ? 'true' : 'false'});`,
  );
  em.lines.push('}');
  return r;
}

function genIn(e: Extract<TypedExpression, { k: 'in' }>, em: Emitter): string {
  const a = gen(e.operand, em);
  const type = e.operand.k === 'unit' ? null : e.operand.type;
  const eq = constant(em, type ? equalsFunction(type) : () => false);
  const r = temp(em);
  em.lines.push(`if (${a} === null) { ${r} = null; } else { ${r} = false;`);
  let closes = 0;
  for (const item of e.list) {
    const v = gen(item, em);
    em.lines.push(
      `if (${v} !== null && ${eq}(${a}, ${v})) { ${r} = true; } else { if (${v} === null) ${r} = null;`,
    );
    closes++;
  }
  em.lines.push('}'.repeat(closes) + '}');
  return e.negated ? assign(em, `${r} === null ? null : !${r}`) : r;
}

function genCall(e: Extract<TypedExpression, { k: 'call' }>, em: Emitter): string {
  const shapes: ArgumentShape[] = e.args.map((a) => {
    if (a.k === 'unit') return { kind: 'intervalUnit', unit: a.unit };
    if (a.k === 'lambda') {
      return { kind: 'lambda', arity: a.params.length, bodyType: () => a.type };
    }
    return {
      kind: 'value',
      type: a.type,
      ...(a.k === 'literal' ? { literal: { value: a.value } } : {}),
    };
  });
  const resolved = em.functions.resolveScalar(e.name, shapes);
  const f = constant(em, resolved.invoke);
  const args = e.args.map((a) => gen(a, em));
  return fallible(em, `${f}(${args.join(', ')})`);
}

/** What arithmetic on a NULL operand gives: NULL, or inside a lambda a throw (see inLambda). */
function nullOperand(em: Emitter): string {
  return em.inLambda ? `${constant(em, throwNullOperand)}()` : 'null';
}

function throwNullOperand(): never {
  throw new Error('NullPointerException: arithmetic on a NULL value inside a lambda');
}

/**
 * A lambda body is compiled without safe mode's per-step catches: an error in it (a throwing
 * call, NULL arithmetic) fails the function call that took the lambda, which safe mode then turns
 * into NULL, as ksqlDB fails the whole expression.
 */
function genLambda(e: Extract<TypedExpression, { k: 'lambda' }>, em: Emitter): string {
  const params = e.params.map((p, i) => `l${em.temps}_${i}`);
  const saved = new Map(em.lambdaVars);
  e.params.forEach((p, i) => em.lambdaVars.set(p, params[i]!));
  const outer = em.lines;
  const { safe, inLambda } = em;
  em.lines = [];
  em.safe = false;
  em.inLambda = true;
  const result = gen(e.body, em);
  const inner = em.lines;
  em.lines = outer;
  em.safe = safe;
  em.inLambda = inLambda;
  em.lambdaVars = saved;
  return assign(em, `(${params.join(', ')}) => {\n${inner.join('\n')}\nreturn ${result};\n}`);
}
