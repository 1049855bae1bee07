/**
 * The README's conformance table: cases passed, failed and skipped per QTT file and in total, as
 * Markdown, and how it is put between `<!-- conformance:start -->` and `<!-- conformance:end -->`
 * in a README (a section is added at the end when the markers are not there yet).
 */
import type { CaseResult } from './run-case.js';
import { summaryLine } from './report.js';
import { summarize } from './suite.js';

export const TABLE_START = '<!-- conformance:start -->';
export const TABLE_END = '<!-- conformance:end -->';

interface Row {
  passed: number;
  failed: number;
  skipped: number;
}

export function conformanceTable(results: readonly CaseResult[]): string {
  const rows = new Map<string, Row>();
  for (const r of results) {
    let row = rows.get(r.file);
    if (!row) rows.set(r.file, (row = { passed: 0, failed: 0, skipped: 0 }));
    if (r.status === 'passed') row.passed++;
    else if (r.status === 'skipped') row.skipped++;
    else row.failed++;
  }
  const total = summarize(results);
  const lines = [
    '| QTT file | passed | failed | skipped | pass rate |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([file, row]) =>
          `| ${file} | ${row.passed} | ${row.failed} | ${row.skipped} | ${rate(row)} |`,
      ),
    `| **total** | **${total.passed}** | **${total.failed}** | **${total.skipped}** | **${rate(total)}** |`,
  ];
  return `${lines.join('\n')}\n\n${summaryLine(total)} (${rows.size} files).\n`;
}

function rate(row: Row): string {
  const run = row.passed + row.failed;
  return run === 0 ? '–' : `${Math.floor((row.passed / run) * 1000) / 10}%`;
}

/** The README text with the table between the markers (added, with a heading, when missing). */
export function withTable(readme: string, table: string): string {
  const block = `${TABLE_START}\n${table}${TABLE_END}`;
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start >= 0 && end > start) {
    return readme.slice(0, start) + block + readme.slice(end + TABLE_END.length);
  }
  const section =
    '## Conformance\n\nksqlDB functional test cases (QTT) that pass, from `npm run conformance`:\n\n';
  const sep = readme === '' || readme.endsWith('\n\n') ? '' : readme.endsWith('\n') ? '\n' : '\n\n';
  return `${readme}${sep}${section}${block}\n`;
}
