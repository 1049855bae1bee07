/**
 * What `streamsql test` prints. For people: one block per case that did not pass (file, case name,
 * why, with the short expected-vs-actual diff), then `N passed, N failed, N skipped` alone on the
 * last line. For programs (`--json`): one document,
 * `{"cases":[{"file","name","status","outputs","error"}],"passed","failed","skipped"}`, whose
 * `outputs` are the records collected, shaped as QTT expected outputs, and `error` is why the case
 * did not pass (for an expected error, the message raised), or null. Keep that shape stable.
 */
import { stringify } from 'lossless-json';
import type { CaseResult } from './run-case.js';
import type { SuiteResult } from './suite.js';
import type { RecordSpec } from './test-case.js';

/** Lines of an error shown per case, at most. */
const ERROR_LINES = 6;
/** Characters of one error line shown, at most. */
const LINE_CHARS = 600;

export function summaryLine(result: Pick<SuiteResult, 'passed' | 'failed' | 'skipped'>): string {
  return `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
}

/** The block shown for a case that did not pass; empty for passed and skipped cases. */
export function caseLines(c: CaseResult): string[] {
  if (c.status === 'passed' || c.status === 'skipped') return [];
  const label = c.status === 'error' ? 'ERROR' : 'FAIL';
  const lines = (c.error ?? 'failed').split('\n');
  const shown = lines.slice(0, ERROR_LINES).map((l) => `    ${clip(l)}`);
  if (lines.length > ERROR_LINES) shown.push(`    … ${lines.length - ERROR_LINES} more lines`);
  return [`${label} ${c.file} :: ${c.name}`, ...shown];
}

function clip(line: string): string {
  return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line;
}

export function humanReport(result: SuiteResult): string {
  const lines = result.cases.flatMap(caseLines);
  return [...lines, summaryLine(result)].join('\n') + '\n';
}

/** A record in QTT's output shape, fields in QTT's order. */
function recordJson(r: RecordSpec): Record<string, unknown> {
  return {
    topic: r.topic,
    key: r.key,
    value: r.value,
    timestamp: r.timestamp ?? 0,
    ...(r.window
      ? { window: { start: r.window.start, end: r.window.end, type: r.window.type } }
      : {}),
    ...(r.headers && r.headers.length > 0
      ? { headers: r.headers.map((h) => ({ KEY: h.key, VALUE: h.value })) }
      : {}),
  };
}

export function jsonReport(result: SuiteResult): string {
  const doc = {
    cases: result.cases.map((c) => ({
      file: c.file,
      name: c.name,
      status: c.status,
      outputs: c.outputs.map(recordJson),
      error: c.error ?? null,
    })),
    passed: result.passed,
    failed: result.failed,
    skipped: result.skipped,
  };
  return `${stringify(doc) ?? '{}'}\n`;
}
