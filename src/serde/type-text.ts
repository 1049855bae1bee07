/**
 * How ksqlDB's serde messages spell types and columns. Two spellings exist: the SQL one of
 * `SqlType.toString()` (`STRUCT<\`F\` DOUBLE>`, used for persistence schemas in format checks)
 * and the Connect one of `SqlSchemaFormatter` (`MAP<VARCHAR, INT>`, used by the JSON reader's
 * coercion errors).
 */
import type { SqlType } from '../common/sql-types.js';
import type { RecordSide, SerdeColumn } from './serde.js';

/** `SqlType.toString()`: `INTEGER`, `DECIMAL(4, 2)`, `STRUCT<\`F\` DOUBLE>`. */
export function sqlTypeText(type: SqlType): string {
  switch (type.base) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ARRAY':
      return `ARRAY<${sqlTypeText(type.items)}>`;
    case 'MAP':
      return `MAP<${sqlTypeText(type.key)}, ${sqlTypeText(type.value)}>`;
    case 'STRUCT':
      return `STRUCT<${type.fields.map((f) => `\`${f.name}\` ${sqlTypeText(f.type)}`).join(', ')}>`;
    default:
      return type.base;
  }
}

/** A column as `SimpleColumn.toString()` prints it: `` `K` INTEGER KEY``. */
export function columnText(column: SerdeColumn, side: RecordSide): string {
  return `\`${column.name}\` ${sqlTypeText(column.type)}${side === 'key' ? ' KEY' : ''}`;
}

/** A column list as Java prints a List: `` [`A` INTEGER, `B` STRING]``. */
export function columnsText(columns: readonly SerdeColumn[], side: RecordSide): string {
  return `[${columns.map((c) => columnText(c, side)).join(', ')}]`;
}

/** A type as Connect's schema formatter prints it: `INT`, `VARCHAR`, `STRUCT<A DOUBLE>`. */
export function connectTypeText(type: SqlType): string {
  switch (type.base) {
    case 'INTEGER':
      return 'INT';
    case 'STRING':
      return 'VARCHAR';
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ARRAY':
      return `ARRAY<${connectTypeText(type.items)}>`;
    case 'MAP':
      return `MAP<${connectTypeText(type.key)}, ${connectTypeText(type.value)}>`;
    case 'STRUCT':
      return `STRUCT<${type.fields.map((f) => `${f.name} ${connectTypeText(f.type)}`).join(', ')}>`;
    default:
      return type.base;
  }
}
