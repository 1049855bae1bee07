/**
 * The ksql-test-runner triples of ../shared/conformance/test-runner: every folder under
 * `incorrect/` must fail with a message saying what differs; the folders under `correct/` that
 * pass are listed (all of them will, once the engine has aggregation and joins).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/functions/registry.js';
import { runTriple, type TripleFiles } from '../../src/testing/test-runner-files.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'test-runner');
const available = existsSync(DIR);

if (!available) console.warn(`ksql-test-runner conformance skipped: ${DIR} is absent`);

function folders(kind: 'correct' | 'incorrect'): string[] {
  const dir = join(DIR, kind);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function triple(kind: string, name: string): TripleFiles {
  const dir = join(DIR, kind, name);
  const input = join(dir, 'input.json');
  return {
    sqlFile: join(dir, 'statements.sql'),
    outputFile: join(dir, 'output.json'),
    ...(existsSync(input) ? { inputFile: input } : {}),
  };
}

const functions = builtinRegistry();

describe.skipIf(!available)('ksql-test-runner triples', () => {
  for (const name of folders('incorrect')) {
    it(`incorrect/${name} fails, saying why`, async () => {
      const outcome = await runTriple(triple('incorrect', name), { functions });
      expect(outcome.passed).toBe(false);
      expect(outcome.message).toMatch(/^Test failed: \S/);
    });
  }

  it('lists the correct/ triples that pass', async () => {
    const lines: string[] = [];
    for (const name of folders('correct')) {
      const outcome = await runTriple(triple('correct', name), { functions });
      lines.push(
        `  ${outcome.passed ? 'pass' : 'FAIL'} correct/${name}${outcome.passed ? '' : `: ${outcome.message.split('\n')[0]}`}`,
      );
    }
    console.log(`ksql-test-runner correct/ triples:\n${lines.join('\n')}`);
    expect(lines.length).toBe(folders('correct').length);
  }, 120_000);
});
