/** A source's key and value sides as the schema registry sees them (topic, formats, columns). */
import type { SourceSides } from '../serde/schema-registry/columns-schema.js';
import type { DataSource } from './data-source.js';

export function sourceSides(source: DataSource): SourceSides {
  return {
    topic: source.topic,
    sides: [
      {
        side: 'key',
        format: source.keyFormat.format,
        options: source.keyFormat.options,
        columns: source.columns.filter((c) => c.namespace === 'key'),
      },
      {
        side: 'value',
        format: source.valueFormat.format,
        options: source.valueFormat.options,
        columns: source.columns.filter((c) => c.namespace === 'value'),
      },
    ],
  };
}
