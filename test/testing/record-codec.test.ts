import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/common/errors.js';
import type { Column } from '../../src/common/schema.js';
import {
  BIGINT,
  BYTES,
  DOUBLE,
  INTEGER,
  STRING,
  type SqlType,
} from '../../src/common/sql-types.js';
import type { DataSource, WindowInfo } from '../../src/engine/data-source.js';
import type { FormatName } from '../../src/serde/serde.js';
import { jsonText, parseJsonText } from '../../src/testing/json-text.js';
import { decodeOutput, encodeInput } from '../../src/testing/record-codec.js';
import type { RecordSpec } from '../../src/testing/test-case.js';

function source(
  key: [FormatName, SqlType[]],
  value: [FormatName, SqlType[]],
  window?: WindowInfo,
): DataSource {
  const columns: Column[] = [
    ...key[1].map((type, i): Column => ({ name: `K${i}`, type, namespace: 'key' })),
    ...value[1].map((type, i): Column => ({ name: `V${i}`, type, namespace: 'value' })),
  ];
  return {
    name: 'S',
    sourceType: 'stream',
    topic: 't',
    columns,
    keyFormat: { format: key[0], options: {} },
    valueFormat: { format: value[0], options: {} },
    ...(window ? { window } : {}),
    readOnly: false,
    sql: '',
  };
}

const input = (key: string, value: string, extra: Partial<RecordSpec> = {}): RecordSpec => ({
  topic: 't',
  key: parseJsonText(key),
  value: parseJsonText(value),
  ...extra,
});

describe('encoding inputs', () => {
  it('writes KAFKA keys by their column type, on partition 0 at timestamp 0', () => {
    const int = encodeInput(input('7', 'null'), source(['KAFKA', [INTEGER]], ['JSON', [INTEGER]]));
    expect(int.key).toEqual(Buffer.from([0, 0, 0, 7]));
    expect(int.value).toBeNull();
    expect(int.partition).toBe(0);
    expect(int.timestamp).toBe(0);
    const big = encodeInput(input('-2', 'null'), source(['KAFKA', [BIGINT]], ['JSON', [INTEGER]]));
    expect(big.key).toEqual(Buffer.from([255, 255, 255, 255, 255, 255, 255, 254]));
    const dbl = encodeInput(input('1.5', 'null'), source(['KAFKA', [DOUBLE]], ['JSON', [INTEGER]]));
    expect(dbl.key!.readDoubleBE(0)).toBe(1.5);
    const str = encodeInput(input('"é"', 'null'), source(['KAFKA', [STRING]], ['JSON', [INTEGER]]));
    expect(str.key).toEqual(Buffer.from('é', 'utf8'));
  });

  it('refuses a KAFKA key of the wrong kind, naming it', () => {
    expect(() =>
      encodeInput(input('"0"', 'null'), source(['KAFKA', [BIGINT]], ['JSON', [INTEGER]])),
    ).toThrow(/Failed to serialize key: .*KAFKA BIGINT/);
    expect(() =>
      encodeInput(input('3000000000', 'null'), source(['KAFKA', [INTEGER]], ['JSON', [INTEGER]])),
    ).toThrow(/out of range/);
  });

  it('writes JSON values as given, numbers exact, and DELIMITED values as is', () => {
    const json = encodeInput(
      input('null', '{"v": 1.50, "B": 12345678901234567890}'),
      source(['NONE', []], ['JSON', [INTEGER]]),
    );
    expect(json.value!.toString()).toBe('{"v":1.50,"B":12345678901234567890}');
    expect(json.key).toBeNull();
    const sr = encodeInput(input('null', '{"A": 1}'), source(['NONE', []], ['JSON_SR', [INTEGER]]));
    expect([...sr.value!.subarray(0, 5)]).toEqual([0, 0, 0, 0, 1]);
    const del = encodeInput(input('null', '"a,1,"'), source(['NONE', []], ['DELIMITED', [STRING]]));
    expect(del.value!.toString()).toBe('a,1,');
  });

  it("writes KAFKA BYTES as the UTF-8 bytes of the given text, as ksqlDB's harness does", () => {
    const rec = encodeInput(input('null', '"IQ=="'), source(['NONE', []], ['KAFKA', [BYTES]]));
    expect(rec.value).toEqual(Buffer.from('IQ=='));
  });

  it('drops the key of a source without key columns (ksqlDB gives it the NONE format)', () => {
    expect(
      encodeInput(input('"ignored"', '{}'), source(['KAFKA', []], ['JSON', [INTEGER]])).key,
    ).toBeNull();
  });

  it('writes windowed keys in the time and session windowed formats', () => {
    const window = { start: 10, end: 20, type: 'time' as const };
    const time = encodeInput(
      input('1', 'null', { window }),
      source(['KAFKA', [INTEGER]], ['JSON', []], { type: 'tumbling', sizeMs: 10 }),
    );
    expect([...time.key!]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 10]);
    const session = encodeInput(
      input('1', 'null', { window: { ...window, type: 'session' } }),
      source(['KAFKA', [INTEGER]], ['JSON', []], { type: 'session' }),
    );
    expect([...session.key!]).toEqual([
      0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 10,
    ]);
  });

  it('passes headers as bytes and reports unsupported formats as unsupported', () => {
    const rec = encodeInput(
      input('null', '{}', { headers: [{ key: 'h', value: 'IQ==' }] }),
      source(['NONE', []], ['JSON', []]),
    );
    expect(rec.headers).toEqual([{ key: 'h', value: Buffer.from('!') }]);
    expect(() => encodeInput(input('null', '{}'), source(['NONE', []], ['AVRO', []]))).toThrow(
      UnsupportedError,
    );
  });
});

describe('decoding outputs', () => {
  it('reads records back in their QTT shapes', () => {
    const s = source(['KAFKA', [BIGINT]], ['JSON', [INTEGER]], { type: 'hopping', sizeMs: 5 });
    const key = Buffer.concat([
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 9]),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 100]),
    ]);
    const out = decodeOutput(
      { topic: 't', key, value: Buffer.from('{"V0":1.0}'), timestamp: 3, headers: [] },
      s,
    );
    expect(jsonText(out.key)).toBe('9');
    expect(jsonText(out.value)).toBe('{"V0":1.0}');
    expect(out.window).toEqual({ start: 100, end: 105, type: 'time' });
    expect(out.timestamp).toBe(3);
  });

  it('reads KAFKA doubles, DELIMITED strings and tombstones', () => {
    const d = Buffer.alloc(8);
    d.writeDoubleBE(0.1);
    const kafka = decodeOutput(
      { topic: 't', key: null, value: d, timestamp: 0, headers: [] },
      source(['NONE', []], ['KAFKA', [DOUBLE]]),
    );
    expect(jsonText(kafka.value)).toBe('0.1');
    const del = decodeOutput(
      { topic: 't', key: Buffer.from('a'), value: null, timestamp: 0, headers: [] },
      source(['DELIMITED', [STRING]], ['DELIMITED', [STRING]]),
    );
    expect(del.key).toBe('a');
    expect(del.value).toBeNull();
  });

  it('says which side could not be read', () => {
    expect(() =>
      decodeOutput(
        { topic: 't', key: null, value: Buffer.from('{'), timestamp: 0, headers: [] },
        source(['NONE', []], ['JSON', []]),
      ),
    ).toThrow(/Failed to deserialize value/);
  });
});
