/**
 * The table a push query's rows are drawn in as they arrive. Its column widths are fixed when
 * the header is printed, before any row is known, so they come from each column's name and type
 * and are fitted to the terminal; longer values wrap inside their cell.
 */
import type { SqlType } from '../../../common/sql-types.js';
import type { ResultColumn } from '../../../engine/results.js';
import { fitWidths, gridLines, recordLines, rowLines } from './fit-table.js';
import type { Style } from './style.js';
import { displayWidth } from './text-width.js';

/** A width that shows most values of the type whole. */
export function typicalWidth(type: SqlType): number {
  switch (type.base) {
    case 'BOOLEAN':
      return 5;
    case 'INTEGER':
      return 11;
    case 'BIGINT':
      return 19;
    case 'DOUBLE':
      return 20;
    case 'DECIMAL':
      return Math.min(24, type.precision + 2);
    case 'TIMESTAMP':
      return 23;
    case 'DATE':
      return 10;
    case 'TIME':
      return 12;
    case 'STRING':
    case 'BYTES':
      return 20;
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return 30;
  }
}

export class PushTable {
  private readonly widths: number[] | undefined;
  private readonly header: string[];
  private rows = 0;

  constructor(
    columns: readonly ResultColumn[],
    private readonly available: number,
    private readonly style: Style,
  ) {
    this.header = columns.map((c) => c.name);
    const natural = columns.map((c) => Math.max(displayWidth(c.name), typicalWidth(c.type)));
    this.widths = fitWidths(natural, available);
  }

  /** The lines before the first row. */
  head(): string[] {
    return this.widths ? gridLines(this.header, [], this.widths, this.style).slice(0, 3) : [];
  }

  row(cells: readonly string[]): string[] {
    this.rows++;
    if (this.widths) return rowLines(cells, this.widths);
    return recordLines(this.header, [cells], this.available, this.style, this.rows);
  }

  /** The lines after the last row. */
  foot(): string[] {
    return this.widths ? [`+${this.widths.map((w) => '-'.repeat(w + 2)).join('+')}+`] : [];
  }
}
