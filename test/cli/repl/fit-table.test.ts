import { describe, expect, it } from 'vitest';
import { fitTable, fitWidths } from '../../../src/cli/repl/format/fit-table.js';
import { displayWidth, truncate, wrapText } from '../../../src/cli/repl/format/text-width.js';
import { plain } from './helpers.js';

describe('tables sized to the terminal', () => {
  it('keeps natural widths when the table fits', () => {
    expect(fitTable(['ID', 'NAME'], [['1', 'alice']], 80, plain)).toEqual([
      '+----+-------+',
      '| ID | NAME  |',
      '+----+-------+',
      '| 1  | alice |',
      '+----+-------+',
    ]);
  });

  it('narrows the widest columns first and wraps their cells', () => {
    const query = 'CREATE STREAM big AS SELECT id, UCASE(name) AS n FROM s WHERE amount > 1;';
    const lines = fitTable(
      ['Query ID', 'Status', 'Query String'],
      [['CSAS_BIG_0', 'RUNNING', query]],
      50,
      plain,
    );
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(lines[3]).toBe('| CSAS_BIG_0 | RUNNING | CREATE STREAM big AS    |');
    expect(
      lines
        .slice(3, -1)
        .map((l) => l.split('|')[3]!.trim())
        .join(' '),
    ).toBe(query);
  });

  it('shows one field per line when the columns cannot fit', () => {
    const header = Array.from({ length: 12 }, (_, i) => `COLUMN_${i}`);
    const lines = fitTable(header, [header.map((_, i) => `value ${i}`)], 60, plain);
    expect(lines[0]).toMatch(/^-\[ RECORD 1 \]-+$/);
    expect(lines[1]).toBe('COLUMN_0  | value 0');
    expect(lines).toHaveLength(13);
  });

  it('computes widths that fill the room exactly when shrinking', () => {
    const widths = fitWidths([30, 5, 40], 60)!;
    expect(widths.reduce((a, b) => a + b, 0) + 10).toBe(60);
    expect(widths[1]).toBe(5);
    expect(fitWidths([10, 10], 10)).toBeUndefined();
  });

  it('measures wide characters and wraps at spaces', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(wrapText('hello wide world', 10)).toEqual(['hello wide', 'world']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('two\nlines', 10)).toEqual(['two', 'lines']);
  });
});
