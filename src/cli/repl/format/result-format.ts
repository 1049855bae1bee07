/**
 * Statement results as the REPL shows them: tables fitted to the terminal, DESCRIBE and SHOW text
 * as the engine words it, EXPLAIN with a drawing of the topology, push query rows as they arrive
 * in a table whose widths are fixed by the header. `--output json` prints JSON lines instead,
 * exactly as `streamsql run` does.
 */
import type { ResultColumn, StatementResult } from '../../../engine/results.js';
import { formatSqlValue } from '../../../functions/value-format.js';
import { OutputPrinter, type OutputMode } from '../../output.js';
import { fitTable } from './fit-table.js';
import { PushTable } from './push-table.js';
import type { Style } from './style.js';
import { drawTopology } from './topology.js';

/** Turns results into text for the scrollback; every returned string ends with a newline. */
export interface ResultRenderer {
  result(result: StatementResult, cancelled: boolean): string;
  pushHeader(columns: readonly ResultColumn[]): string;
  pushRow(values: readonly unknown[], columns: readonly ResultColumn[]): string;
  printLine(line: string): string;
}

export function cellText(value: unknown, column: ResultColumn): string {
  return value === null || value === undefined ? 'null' : formatSqlValue(value, column.type);
}

const block = (lines: readonly string[]): string =>
  lines.length === 0 ? '' : `${lines.join('\n')}\n`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tables sized to the terminal's width, read when each result arrives. */
export class TableRenderer implements ResultRenderer {
  private push: PushTable | undefined;

  constructor(
    private readonly width: () => number,
    private readonly style: Style,
  ) {}

  result(result: StatementResult, cancelled: boolean): string {
    const s = this.style;
    switch (result.kind) {
      case 'message':
        return result.text === '' ? '' : block([s.green(result.text)]);
      case 'text': {
        const topology = drawTopology(result.text, this.width());
        const diagram = topology ? ['', s.bold('Topology'), ...topology] : [];
        return block([result.text, ...diagram]);
      }
      case 'table': {
        const cells = result.rows.map((r) => r.map((v, i) => cellText(v, result.columns[i]!)));
        const header = result.columns.map((c) => c.name);
        return block([
          ...fitTable(header, cells, this.width(), s),
          s.dim(`(${plural(result.rows.length, 'row')})`),
        ]);
      }
      case 'pushQueryDone': {
        const foot = this.push?.foot() ?? [];
        this.push = undefined;
        const why = cancelled ? 'cancelled' : 'done';
        return block([...foot, s.dim(`Query ${why}: ${plural(result.rows, 'row')}`)]);
      }
    }
  }

  pushHeader(columns: readonly ResultColumn[]): string {
    this.push = new PushTable(columns, this.width(), this.style);
    return block(this.push.head());
  }

  pushRow(values: readonly unknown[], columns: readonly ResultColumn[]): string {
    this.push ??= new PushTable(columns, this.width(), this.style);
    return block(this.push.row(values.map((v, i) => cellText(v, columns[i]!))));
  }

  printLine(line: string): string {
    return `${line}\n`;
  }
}

/** `--output json`: the same text `streamsql run --output json` writes. */
export class JsonRenderer implements ResultRenderer {
  private text = '';
  private readonly printer: OutputPrinter;

  constructor(mode: OutputMode = 'json') {
    const sink = { write: (t: string) => (this.text += t) };
    this.printer = new OutputPrinter(mode, sink, sink);
  }

  private take(run: () => void): string {
    run();
    const out = this.text;
    this.text = '';
    return out;
  }

  result(result: StatementResult): string {
    return this.take(() => this.printer.result(result));
  }

  pushHeader(columns: readonly ResultColumn[]): string {
    return this.take(() => this.printer.pushHeader(columns));
  }

  pushRow(values: readonly unknown[], columns: readonly ResultColumn[]): string {
    return this.take(() => this.printer.pushRow(values, columns));
  }

  printLine(line: string): string {
    return this.take(() => this.printer.printLine(line));
  }
}
