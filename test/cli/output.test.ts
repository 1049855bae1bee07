import { describe, expect, it } from 'vitest';
import { OutputPrinter } from '../../src/cli/output.js';
import type { ResultColumn } from '../../src/engine/results.js';

const columns: ResultColumn[] = [
  { name: 'ID', type: { base: 'INTEGER' } },
  { name: 'PAGE', type: { base: 'STRING' } },
];

function printed(mode: 'table' | 'json', width: number, rows: unknown[][]): string[] {
  let text = '';
  const sink = { write: (t: string) => (text += t) };
  const printer = new OutputPrinter(mode, sink, sink, width);
  printer.pushHeader(columns);
  for (const row of rows) printer.pushRow(row, columns);
  printer.result({ kind: 'pushQueryDone', rows: rows.length });
  return text.trimEnd().split('\n');
}

describe('push query output', () => {
  it('keeps every line of the table the same width, wrapping long values inside their cell', () => {
    const lines = printed('table', 40, [
      [1, '/home'],
      [2, '/docs/a-page-whose-path-is-longer-than-its-column'],
    ]);
    const table = lines.filter((l) => /^[+|]/.test(l));
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[0]!.length).toBeLessThanOrEqual(40);
    expect(lines.join('\n')).toContain('/home');
    const wrapped = table.filter((l) => l.startsWith('|')).slice(2);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.map((l) => l.split('|')[2]!.trim()).join('')).toBe(
      '/docs/a-page-whose-path-is-longer-than-its-column',
    );
    expect(lines.at(-1)).toBe('Query terminated: 2 rows');
  });

  it('prints one JSON object per row in json mode, with no table', () => {
    const lines = printed('json', 40, [[1, '/home']]);
    expect(lines[0]).toBe('{"ID":1,"PAGE":"/home"}');
    expect(lines.some((l) => l.startsWith('+'))).toBe(false);
  });
});
