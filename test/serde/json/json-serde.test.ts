import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';

import {
  BIGINT,
  BOOLEAN,
  BYTES,
  DATE,
  DOUBLE,
  INTEGER,
  STRING,
  TIME,
  TIMESTAMP,
  arrayType,
  decimalType,
  mapType,
  structType,
} from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import { SerdeError, type SerdeColumn } from '../../../src/serde/serde.js';

const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));
const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

const ORDER: SerdeColumn[] = [
  { name: 'ID', type: BIGINT },
  { name: 'ITEM', type: STRING },
  { name: 'PRICE', type: decimalType(6, 2) },
  { name: 'UNITS', type: DOUBLE },
  { name: 'TAGS', type: arrayType(STRING) },
  { name: 'ATTRS', type: mapType(STRING, INTEGER) },
  {
    name: 'ADDR',
    type: structType([
      { name: 'City', type: STRING },
      { name: 'ZIP', type: INTEGER },
    ]),
  },
];

describe('JSON rows', () => {
  it('writes values as an object keyed by column name, nulls included', () => {
    const serde = createSerde('JSON', ORDER, 'value');
    const row = [
      9223372036854775807n,
      'a "quoted"\nitem',
      new Decimal('10.10'),
      2,
      ['x', null],
      new Map([['k', 1]]),
      { City: 'Zürich', ZIP: null },
    ];
    expect(text(serde.serialize(row))).toBe(
      '{"ID":9223372036854775807,"ITEM":"a \\"quoted\\"\\nitem","PRICE":10.10,"UNITS":2.0,' +
        '"TAGS":["x",null],"ATTRS":{"k":1},"ADDR":{"City":"Zürich","ZIP":null}}',
    );
    expect(serde.deserialize(serde.serialize(row))).toEqual(row);
  });

  it('keeps BIGINT exact at both ends of its range', () => {
    const serde = createSerde('JSON', [{ name: 'V', type: BIGINT }], 'value');
    for (const v of [9223372036854775807n, -9223372036854775808n, 0n, -1n]) {
      const written = serde.serialize([v]);
      expect(text(written)).toBe(`{"V":${v}}`);
      expect(serde.deserialize(written)).toEqual([v]);
    }
  });

  it('reads fields case-insensitively as ksqlDB does, ignoring extra fields', () => {
    const serde = createSerde(
      'JSON',
      [
        { name: 'FOO', type: INTEGER },
        { name: 'camel', type: INTEGER },
        { name: 'BAR', type: STRING },
      ],
      'value',
    );
    expect(serde.deserialize(bytes('{"foo": 10, "camel": 1, "extra": true}'))).toEqual([
      10,
      1,
      null,
    ]);
    expect(serde.deserialize(bytes('{"Foo": 10, "CAMEL": 1}'))).toEqual([10, null, null]);
  });

  it('maps a null row to null bytes and JSON null to a null row', () => {
    const serde = createSerde('JSON', ORDER, 'value');
    expect(serde.serialize(null)).toBeNull();
    expect(serde.deserialize(null)).toBeNull();
    expect(serde.deserialize(bytes('null'))).toBeNull();
  });

  it('writes a single value column wrapped unless WRAP_SINGLE_VALUE is false', () => {
    const columns = [{ name: 'V', type: BOOLEAN }];
    const wrapped = createSerde('JSON', columns, 'value');
    expect(text(wrapped.serialize([true]))).toBe('{"V":true}');
    expect(text(wrapped.serialize([null]))).toBe('{"V":null}');
    const bare = createSerde('JSON', columns, 'value', { wrapSingleValue: false });
    expect(text(bare.serialize([true]))).toBe('true');
    expect(bare.serialize([null])).toBeNull();
    expect(bare.deserialize(bytes('false'))).toEqual([false]);
    expect(bare.deserialize(bytes('null'))).toEqual([null]);
  });

  it('writes a single key column bare and several key columns as an object', () => {
    const single = createSerde(
      'JSON',
      [{ name: 'K', type: structType([{ name: 'F', type: DOUBLE }]) }],
      'key',
    );
    expect(single.deserialize(bytes('{"f": 45.67}'))).toEqual([{ F: 45.67 }]);
    expect(text(single.serialize([{ F: 45.67 }]))).toBe('{"F":45.67}');
    const multi = createSerde(
      'JSON',
      [
        { name: 'K1', type: STRING },
        { name: 'K2', type: STRING },
      ],
      'key',
    );
    expect(text(multi.serialize(['foo', 'bar']))).toBe('{"K1":"foo","K2":"bar"}');
    expect(createSerde('JSON', [], 'key').serialize([])).toBeNull();
  });

  it('writes each type as ksqlDB does', () => {
    const write = (type: SerdeColumn['type'], value: unknown): string | null =>
      text(
        createSerde('JSON', [{ name: 'V', type }], 'value', { wrapSingleValue: false }).serialize([
          value,
        ]),
      );
    expect(write(DOUBLE, 1e7)).toBe('1.0E7');
    expect(write(DOUBLE, 9876.54321)).toBe('9876.54321');
    expect(write(DOUBLE, NaN)).toBe('"NaN"');
    expect(write(decimalType(4, 2), new Decimal('99.9'))).toBe('99.90');
    expect(write(decimalType(10, 8), new Decimal('0'))).toBe('0E-8');
    expect(write(decimalType(6, 4), new Decimal('-0.5'))).toBe('-0.5000');
    expect(write(BYTES, Buffer.from([123]))).toBe('"ew=="');
    expect(write(TIMESTAMP, 1511897796092)).toBe('1511897796092');
    expect(write(DATE, 18718)).toBe('18718');
    expect(write(TIME, 3723000)).toBe('3723000');
    expect(write(STRING, '\u0001\t')).toBe('"\\u0001\\t"');
    expect(write(mapType(STRING, DOUBLE), new Map([['b', 76.54]]))).toBe('{"b":76.54}');
  });

  it('words failures as ksqlDB does, with the topic and the path', () => {
    const serde = createSerde('JSON', ORDER, 'value', { topic: 'orders' });
    const cases: [string, string][] = [
      [
        '{"id": true}',
        "Failed to deserialize value from topic: orders. Can't convert type. sourceType: BooleanNode, requiredType: BIGINT, path: $.ID",
      ],
      [
        '[1]',
        "Failed to deserialize value from topic: orders. Can't convert type. sourceType: ArrayNode, requiredType: STRUCT<ID BIGINT, ITEM VARCHAR, PRICE DECIMAL(6, 2), UNITS DOUBLE, TAGS ARRAY<VARCHAR>, ATTRS MAP<VARCHAR, INT>, ADDR STRUCT<City VARCHAR, ZIP INT>>, path: $",
      ],
      [
        '{"addr": {"zip": "x"}}',
        "Failed to deserialize value from topic: orders. Can't coerce string to type. targetType: INTEGER, path: $.ADDR.ZIP",
      ],
      [
        '{bad json',
        "Failed to deserialize value from topic: orders. Unexpected character ('b' (code 98)): was expecting double-quote to start field name",
      ],
    ];
    for (const [json, message] of cases) {
      expect(
        messageOf(() => serde.deserialize(bytes(json))),
        json,
      ).toBe(message);
    }
    const keySerde = createSerde('JSON', [{ name: 'K', type: INTEGER }], 'key', { topic: 't' });
    expect(() => keySerde.deserialize(bytes('"x"'))).toThrow(
      "Failed to deserialize key from topic: t. Can't coerce string to type. targetType: INTEGER, path: $",
    );
    expect(() => serde.serialize([1n])).toThrow(
      'Column count mismatch on serialization. topic: orders, expected: 7, got: 1',
    );
  });

  it('refuses maps with non-STRING keys', () => {
    expect(() =>
      createSerde('JSON', [{ name: 'M', type: mapType(INTEGER, DOUBLE) }], 'value'),
    ).toThrow('reason: JSON only supports MAP types with STRING keys');
  });
});

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SerdeError);
    return (e as SerdeError).message;
  }
  throw new Error('expected a SerdeError');
}
