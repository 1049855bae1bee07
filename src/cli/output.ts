/**
 * Formats statement results for people (aligned tables, as ksqlDB's CLI) or for programs
 * (`--output json`: one JSON object per row and line on stdout; messages on stderr).
 */
import type { ResultColumn, StatementResult } from '../engine/results.js';
import { stringifyJson, toJsonValue } from '../engine/json-value.js';
import { formatSqlValue } from '../functions/value-format.js';

export type OutputMode = 'table' | 'json';

export interface Sink {
  write(text: string): unknown;
}

export class OutputPrinter {
  private pushWidths: number[] = [];

  constructor(
    readonly mode: OutputMode,
    private readonly out: Sink,
    private readonly err: Sink,
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
        if (this.mode === 'table') this.out.write(`${this.border()}\n`);
        this.notice(`Query terminated: ${result.rows} row${result.rows === 1 ? '' : 's'}`);
        return;
    }
  }

  pushHeader(columns: readonly ResultColumn[]): void {
    if (this.mode === 'json') return;
    this.pushWidths = columns.map((c) => Math.max(c.name.length, 12));
    this.out.write(
      `${this.border()}\n${this.line(columns.map((c) => c.name))}\n${this.border()}\n`,
    );
  }

  pushRow(values: readonly unknown[], columns: readonly ResultColumn[]): void {
    if (this.mode === 'json') {
      this.out.write(`${jsonRow(values, columns)}\n`);
      return;
    }
    this.out.write(`${this.line(values.map((v, i) => display(v, columns[i]!)))}\n`);
  }

  printLine(line: string): void {
    this.out.write(`${line}\n`);
  }

  private border(): string {
    return `+${this.pushWidths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  }

  private line(cells: readonly string[]): string {
    return `|${cells.map((c, i) => ` ${c.padEnd(this.pushWidths[i] ?? 0)} `).join('|')}|`;
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
