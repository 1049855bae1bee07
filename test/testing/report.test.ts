import { describe, expect, it } from 'vitest';
import {
  conformanceTable,
  TABLE_END,
  TABLE_START,
  withTable,
} from '../../src/testing/conformance-table.js';
import { jsonNumber, parseJsonText } from '../../src/testing/json-text.js';
import { formatPassingList, ratchet, readPassingList } from '../../src/testing/ratchet.js';
import { humanReport, jsonReport } from '../../src/testing/report.js';
import type { CaseResult } from '../../src/testing/run-case.js';
import { summarize } from '../../src/testing/suite.js';

const results: CaseResult[] = [
  {
    file: 'a.json',
    name: 'ok',
    status: 'passed',
    outputs: [
      {
        topic: 'T',
        key: jsonNumber('12345678901234567890'),
        value: { V: jsonNumber('1.50') },
        timestamp: 3,
      },
    ],
    durationMs: 1,
  },
  {
    file: 'a.json',
    name: 'bad',
    status: 'failed',
    outputs: [],
    error: 'line 1\nline 2',
    durationMs: 1,
  },
  { file: 'b.json', name: 'off', status: 'skipped', outputs: [], error: 'disabled', durationMs: 0 },
  {
    file: 'b.json',
    name: 'slow',
    status: 'error',
    outputs: [],
    error: 'time limit of 10 s exceeded',
    durationMs: 1,
  },
];

describe('reports', () => {
  it('shows each case that did not pass, then the counts alone on the last line', () => {
    const text = humanReport(summarize(results));
    expect(text.split('\n')).toEqual([
      'FAIL a.json :: bad',
      '    line 1',
      '    line 2',
      'ERROR b.json :: slow',
      '    time limit of 10 s exceeded',
      '1 passed, 2 failed, 1 skipped',
      '',
    ]);
  });

  it('prints the JSON document with exact numbers and a stable shape', () => {
    const doc = jsonReport(summarize(results));
    expect(doc).toContain('"key":12345678901234567890,"value":{"V":1.50},"timestamp":3');
    const parsed = JSON.parse(doc) as {
      cases: Record<string, unknown>[];
      passed: number;
      failed: number;
      skipped: number;
    };
    expect(Object.keys(parsed)).toEqual(['cases', 'passed', 'failed', 'skipped']);
    expect(parsed.cases.map((c) => Object.keys(c))).toEqual(
      results.map(() => ['file', 'name', 'status', 'outputs', 'error']),
    );
    expect(parsed.cases.map((c) => c.status)).toEqual(['passed', 'failed', 'skipped', 'error']);
    expect(parsed.cases[0]!.error).toBeNull();
    expect([parsed.passed, parsed.failed, parsed.skipped]).toEqual([1, 2, 1]);
    expect(parseJsonText(doc)).toBeTruthy();
  });
});

describe('the ratchet', () => {
  it('lists passing ids and finds regressions, new passes and vanished ids', () => {
    const list = formatPassingList(results);
    expect(list).toMatch(/^# .*\n# .*\na\.json :: ok\n$/);
    const listed = readPassingList(`${list}a.json :: bad\ngone.json :: x\n`);
    const outcome = ratchet(results, listed);
    expect(outcome.regressions).toEqual([
      { id: 'a.json :: bad', status: 'failed', error: 'line 1\nline 2' },
    ]);
    expect(outcome.newlyPassing).toEqual([]);
    expect(outcome.missing).toEqual(['gone.json :: x']);
    expect(ratchet(results, new Set()).newlyPassing).toEqual(['a.json :: ok']);
  });
});

describe('the conformance table', () => {
  it('counts per file and in total, as Markdown', () => {
    const table = conformanceTable(results);
    expect(table).toContain('| a.json | 1 | 1 | 0 | 50% |');
    expect(table).toContain('| b.json | 0 | 1 | 1 | 0% |');
    expect(table).toContain('| **total** | **1** | **2** | **1** | **33.3%** |');
  });

  it('goes between the markers, replacing what was there, or in a new section', () => {
    const readme = `# streamsql\n\n${TABLE_START}\nold\n${TABLE_END}\n\nmore\n`;
    expect(withTable(readme, 'new\n')).toBe(
      `# streamsql\n\n${TABLE_START}\nnew\n${TABLE_END}\n\nmore\n`,
    );
    const added = withTable('# streamsql\n', 'new\n');
    expect(added).toContain(`## Conformance`);
    expect(added.endsWith(`${TABLE_START}\nnew\n${TABLE_END}\n`)).toBe(true);
    expect(withTable(added, 'newer\n')).toBe(added.replace('new\n', 'newer\n'));
  });
});
