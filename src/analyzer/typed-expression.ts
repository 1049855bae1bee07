/**
 * Typed expressions: what the analyzer makes of an AST expression once names are resolved
 * to row positions, every node has its SQL type, and implicit casts are explicit `cast` nodes.
 * They are plain data (stored in plans, in the command topic) and are compiled to JavaScript
 * by runtime/compile-expression.ts. Literal values use the runtime representation and are
 * encoded for JSON by planner/plan-codec.ts.
 */
import type { SqlType } from '../common/sql-types.js';
import type { TimeUnit } from '../parser/ast.js';

export type TypedExpression =
  | { readonly k: 'literal'; readonly type: SqlType | null; readonly value: unknown }
  | { readonly k: 'column'; readonly index: number; readonly name: string; readonly type: SqlType }
  | { readonly k: 'lambdaVar'; readonly name: string; readonly type: SqlType }
  | {
      readonly k: 'call';
      readonly name: string;
      readonly args: readonly TypedExpression[];
      readonly type: SqlType;
    }
  | { readonly k: 'cast'; readonly operand: TypedExpression; readonly type: SqlType }
  | {
      readonly k: 'arith';
      readonly op: '+' | '-' | '*' | '/' | '%';
      readonly left: TypedExpression;
      readonly right: TypedExpression;
      readonly type: SqlType;
    }
  | { readonly k: 'negate'; readonly operand: TypedExpression; readonly type: SqlType }
  | {
      readonly k: 'compare';
      readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=' | 'isDistinctFrom' | 'isNotDistinctFrom';
      readonly left: TypedExpression;
      readonly right: TypedExpression;
      readonly type: SqlType;
    }
  | {
      readonly k: 'logical';
      readonly op: 'and' | 'or';
      readonly left: TypedExpression;
      readonly right: TypedExpression;
      readonly type: SqlType;
    }
  | { readonly k: 'not'; readonly operand: TypedExpression; readonly type: SqlType }
  | {
      readonly k: 'isNull';
      readonly operand: TypedExpression;
      readonly negated: boolean;
      readonly type: SqlType;
    }
  | {
      readonly k: 'in';
      readonly operand: TypedExpression;
      readonly list: readonly TypedExpression[];
      readonly negated: boolean;
      readonly type: SqlType;
    }
  | {
      readonly k: 'like';
      readonly operand: TypedExpression;
      readonly pattern: TypedExpression;
      readonly escape?: string;
      readonly negated: boolean;
      readonly type: SqlType;
    }
  | {
      readonly k: 'case';
      readonly whens: readonly { readonly when: TypedExpression; readonly then: TypedExpression }[];
      readonly else?: TypedExpression;
      readonly type: SqlType;
    }
  | {
      readonly k: 'deref';
      readonly base: TypedExpression;
      readonly field: string;
      readonly type: SqlType;
    }
  | {
      readonly k: 'subscript';
      readonly base: TypedExpression;
      readonly index: TypedExpression;
      readonly type: SqlType;
    }
  | { readonly k: 'array'; readonly items: readonly TypedExpression[]; readonly type: SqlType }
  | {
      readonly k: 'map';
      readonly entries: readonly {
        readonly key: TypedExpression;
        readonly value: TypedExpression;
      }[];
      readonly type: SqlType;
    }
  | {
      readonly k: 'struct';
      readonly fields: readonly { readonly name: string; readonly value: TypedExpression }[];
      readonly type: SqlType;
    }
  | {
      readonly k: 'lambda';
      readonly params: readonly string[];
      readonly paramTypes: readonly SqlType[];
      readonly body: TypedExpression;
      readonly type: SqlType;
    }
  | { readonly k: 'unit'; readonly unit: TimeUnit };

/** The SQL type of an expression; null only for a bare NULL literal or a time unit. */
export function typeOf(e: TypedExpression): SqlType | null {
  switch (e.k) {
    case 'unit':
      return null;
    case 'literal':
      return e.type;
    default:
      return e.type;
  }
}

/** Calls `visit` on every node of the tree, parents first. */
export function walk(e: TypedExpression, visit: (node: TypedExpression) => void): void {
  visit(e);
  for (const child of children(e)) walk(child, visit);
}

export function children(e: TypedExpression): readonly TypedExpression[] {
  switch (e.k) {
    case 'literal':
    case 'column':
    case 'lambdaVar':
    case 'unit':
      return [];
    case 'call':
      return e.args;
    case 'cast':
    case 'negate':
    case 'not':
    case 'isNull':
      return [e.operand];
    case 'arith':
    case 'compare':
    case 'logical':
      return [e.left, e.right];
    case 'in':
      return [e.operand, ...e.list];
    case 'like':
      return [e.operand, e.pattern];
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'deref':
      return [e.base];
    case 'subscript':
      return [e.base, e.index];
    case 'array':
      return e.items;
    case 'map':
      return e.entries.flatMap((x) => [x.key, x.value]);
    case 'struct':
      return e.fields.map((f) => f.value);
    case 'lambda':
      return [e.body];
  }
}
