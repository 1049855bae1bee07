/**
 * Logical schemas: the columns of a stream, a table or an operator's rows, in ksqlDB's three
 * namespaces (key, value, header), plus the pseudo columns every row carries.
 *
 * Rows are flat positional arrays laid out as `[...key, ...value, ...pseudo]`: compiled
 * expressions read `row[i]` directly.
 */
import { BIGINT, INTEGER, type SqlType } from './sql-types.js';

export type ColumnNamespace = 'key' | 'value' | 'header' | 'pseudo';

export interface Column {
  readonly name: string;
  readonly type: SqlType;
  readonly namespace: ColumnNamespace;
  /** For a HEADER('k') column: the header key; for HEADERS: undefined. */
  readonly headerKey?: string;
}

/** The pseudo columns of every source row, as ksqlDB names them. */
export const ROWTIME = 'ROWTIME';
export const ROWPARTITION = 'ROWPARTITION';
export const ROWOFFSET = 'ROWOFFSET';
export const WINDOWSTART = 'WINDOWSTART';
export const WINDOWEND = 'WINDOWEND';

export const PSEUDO_COLUMNS: readonly Column[] = [
  { name: ROWTIME, type: BIGINT, namespace: 'pseudo' },
  { name: ROWPARTITION, type: INTEGER, namespace: 'pseudo' },
  { name: ROWOFFSET, type: BIGINT, namespace: 'pseudo' },
];

/** The window bounds of a windowed source's rows, after the pseudo columns. */
export const WINDOW_BOUNDS_COLUMNS: readonly Column[] = [
  { name: WINDOWSTART, type: BIGINT, namespace: 'pseudo' },
  { name: WINDOWEND, type: BIGINT, namespace: 'pseudo' },
];

/** Names a user may not give a column, as ksqlDB reserves them. */
export const RESERVED_COLUMN_NAMES: ReadonlySet<string> = new Set([
  ROWTIME,
  ROWPARTITION,
  ROWOFFSET,
  WINDOWSTART,
  WINDOWEND,
]);

/** An ordered set of columns; the position of a column is its index in rows. */
export class Schema {
  private readonly byName = new Map<string, number>();

  constructor(readonly columns: readonly Column[]) {
    columns.forEach((c, i) => {
      if (!this.byName.has(c.name)) this.byName.set(c.name, i);
    });
  }

  indexOf(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  find(name: string): Column | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.columns[i];
  }

  get keyColumns(): readonly Column[] {
    return this.columns.filter((c) => c.namespace === 'key');
  }

  get valueColumns(): readonly Column[] {
    return this.columns.filter((c) => c.namespace === 'value');
  }

  get headerColumns(): readonly Column[] {
    return this.columns.filter((c) => c.namespace === 'header');
  }
}

/** ksqlDB's schema text, as in DESCRIBE and QTT `post.sources[].schema`: `ID INT KEY, NAME STRING`. */
export function formatSchema(
  columns: readonly Column[],
  formatType: (t: SqlType) => string,
): string {
  return columns
    .filter((c) => c.namespace !== 'pseudo')
    .map((c) => {
      const suffix =
        c.namespace === 'key'
          ? ' KEY'
          : c.namespace === 'header'
            ? c.headerKey === undefined
              ? ' HEADERS'
              : ` HEADER('${c.headerKey}')`
            : '';
      return `${quoteName(c.name)} ${formatType(c.type)}${suffix}`;
    })
    .join(', ');
}

/** Back-quotes a name that would not survive being read back unquoted. */
export function quoteName(name: string): string {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}
