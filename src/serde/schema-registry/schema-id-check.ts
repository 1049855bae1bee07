/**
 * CREATE … AS SELECT with KEY_SCHEMA_ID / VALUE_SCHEMA_ID writes with the schema the id names, so
 * the query's columns must be found in it: as ksqlDB's DefaultSchemaInjector, each side's columns
 * must be the schema's columns at the same positions, of the same names and types (the schema may
 * have more). A mismatch refuses the statement, naming the columns that differ.
 */
import { AnalysisError } from '../../common/errors.js';
import { formatType, typesEqual } from '../../common/sql-types.js';
import type { SerdeColumn } from '../serde.js';
import type { SourceSides } from './columns-schema.js';
import { inferColumns } from './infer-columns.js';
import type { SchemaRegistry } from './registry.js';

export function checkSchemaIdColumns(registry: SchemaRegistry, source: SourceSides): void {
  for (const s of source.sides) {
    if (s.options.schemaId === undefined || s.columns.length === 0) continue;
    const inferred = inferColumns(registry, source.topic, s.side, s, true)!.columns;
    const differ = s.columns.filter((c, i) => {
      const at = inferred[i];
      return at === undefined || at.name !== c.name || !typesEqual(at.type, c.type);
    });
    if (differ.length === 0) continue;
    const list = (cols: readonly SerdeColumn[]) =>
      `[${cols.map((c) => describeColumn(c, s.side === 'key')).join(', ')}]`;
    throw new AnalysisError(
      `The following ${s.side} columns are changed, missing or reordered: ${list(differ)}. ` +
        `Schema from schema registry is ${list(inferred)}`,
    );
  }
}

/** A column as ksqlDB prints one: `name` TYPE, with KEY after a key column. */
function describeColumn(c: SerdeColumn, key: boolean): string {
  return `\`${c.name}\` ${formatType(c.type, true)}${key ? ' KEY' : ''}`;
}
