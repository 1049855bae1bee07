/**
 * Aligned tables that fit the terminal: columns keep their natural width when the table fits,
 * otherwise the widest columns give way first and their cells wrap onto more lines. When even
 * narrow columns cannot fit, rows are shown one field per line (as psql's expanded display).
 */
import type { Style } from './style.js';
import { displayWidth, padEnd, wrapText } from './text-width.js';

/** The narrowest a column is made before the table switches to one field per line. */
export const MIN_COLUMN_WIDTH = 6;

/** Columns taken by borders and padding around `n` cells: `| a | b |`. */
export function tableOverhead(n: number): number {
  return 3 * n + 1;
}

/**
 * Column widths that fit `available` columns of terminal, or undefined when the table cannot fit
 * even with every column at its minimum.
 */
export function fitWidths(natural: readonly number[], available: number): number[] | undefined {
  const room = available - tableOverhead(natural.length);
  const minimum = natural.map((n) => Math.max(1, Math.min(n, MIN_COLUMN_WIDTH)));
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= room) return [...natural];
  if (sum(minimum) > room) return undefined;
  // The largest cap such that every column at min(natural, max(cap, minimum)) fits.
  const widths = (cap: number): number[] =>
    natural.map((n, i) => Math.min(n, Math.max(cap, minimum[i]!)));
  let lo = 1;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(widths(mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  const out = widths(lo);
  let spare = room - sum(out);
  for (let i = 0; spare > 0 && i < out.length; i++) {
    if (out[i]! < natural[i]!) {
      out[i]!++;
      spare--;
    }
  }
  return out;
}

/** A bordered table whose cells wrap within `widths`. */
export function gridLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  style: Style,
): string[] {
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  return [
    border,
    ...rowLines(header, widths).map((l) => style.bold(l)),
    border,
    ...rows.flatMap((r) => rowLines(r, widths)),
    border,
  ];
}

/** One table row, as many lines as its tallest wrapped cell. */
export function rowLines(cells: readonly string[], widths: readonly number[]): string[] {
  const wrapped = widths.map((w, i) => wrapText(cells[i] ?? '', w));
  const height = Math.max(1, ...wrapped.map((c) => c.length));
  const lines: string[] = [];
  for (let l = 0; l < height; l++) {
    lines.push(`|${widths.map((w, i) => ` ${padEnd(wrapped[i]![l] ?? '', w)} `).join('|')}|`);
  }
  return lines;
}

/** Rows as records, one `name | value` line per field, for tables too wide for the terminal. */
export function recordLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  available: number,
  style: Style,
  firstRecord = 1,
): string[] {
  const labelWidth = Math.max(...header.map(displayWidth));
  const valueWidth = Math.max(10, available - labelWidth - 3);
  const lines: string[] = [];
  rows.forEach((row, r) => {
    const title = `-[ RECORD ${firstRecord + r} ]`;
    lines.push(style.dim(title + '-'.repeat(Math.max(0, Math.min(available, 40) - title.length))));
    header.forEach((name, i) => {
      wrapText(row[i] ?? '', valueWidth).forEach((part, p) => {
        lines.push(`${padEnd(p === 0 ? name : '', labelWidth)} | ${part}`);
      });
    });
  });
  return lines;
}

/** A whole table sized to `available` columns: a grid when it fits, records otherwise. */
export function fitTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  available: number,
  style: Style,
): string[] {
  const natural = header.map((h, i) =>
    Math.max(
      displayWidth(h),
      ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split(/\r?\n/).map(displayWidth))),
    ),
  );
  const widths = fitWidths(natural, available);
  return widths
    ? gridLines(header, rows, widths, style)
    : recordLines(header, rows, available, style);
}
