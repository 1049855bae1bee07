import { describe, expect, it } from 'vitest';
import { harnessTopics } from '../../src/testing/harness-topics.js';
import { parseQttText, QttFileError } from '../../src/testing/qtt-file.js';

const file = (tests: unknown[]): string => JSON.stringify({ tests });

describe('reading QTT files', () => {
  it('expands `format` into one case per format, replacing {FORMAT}', () => {
    const cases = parseQttText(
      file([
        {
          name: 'proj',
          format: ['JSON', 'AVRO'],
          statements: [
            "CREATE STREAM S (K INT KEY, V INT) WITH (kafka_topic='t', value_format='{FORMAT}');",
          ],
          inputs: [{ topic: 't', key: 1, value: { V: 2 } }],
          outputs: [],
        },
      ]),
      'f.json',
    );
    expect(cases.map((c) => c.name)).toEqual(['proj - JSON', 'proj - AVRO']);
    expect(cases[1]!.statements[0]).toContain("value_format='AVRO'");
    expect(cases[0]!.file).toBe('f.json');
  });

  it('reads records with timestamps, windows and headers, and properties as strings', () => {
    const [c] = parseQttText(
      `{"tests": [{
        // comment
        "name": "n", "statements": ["SELECT 1;"], "properties": {"a": 1, "b": "x", "c": false},
        "inputs": [{"topic": "t", "key": 1, "value": null, "timestamp": 5,
                    "window": {"start": 0, "end": 10, "type": "Time"},
                    "headers": [{"KEY": "h", "VALUE": "IQ=="}]}]
      }]}`,
      'f.json',
    );
    expect(c!.properties).toEqual({ a: '1', b: 'x', c: 'false' });
    const input = c!.inputs[0]!;
    expect(input.timestamp).toBe(5);
    expect(input.window).toEqual({ start: 0, end: 10, type: 'time' });
    expect(input.headers).toEqual([{ key: 'h', value: 'IQ==' }]);
    expect(input.value).toBeNull();
  });

  it('keeps disabled cases as disabled and bad cases as invalid', () => {
    const cases = parseQttText(
      file([
        {
          name: 'off',
          enabled: false,
          statements: ['SELECT 1;'],
          outputs: [{ topic: 't', value: 1 }],
        },
        { name: 'bad', statements: [] },
        { name: 'nothing', statements: ['SELECT 1;'] },
        { name: 'no topic', statements: ['SELECT 1;'], inputs: [{ value: 1 }] },
      ]),
      'f.json',
    );
    expect(cases[0]!.disabled).toBe(true);
    expect(cases[1]!.invalid).toMatch(/statements/);
    expect(cases[2]!.invalid).toMatch(/no inputs, outputs or expectedException/);
    expect(cases[3]!.invalid).toMatch(/inputs\[0\] needs a "topic"/);
  });

  it('trims names, and makes repeated names unique', () => {
    const spaced = {
      name: ' spaced ',
      statements: ['SELECT 1;'],
      expectedException: { message: 'x' },
    };
    expect(parseQttText(file([spaced]), 'f.json')[0]!.name).toBe('spaced');
    const one = { name: 'same', statements: ['SELECT 1;'], expectedException: { message: 'x' } };
    expect(parseQttText(file([one, one, one]), 'f.json').map((c) => c.name)).toEqual([
      'same',
      'same (2)',
      'same (3)',
    ]);
  });

  it('refuses a file that is not QTT', () => {
    expect(() => parseQttText('{"cases": []}', 'f.json')).toThrow(QttFileError);
    expect(() => parseQttText('{', 'f.json')).toThrow(/not valid JSON/);
  });
});

describe('topics the harness creates', () => {
  it('takes declared topics, then CREATE statements, then records, with 4 partitions by default', () => {
    const [c] = parseQttText(
      file([
        {
          name: 'n',
          topics: [{ name: 'declared', partitions: 2 }, { name: 'schema_only' }],
          statements: [
            "CREATE STREAM A (V INT) WITH (kafka_topic='from_stmt', value_format='JSON');",
            "CREATE STREAM B (V INT) WITH (kafka_topic='sized', partitions=1, value_format='JSON');",
            "CREATE STREAM D (V INT) WITH (kafka_topic='schema_only', partitions=128, value_format='JSON');",
            'CREATE STREAM C AS SELECT * FROM A;',
          ],
          inputs: [{ topic: 'sized', value: { V: 1 } }],
          outputs: [{ topic: 'C', value: { V: 1 } }],
        },
      ]),
      'f.json',
    );
    expect(harnessTopics(c!)).toEqual([
      { name: 'declared', partitions: 2, replicas: 1 },
      { name: 'from_stmt', partitions: 4, replicas: 1 },
      { name: 'C', partitions: 4, replicas: 1 },
    ]);
  });
});
