import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/functions/registry.js';
import { jsonText } from '../../src/testing/json-text.js';
import { parseQttText } from '../../src/testing/qtt-file.js';
import { runCase } from '../../src/testing/run-case.js';
import type { TestCase } from '../../src/testing/test-case.js';

const functions = builtinRegistry();

function qttCase(test: Record<string, unknown>): TestCase {
  return parseQttText(JSON.stringify({ tests: [{ name: 'case', ...test }] }), 'unit.json')[0]!;
}

const statements = [
  "CREATE STREAM INPUT (ID BIGINT KEY, NAME STRING, V INT) WITH (kafka_topic='input', value_format='JSON');",
  'CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT WHERE V > 0;',
];
const inputs = [
  { topic: 'input', key: 1, value: { NAME: 'a', V: 1 }, timestamp: 10 },
  { topic: 'input', key: 2, value: { NAME: 'b', V: 0 }, timestamp: 20 },
  { topic: 'input', key: 3, value: { NAME: 'c', V: 5 }, timestamp: 30 },
];

describe('running a case', () => {
  it('passes when the sink records match, in order, and collects them in QTT shape', async () => {
    const result = await runCase(
      qttCase({
        statements,
        inputs,
        outputs: [
          { topic: 'OUTPUT', key: 1, value: { NAME: 'a' }, timestamp: 10 },
          { topic: 'OUTPUT', key: 3, value: { NAME: 'c' } },
        ],
        post: {
          sources: [{ name: 'OUTPUT', type: 'stream', schema: 'ID BIGINT KEY, NAME STRING' }],
        },
      }),
      { functions },
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(jsonText(result.outputs.map((r) => ({ ...r })) as never)).toBe(
      '[{"topic":"OUTPUT","key":1,"value":{"NAME":"a"},"timestamp":10},' +
        '{"topic":"OUTPUT","key":3,"value":{"NAME":"c"},"timestamp":30}]',
    );
  });

  it('fails with the first difference', async () => {
    const result = await runCase(
      qttCase({ statements, inputs, outputs: [{ topic: 'OUTPUT', key: 1, value: { NAME: 'z' } }] }),
      { functions },
    );
    expect(result.status).toBe('failed');
    expect(result.error).toContain(
      `topic 'OUTPUT', record 0: value differs: expected <1, {"NAME":"z"}>`,
    );
  });

  it('fails on a post condition', async () => {
    const result = await runCase(
      qttCase({
        statements,
        inputs: [inputs[1]],
        outputs: [],
        post: { sources: [{ name: 'OUTPUT', type: 'table' }] },
      }),
      { functions },
    );
    expect(result.status).toBe('failed');
    expect(result.error).toBe('source OUTPUT: expected a table but it is a stream');
  });

  it('passes an expected refusal when its message matches, and says so when it does not', async () => {
    const bad = ['CREATE STREAM OUTPUT AS SELECT NOPE FROM NOWHERE;'];
    const matching = await runCase(
      qttCase({ statements: bad, expectedException: { message: 'NOWHERE' } }),
      { functions },
    );
    expect(matching.status).toBe('passed');
    expect(matching.error).toContain('NOWHERE');
    const other = await runCase(
      qttCase({ statements: bad, expectedException: { message: 'something else' } }),
      {
        functions,
      },
    );
    expect(other.status).toBe('failed');
    expect(other.error).toContain('the expected error message differs');
  });

  it("matches ksqlDB's located form of a message, counting lines across statements", async () => {
    const result = await runCase(
      qttCase({
        statements: [statements[0], 'CREATE STREAM OUTPUT AS\nSELECT NOPE FROM NOWHERE;'],
        expectedException: { message: 'Line: 3, Col: ' },
      }),
      { functions },
    );
    expect(result.error).toContain('NOWHERE');
    expect(result.status).toBe('passed');
  });

  it('fails an expected refusal that does not happen, and a refusal that was not expected', async () => {
    const none = await runCase(qttCase({ statements, expectedException: { message: 'x' } }), {
      functions,
    });
    expect(none.status).toBe('failed');
    expect(none.error).toMatch(/expected an error containing "x", but none was raised/);
    const refused = await runCase(
      qttCase({ statements: ['CREATE STREAM X AS SELECT * FROM NOWHERE;'], inputs }),
      {
        functions,
      },
    );
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/^statement 1 refused: /);
  });

  it("fills a registered schema's fields from the input's names, ignoring case", async () => {
    const keySchema = {
      type: 'record',
      name: 'EntityId',
      fields: [{ name: 'val', type: 'long' }],
    };
    const result = await runCase(
      qttCase({
        statements: [
          "CREATE TABLE INPUT (ID STRUCT<val BIGINT> PRIMARY KEY, F1 INT) WITH (kafka_topic='input', format='AVRO');",
          'CREATE TABLE OUTPUT AS SELECT * FROM INPUT;',
        ],
        topics: [{ name: 'input', keySchema, keyFormat: 'AVRO' }],
        inputs: [{ topic: 'input', key: { VAL: 7 }, value: { F1: 1 }, timestamp: 10 }],
        outputs: [{ topic: 'OUTPUT', key: { VAL: 7 }, value: { F1: 1 }, timestamp: 10 }],
      }),
      { functions },
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('reports an input on a topic without a source', async () => {
    const result = await runCase(
      qttCase({ statements, inputs: [{ topic: 'elsewhere', value: {} }] }),
      { functions },
    );
    expect(result.status).toBe('failed');
    expect(result.error).toBe('input 0: no source found for topic elsewhere');
  });

  it('skips disabled cases and reports invalid ones as errors', async () => {
    expect(
      (await runCase(qttCase({ statements, inputs, enabled: false }), { functions })).status,
    ).toBe('skipped');
    expect((await runCase(qttCase({ statements: [] }), { functions })).status).toBe('error');
  });
});
