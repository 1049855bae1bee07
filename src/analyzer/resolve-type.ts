/** Turns a type as written (`TypeNode`) into a SQL type, resolving CREATE TYPE names. */
import { AnalysisError } from '../common/errors.js';
import type { SqlType } from '../common/sql-types.js';
import type { TypeNode } from '../parser/ast.js';

export function resolveType(
  node: TypeNode,
  customTypes: (name: string) => SqlType | undefined,
): SqlType {
  switch (node.kind) {
    case 'primitiveType':
      return { base: node.base };
    case 'decimalType':
      if (node.precision < 1) {
        throw new AnalysisError('DECIMAL precision must be >= 1', node.span);
      }
      if (node.scale < 0 || node.scale > node.precision) {
        throw new AnalysisError(
          `DECIMAL scale must be between 0 and precision (${node.precision}), got ${node.scale}`,
          node.span,
        );
      }
      return { base: 'DECIMAL', precision: node.precision, scale: node.scale };
    case 'arrayType':
      return { base: 'ARRAY', items: resolveType(node.items, customTypes) };
    case 'mapType':
      return {
        base: 'MAP',
        key: resolveType(node.key, customTypes),
        value: resolveType(node.value, customTypes),
      };
    case 'structType':
      return {
        base: 'STRUCT',
        fields: node.fields.map((f) => ({ name: f.name, type: resolveType(f.type, customTypes) })),
      };
    case 'namedType': {
      const t = customTypes(node.name);
      if (!t) throw new AnalysisError(`Unknown type: ${node.name}`, node.span);
      return t;
    }
  }
}
