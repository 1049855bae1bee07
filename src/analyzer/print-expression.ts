/**
 * Prints a typed expression as ksqlDB prints expressions in its messages and EXPLAIN:
 * `INPUT.ID`, `ABS(INPUT.ID)`, `(A + 1)`.
 */
import { formatType } from '../common/sql-types.js';
import type { TypedExpression } from './typed-expression.js';

export function printExpression(e: TypedExpression, qualifier?: string): string {
  const p = (x: TypedExpression): string => printExpression(x, qualifier);
  switch (e.k) {
    case 'literal':
      if (e.value === null) return 'null';
      if (typeof e.value === 'string') return `'${e.value.replace(/'/g, "''")}'`;
      return String(e.value);
    case 'column':
      return qualifier ? `${qualifier}.${e.name}` : e.name;
    case 'lambdaVar':
      return e.name;
    case 'call':
      // ksqlDB prints function names as their upper-case FunctionName, whatever the registry calls them.
      return `${e.name.toUpperCase()}(${e.args.map(p).join(', ')})`;
    case 'cast':
      return p(e.operand);
    case 'arith':
      return `(${p(e.left)} ${e.op} ${p(e.right)})`;
    case 'negate':
      return `-${p(e.operand)}`;
    case 'compare': {
      const op =
        e.op === 'isDistinctFrom'
          ? 'IS DISTINCT FROM'
          : e.op === 'isNotDistinctFrom'
            ? 'IS NOT DISTINCT FROM'
            : e.op;
      return `(${p(e.left)} ${op} ${p(e.right)})`;
    }
    case 'logical':
      return `(${p(e.left)} ${e.op.toUpperCase()} ${p(e.right)})`;
    case 'not':
      return `(NOT ${p(e.operand)})`;
    case 'isNull':
      return `(${p(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'in':
      return `(${p(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(p).join(', ')}))`;
    case 'like':
      return `(${p(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${p(e.pattern)})`;
    case 'case':
      return `(CASE ${e.whens.map((w) => `WHEN ${p(w.when)} THEN ${p(w.then)}`).join(' ')}${e.else ? ` ELSE ${p(e.else)}` : ''} END)`;
    case 'deref':
      return `${p(e.base)}->${e.field}`;
    case 'subscript':
      return `${p(e.base)}[${p(e.index)}]`;
    case 'array':
      return `ARRAY[${e.items.map(p).join(', ')}]`;
    case 'map':
      return `MAP(${e.entries.map((x) => `${p(x.key)}:=${p(x.value)}`).join(', ')})`;
    case 'struct':
      return `STRUCT(${e.fields.map((f) => `${f.name}:=${p(f.value)}`).join(', ')})`;
    case 'lambda':
      return `(${e.params.join(', ')}) => ${p(e.body)}`;
    case 'unit':
      return e.unit;
  }
}

export function printType(e: TypedExpression): string {
  return e.k === 'unit' || e.type === null ? 'NULL' : formatType(e.type);
}
