/**
 * Prints an AST expression as ksqlDB's ExpressionFormatter does in its messages:
 * `(F1 * SUM(F2))`, `AS_VALUE(COL1)`, `(L.A = R.A)`, `S->F`.
 */
import type { Expression, TypeNode } from '../parser/ast.js';

export function printAst(e: Expression): string {
  switch (e.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'integer':
    case 'decimal':
    case 'double':
      return e.text;
    case 'string':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'column':
      return e.source ? `${e.source}.${e.name}` : e.name;
    case 'dereference':
      return `${printAst(e.base)}->${e.field}`;
    case 'subscript':
      return `${printAst(e.base)}[${printAst(e.index)}]`;
    case 'arithmetic':
      return `(${printAst(e.left)} ${e.op} ${printAst(e.right)})`;
    case 'negate':
      return `-${printAst(e.operand)}`;
    case 'comparison': {
      const op =
        e.op === 'isDistinctFrom'
          ? 'IS DISTINCT FROM'
          : e.op === 'isNotDistinctFrom'
            ? 'IS NOT DISTINCT FROM'
            : e.op;
      return `(${printAst(e.left)} ${op} ${printAst(e.right)})`;
    }
    case 'logical':
      return `(${printAst(e.left)} ${e.op.toUpperCase()} ${printAst(e.right)})`;
    case 'not':
      return `(NOT ${printAst(e.operand)})`;
    case 'isNull':
      return `(${printAst(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between':
      return `(${printAst(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${printAst(e.low)} AND ${printAst(e.high)})`;
    case 'in':
      return `(${printAst(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(printAst).join(', ')}))`;
    case 'like':
      return `(${printAst(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${printAst(e.pattern)})`;
    case 'searchedCase':
      return `(CASE ${e.whens.map((w) => `WHEN ${printAst(w.when)} THEN ${printAst(w.then)}`).join(' ')}${e.else ? ` ELSE ${printAst(e.else)}` : ''} END)`;
    case 'simpleCase':
      return `(CASE ${printAst(e.operand)} ${e.whens.map((w) => `WHEN ${printAst(w.when)} THEN ${printAst(w.then)}`).join(' ')}${e.else ? ` ELSE ${printAst(e.else)}` : ''} END)`;
    case 'cast':
      return `CAST(${printAst(e.operand)} AS ${printTypeNode(e.type)})`;
    case 'call':
      return `${e.name}(${e.star ? '*' : e.args.map(printAst).join(', ')})`;
    case 'lambda':
      return `(${e.params.join(', ')}) => ${printAst(e.body)}`;
    case 'array':
      return `ARRAY[${e.items.map(printAst).join(', ')}]`;
    case 'map':
      return `MAP(${e.entries.map((x) => `${printAst(x.key)}:=${printAst(x.value)}`).join(', ')})`;
    case 'struct':
      return `STRUCT(${e.fields.map((f) => `${f.name}:=${printAst(f.value)}`).join(', ')})`;
    case 'intervalUnit':
      return e.unit;
  }
}

export function printTypeNode(t: TypeNode): string {
  switch (t.kind) {
    case 'primitiveType':
      return t.base;
    case 'decimalType':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'arrayType':
      return `ARRAY<${printTypeNode(t.items)}>`;
    case 'mapType':
      return `MAP<${printTypeNode(t.key)}, ${printTypeNode(t.value)}>`;
    case 'structType':
      return `STRUCT<${t.fields.map((f) => `${f.name} ${printTypeNode(f.type)}`).join(', ')}>`;
    case 'namedType':
      return t.name;
  }
}
