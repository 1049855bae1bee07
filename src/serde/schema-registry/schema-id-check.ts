/**
 * CREATE … AS SELECT with KEY_SCHEMA_ID / VALUE_SCHEMA_ID writes with the schema the id names, so
 * the query's columns must be found in it: as ksqlDB's DefaultSchemaInjector, each side's columns
 * must be the schema's columns at the same positions, of the same names and types (the schema may
 * have more). A mismatch refuses the statement, naming the columns that differ.
 *
 * The schema's further fields must be optional: one that must be written and that the query has
 * no column for would make every row fail to serialize, so the statement is refused for it
 * (where ksqlDB accepts it and its query then fails on the first row).
 */
import { AnalysisError } from '../../common/errors.js';
import { formatType, typesEqual } from '../../common/sql-types.js';
import type { SerdeColumn } from '../serde.js';
import type { SourceSides } from './columns-schema.js';
import { inferColumns } from './infer-columns.js';
import type { SchemaRegistry } from './registry.js';
import { requiredFields } from './required-fields.js';

export function checkSchemaIdColumns(registry: SchemaRegistry, source: SourceSides): void {
  for (const s of source.sides) {
    if (s.options.schemaId === undefined || s.columns.length === 0) continue;
    const { columns: inferred, unwrapped } = inferColumns(registry, source.topic, s.side, s, true)!;
    const differ = s.columns.filter((c, i) => {
      const at = inferred[i];
      return at === undefined || at.name !== c.name || !typesEqual(at.type, c.type);
    });
    const list = (cols: readonly SerdeColumn[]) =>
      `[${cols.map((c) => describeColumn(c, s.side === 'key')).join(', ')}]`;
    if (differ.length > 0) {
      throw new AnalysisError(
        `The following ${s.side} columns are changed, missing or reordered: ${list(differ)}. ` +
          `Schema from schema registry is ${list(inferred)}`,
      );
    }
    const schema = unwrapped ? undefined : registry.sync.schemaById(s.options.schemaId);
    const unwritten = schema
      ? requiredFields(schema).filter((name) => !s.columns.some((c) => c.name === name))
      : [];
    if (unwritten.length > 0) {
      throw new AnalysisError(
        `The ${s.side} schema with id ${s.options.schemaId} requires fields that the query does not write: ` +
          `[${unwritten.map((n) => `\`${n}\``).join(', ')}]. No row could be serialized with it.`,
      );
    }
  }
}

/** A column as ksqlDB prints one: `name` TYPE, with KEY after a key column. */
function describeColumn(c: SerdeColumn, key: boolean): string {
  return `\`${c.name}\` ${formatType(c.type, true)}${key ? ' KEY' : ''}`;
}
