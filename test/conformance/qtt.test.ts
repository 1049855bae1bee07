/**
 * The conformance ratchet: every QTT file of ../shared/conformance runs through the runner; a
 * case listed in passing.txt that does not pass fails this suite, and cases that newly pass are
 * printed so they can be added (`npm run build && npm run conformance -- --update-passing`).
 * Without ../shared/conformance (a lone clone) the suite is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratchet, readPassingList } from '../../src/testing/ratchet.js';
import { summaryLine } from '../../src/testing/report.js';
import { runSuite } from '../../src/testing/suite.js';

const QTT_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'qtt');
const PASSING = join(import.meta.dirname, 'passing.txt');
/** ksqlDB's test-only functions (TEST_UDF, BAD_UDF, …), on the path as ksqlDB's harness has them. */
const TEST_FUNCTIONS = join(import.meta.dirname, 'ksqldb-test-functions');
const available = existsSync(QTT_DIR);

if (!available) {
  console.warn(`QTT conformance ratchet skipped: ${QTT_DIR} is absent`);
}

describe.skipIf(!available)('QTT conformance ratchet', () => {
  it('keeps every case listed in passing.txt passing', async () => {
    const files = readdirSync(QTT_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(QTT_DIR, name));
    const listed = existsSync(PASSING)
      ? readPassingList(readFileSync(PASSING, 'utf8'))
      : new Set<string>();
    const started = Date.now();
    const result = await runSuite(files, { workers: 1, extensionsDir: TEST_FUNCTIONS });
    const outcome = ratchet(result.cases, listed);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`QTT conformance: ${summaryLine(result)} in ${seconds} s`);
    if (outcome.newlyPassing.length > 0) {
      console.log(
        `${outcome.newlyPassing.length} cases newly pass; add them to test/conformance/passing.txt ` +
          '(npm run build && npm run conformance -- --update-passing):\n' +
          outcome.newlyPassing.map((id) => `  ${id}`).join('\n'),
      );
    }
    if (outcome.missing.length > 0) {
      console.log(
        `passing.txt lists ${outcome.missing.length} cases that no longer exist:\n  ${outcome.missing.join('\n  ')}`,
      );
    }
    const regressions = outcome.regressions.map((r) => `${r.id} [${r.status}]: ${r.error ?? ''}`);
    expect(regressions, 'cases listed in passing.txt that no longer pass').toEqual([]);
  }, 600_000);
});
