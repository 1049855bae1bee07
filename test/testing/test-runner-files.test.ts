import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/functions/registry.js';
import { readTriple, runTriple, TripleFileError } from '../../src/testing/test-runner-files.js';

const dir = mkdtempSync(join(tmpdir(), 'streamsql-triple-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sqlFile = write(
  'statements.sql',
  `-- a comment
CREATE STREAM TEST (ID BIGINT KEY, NAME STRING) WITH (kafka_topic='test_topic', value_format='JSON');
CREATE STREAM S1 AS SELECT ID, NAME FROM TEST WHERE ID > 100;`,
);
const inputFile = write(
  'input.json',
  '{"inputs": [{"topic": "test_topic", "key": 1, "value": {"NAME": "a"}}, {"topic": "test_topic", "key": 101, "value": {"NAME": "b"}}]}',
);
const functions = builtinRegistry();

describe('ksql-test-runner triples', () => {
  it('reads the statements, inputs and outputs', async () => {
    const outputFile = write(
      'out-ok.json',
      '{"outputs": [{"topic": "S1", "key": 101, "value": {"NAME": "b"}}]}',
    );
    const testCase = await readTriple({ sqlFile, inputFile, outputFile });
    expect(testCase.statements).toHaveLength(2);
    expect(testCase.inputs).toHaveLength(2);
    expect(testCase.strictTopics).toBe(true);
    const outcome = await runTriple({ sqlFile, inputFile, outputFile }, { functions });
    expect(outcome.message).toBe('Test passed!');
    expect(outcome.passed).toBe(true);
  });

  it('fails on a difference, naming it', async () => {
    const outputFile = write(
      'out-bad.json',
      '{"outputs": [{"topic": "S1", "key": 102, "value": {"NAME": "b"}}]}',
    );
    const outcome = await runTriple({ sqlFile, inputFile, outputFile }, { functions });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/^Test failed: topic 'S1', record 0: key differs/);
  });

  it('fails when a sink gets records the outputs do not name', async () => {
    const outputFile = write('out-none.json', '{"outputs": []}');
    const outcome = await runTriple({ sqlFile, inputFile, outputFile }, { functions });
    expect(outcome.message).toBe(
      "Test failed: topic 'S1' got 1 records that no expected output names",
    );
  });

  it('fails with the file and what is wrong with it', async () => {
    const broken = write('broken.json', '{{');
    await expect(readTriple({ sqlFile, inputFile: broken, outputFile: broken })).rejects.toThrow(
      TripleFileError,
    );
    const noOutputs = write('no-outputs.json', '{"output": []}');
    const outcome = await runTriple({ sqlFile, inputFile, outputFile: noOutputs }, { functions });
    expect(outcome.message).toBe(
      `Test failed: File name: ${noOutputs} Message: expected an object with an "outputs" list`,
    );
  });
});
