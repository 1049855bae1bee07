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
  structType,
  type SqlType,
} from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import { SerdeError, type SerdeColumn } from '../../../src/serde/serde.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');
const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

const ORDER: SerdeColumn[] = [
  { name: 'ORDERTIME', type: BIGINT },
  { name: 'ORDERID', type: BIGINT },
  { name: 'ITEMID', type: STRING },
  { name: 'ORDERUNITS', type: DOUBLE },
  { name: 'COST', type: decimalType(4, 2) },
  { name: 'TIME', type: TIME },
  { name: 'DATE', type: DATE },
  { name: 'TIMESTAMP', type: TIMESTAMP },
  { name: 'BYTES', type: BYTES },
];

function single(type: SqlType): ReturnType<typeof createSerde> {
  return createSerde('DELIMITED', [{ name: 'V', type }], 'value', { topic: 't' });
}

function failure(f: () => unknown): SerdeError {
  try {
    f();
  } catch (e) {
    if (e instanceof SerdeError) return e;
    throw e;
  }
  throw new Error('expected a SerdeError');
}

describe('DELIMITED rows', () => {
  it('reads every primitive type as ksqlDB does', () => {
    const serde = createSerde('DELIMITED', ORDER, 'value');
    expect(
      serde.deserialize(bytes('1511897796092,1,item_1,10.0,10.10,100,10,100,ew==\r\n')),
    ).toEqual([
      1511897796092n,
      1n,
      'item_1',
      10,
      new Decimal('10.10'),
      100,
      10,
      100,
      Buffer.from([123]),
    ]);
  });

  it('reads empty fields as null whatever the type', () => {
    const serde = createSerde('DELIMITED', ORDER, 'value');
    expect(serde.deserialize(bytes('1511897796092,1,,,,,,,\r\n'))).toEqual([
      1511897796092n,
      1n,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(single(STRING).deserialize(bytes('""'))).toEqual([null]);
  });

  it('writes values with Java text and commons-csv quoting', () => {
    const serde = createSerde('DELIMITED', ORDER, 'value');
    const row = [-5n, 1n, 'a,b', 10, new Decimal('10.10'), 100, 10, 100, Buffer.from([123])];
    expect(text(serde.serialize(row))).toBe('"-5",1,"a,b",10.0,10.10,100,10,100,ew==');
    expect(serde.deserialize(serde.serialize(row))).toEqual(row);
    expect(text(serde.serialize([null, null, null, null, null, null, null, null, null]))).toBe(
      ',,,,,,,,',
    );
    expect(serde.serialize(null)).toBeNull();
  });

  it('writes DECIMAL plainly at its scale and reads it back', () => {
    const serde = single(decimalType(33, 16));
    expect(text(serde.serialize([new Decimal('0.12')]))).toBe('0.1200000000000000');
    expect(text(serde.serialize([new Decimal('-12345.12')]))).toBe('"-12345.1200000000000000"');
    expect(serde.deserialize(bytes('.12'))).toEqual([new Decimal('0.12')]);
    expect(serde.deserialize(bytes('"-12345.12"'))).toEqual([new Decimal('-12345.12')]);
    expect(failure(() => single(decimalType(4, 2)).deserialize(bytes('1.234'))).causes).toEqual([
      "Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding.",
    ]);
  });

  it('uses the configured delimiter', () => {
    const columns: SerdeColumn[] = [
      { name: 'ID', type: BIGINT },
      { name: 'NAME', type: STRING },
      { name: 'VALUE', type: INTEGER },
    ];
    const tabs = createSerde('DELIMITED', columns, 'value', { delimiter: '\t' });
    expect(tabs.deserialize(bytes('0\tzero\t0'))).toEqual([0n, 'zero', 0]);
    expect(text(tabs.serialize([100n, 'a b', 5]))).toBe('100\ta b\t5');
    const dollars = createSerde('DELIMITED', columns, 'value', { delimiter: '$' });
    expect(text(dollars.serialize([0n, 'zero', 0]))).toBe('0$zero$0');
  });

  it('reads BOOLEAN as Boolean.parseBoolean: true in any case, anything else false', () => {
    const serde = single(BOOLEAN);
    expect(serde.deserialize(bytes('TRUE'))).toEqual([true]);
    expect(serde.deserialize(bytes('yes'))).toEqual([false]);
  });

  it('refuses bytes that do not fit, with ksqlDB messages', () => {
    const serde = createSerde('DELIMITED', ORDER, 'value', { topic: 't' });
    const tooFew = failure(() => serde.deserialize(bytes('1511897796092,1,item_1,\r\n')));
    expect(tooFew.message).toBe('Error deserializing delimited');
    expect(tooFew.causes).toEqual([
      'Column count mismatch on deserialization. topic: t, expected: 9, got: 4',
    ]);
    expect(failure(() => serde.deserialize(bytes(''))).causes).toEqual(['No fields in record']);
    expect(failure(() => single(INTEGER).deserialize(bytes('abc'))).causes).toEqual([
      'For input string: "abc"',
    ]);
    expect(failure(() => single(TIME).deserialize(bytes('-5'))).causes).toEqual([
      'Time values must use number of milliseconds greater than 0 and less than 86400000.',
    ]);
    expect(failure(() => single(BYTES).deserialize(bytes('a'))).causes).toEqual([
      'Value is not a valid Base64 encoded string: a',
    ]);
    expect(failure(() => single(STRING).deserialize(bytes('"abc'))).causes).toEqual([
      '(startline 1) EOF reached before encapsulated token finished',
    ]);
  });

  it('refuses complex types', () => {
    expect(() => createSerde('DELIMITED', [{ name: 'K', type: arrayType(DOUBLE) }], 'key')).toThrow(
      "Key format does not support schema.\nformat: DELIMITED\nschema: Persistence{columns=[`K` ARRAY<DOUBLE> KEY], features=[]}\nreason: The 'DELIMITED' format does not support type 'ARRAY', column: `K`",
    );
    expect(() =>
      createSerde(
        'DELIMITED',
        [{ name: 'S', type: structType([{ name: 'F', type: DOUBLE }]) }],
        'value',
      ),
    ).toThrow("The 'DELIMITED' format does not support type 'STRUCT', column: `S`");
  });
});
