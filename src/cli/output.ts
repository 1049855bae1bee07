/**
 * Formats statement results for people (aligned tables, as ksqlDB's CLI) or for programs
 * (`--output json`: one JSON object per row and line on stdout; messages on stderr).
 */
import type { ResultColumn, StatementResult } from '../engine/results.js';
import { stringifyJson, toJsonValue } from '../engine/json-value.js';
import { formatSqlValue } from '../functions/value-format.js';
import { PushTable } from './repl/format/push-table.js';
import { createStyle } from './repl/format/style.js';

export type OutputMode = 'table' | 'json';

export interface Sink {
  write(text: string): unknown;
}

/** The width push-query tables are fitted to when the output is not a terminal. */
const DEFAULT_WIDTH = 120;

export class OutputPrinter {
  private push: PushTable | undefined;

  constructor(
    readonly mode: OutputMode,
    private readonly out: Sink,
    private readonly err: Sink,
    private readonly width: number = DEFAULT_WIDTH,
  ) {}

  /** A message that is not data: stderr for JSON output, so stdout stays machine-readable. */
  notice(text: string): void {
    (this.mode === 'json' ? this.err : this.out).write(`${text}\n`);
  }

  warn(text: string): void {
    this.err.write(`${text}\n`);
  }

  result(result: StatementResult): void {
    switch (result.kind) {
      case 'message':
        if (result.text !== '') this.notice(result.text);
        return;
      case 'text':
        if (this.mode === 'json')
          this.out.write(`${stringifyJson({ [result.title]: result.text })}\n`);
        else this.out.write(`${result.text}\n`);
        return;
      case 'table':
        if (this.mode === 'json') {
          for (const row of result.rows) this.out.write(`${jsonRow(row, result.columns)}\n`);
        } else {
          this.out.write(renderTable(result.columns, result.rows));
        }
        return;
      case 'pushQueryDone':
        if (this.push) this.writeLines(this.push.foot());
        this.push = undefined;
        this.notice(`Query terminated: ${result.rows} row${result.rows === 1 ? '' : 's'}`);
        return;
    }
  }

  /**
   * Starts a push query's table. Its widths are fixed before any row is known, from the columns'
   * names and types fitted to the width; longer values wrap inside their cells.
   */
  pushHeader(columns: readonly ResultColumn[]): void {
    if (this.mode === 'json') return;
    this.push = new PushTable(columns, this.width, createStyle(false));
    this.writeLines(this.push.head());
  }

  pushRow(values: readonly unknown[], columns: readonly ResultColumn[]): void {
    if (this.mode === 'json') {
      this.out.write(`${jsonRow(values, columns)}\n`);
      return;
    }
    const cells = values.map((v, i) => display(v, columns[i]!));
    if (this.push) this.writeLines(this.push.row(cells));
  }

  printLine(line: string): void {
    this.out.write(`${line}\n`);
  }

  private writeLines(lines: readonly string[]): void {
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
  }
}

function display(value: unknown, column: ResultColumn): string {
  return value === null || value === undefined ? 'null' : formatSqlValue(value, column.type);
}

function jsonRow(values: readonly unknown[], columns: readonly ResultColumn[]): string {
  return stringifyJson(Object.fromEntries(columns.map((c, i) => [c.name, toJsonValue(values[i])])));
}

/** An aligned table with a header, as ksqlDB's CLI prints SHOW and pull query results. */
export function renderTable(
  columns: readonly ResultColumn[],
  rows: readonly (readonly unknown[])[],
): string {
  const cells = rows.map((r) => r.map((v, i) => display(v, columns[i]!)));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((r) => r[i]!.length)));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (xs: readonly string[]) =>
    `|${xs.map((x, i) => ` ${x.padEnd(widths[i]!)} `).join('|')}|`;
  return [border, line(columns.map((c) => c.name)), border, ...cells.map(line), border, ''].join(
    '\n',
  );
}
