/** The direct sub-expressions of an AST expression, for analyses that walk the tree. */
import type { Expression } from '../parser/ast.js';

export function astChildren(e: Expression): readonly Expression[] {
  switch (e.kind) {
    case 'dereference':
      return [e.base];
    case 'subscript':
      return [e.base, e.index];
    case 'arithmetic':
    case 'comparison':
    case 'logical':
      return [e.left, e.right];
    case 'negate':
    case 'not':
    case 'isNull':
    case 'cast':
      return [e.operand];
    case 'between':
      return [e.operand, e.low, e.high];
    case 'in':
      return [e.operand, ...e.list];
    case 'like':
      return [e.operand, e.pattern];
    case 'searchedCase':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'simpleCase':
      return [e.operand, ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'call':
      return e.args;
    case 'lambda':
      return [e.body];
    case 'array':
      return e.items;
    case 'map':
      return e.entries.flatMap((x) => [x.key, x.value]);
    case 'struct':
      return e.fields.map((f) => f.value);
    default:
      return [];
  }
}

/** Visits every node of an AST expression, parents first. */
export function visitAst(e: Expression, visit: (x: Expression) => void): void {
  visit(e);
  for (const k of astChildren(e)) visitAst(k, visit);
}
