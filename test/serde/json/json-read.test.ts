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
  type SqlType,
} from '../../../src/common/sql-types.js';
import { createSerde } from '../../../src/serde/create-serde.js';
import { SerdeError } from '../../../src/serde/serde.js';

/** Reads `json` as an unwrapped single value of `type`. */
function read(type: SqlType, json: string): unknown {
  const serde = createSerde('JSON', [{ name: 'V', type }], 'value', { wrapSingleValue: false });
  return serde.deserialize(Buffer.from(json))![0];
}

function readError(type: SqlType, json: string): SerdeError {
  try {
    read(type, json);
  } catch (e) {
    if (e instanceof SerdeError) return e;
    throw e;
  }
  throw new Error(`expected ${json} to fail`);
}

describe('JSON coercion into SQL types', () => {
  it('reads BOOLEAN only from true and false', () => {
    expect(read(BOOLEAN, 'true')).toBe(true);
    expect(readError(BOOLEAN, '23').causes[1]).toBe(
      "Can't convert type. sourceType: IntNode, requiredType: BOOLEAN",
    );
    expect(readError(BOOLEAN, '"true"').causes[1]).toContain('sourceType: TextNode');
  });

  it('reads INTEGER from numbers (truncated, wrapped) and integer strings', () => {
    expect(read(INTEGER, '41')).toBe(41);
    expect(read(INTEGER, '41.456')).toBe(41);
    expect(read(INTEGER, '"41"')).toBe(41);
    expect(read(INTEGER, '-41.9')).toBe(-41);
    expect(read(INTEGER, '4294967297')).toBe(1);
    expect(readError(INTEGER, '"4.5"').causes[1]).toBe(
      "Can't coerce string to type. targetType: INTEGER",
    );
    expect(readError(INTEGER, 'true').causes[1]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER",
    );
  });

  it('reads BIGINT exactly beyond 2^53', () => {
    expect(read(BIGINT, '9223372036854775807')).toBe(9223372036854775807n);
    expect(read(BIGINT, '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(read(BIGINT, '9007199254740993')).toBe(9007199254740993n);
    expect(read(BIGINT, '"9007199254740993"')).toBe(9007199254740993n);
    expect(read(BIGINT, '42.456')).toBe(42n);
    expect(read(BIGINT, '9223372036854775808')).toBe(-9223372036854775808n);
    expect(readError(BIGINT, '"9223372036854775808"').causes[1]).toBe(
      "Can't coerce string to type. targetType: BIGINT",
    );
  });

  it('reads DOUBLE from numbers and strings Double.parseDouble accepts', () => {
    expect(read(DOUBLE, '42')).toBe(42);
    expect(read(DOUBLE, '1234.589')).toBe(1234.589);
    expect(read(DOUBLE, '"42.000"')).toBe(42);
    expect(read(DOUBLE, '"NaN"')).toBeNaN();
    expect(readError(DOUBLE, '"x"').causes[1]).toBe(
      "Can't coerce string to type. targetType: DOUBLE",
    );
  });

  it('reads anything into STRING as ksqlDB does', () => {
    expect(read(STRING, '"just a string"')).toBe('just a string');
    expect(read(STRING, 'true')).toBe('true');
    expect(read(STRING, '42')).toBe('42');
    expect(read(STRING, '42.000')).toBe('42.000');
    expect(read(STRING, '1e5')).toBe('1E+5');
    expect(read(STRING, '{"json": "object", "n": 1.50, "a": [1, {"b": null}]}')).toBe(
      '{"json":"object","n":1.50,"a":[1,{"b":null}]}',
    );
    expect(read(STRING, '["json", "array", 1, null, ["x"]]')).toBe('[json, array, 1, null, [x]]');
    expect(read(STRING, '')).toBe('');
  });

  it('reads DECIMAL exactly, padding the scale but refusing to round or overflow', () => {
    expect(read(decimalType(20, 19), '1.1234512345123451234')).toEqual(
      new Decimal('1.1234512345123451234'),
    );
    expect(read(decimalType(20, 19), '"1.1234512345123451234"')).toEqual(
      new Decimal('1.1234512345123451234'),
    );
    expect((read(decimalType(4, 3), '1.1') as Decimal).toFixed(3)).toBe('1.100');
    expect(read(decimalType(3, 1), '1E+1')).toEqual(new Decimal(10));
    expect(read(decimalType(4, 2), '12')).toEqual(new Decimal(12));
    expect(readError(decimalType(4, 1), '1.12').causes[1]).toBe(
      "Cannot fit decimal '1.12' into DECIMAL(4, 1) without rounding.",
    );
    expect(readError(decimalType(4, 2), '100.5').causes[1]).toBe(
      'Numeric field overflow: A field with precision 4 and scale 2 must round to an absolute value less than 10^2. Got 100.5',
    );
    expect(readError(decimalType(20, 19), 'true').causes[1]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: DECIMAL(20, 19)",
    );
  });

  it('reads BYTES from base64 strings', () => {
    expect(read(BYTES, '"ew=="')).toEqual(Buffer.from([123]));
    expect(readError(BYTES, '"abc"').causes[1]).toBe(
      'Value is not a valid Base64 encoded string: abc',
    );
    expect(readError(BYTES, '12').causes[1]).toContain('requiredType: BYTES');
  });

  it('reads TIMESTAMP, DATE and TIME from numbers and long strings', () => {
    expect(read(TIMESTAMP, '1511897796092')).toBe(1511897796092);
    expect(read(TIMESTAMP, '"100"')).toBe(100);
    expect(read(DATE, '10')).toBe(10);
    expect(read(TIME, '1000')).toBe(1000);
    expect(readError(TIME, '86400001').causes[1]).toBe(
      'Time values must use number of milliseconds greater than 0 and less than 86400000.',
    );
    expect(readError(TIMESTAMP, 'true').causes[1]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: TIMESTAMP",
    );
    expect(readError(DATE, '"x"').causes[1]).toBe("Can't coerce string to type. targetType: DATE");
  });

  it('reads ARRAY, MAP and STRUCT element by element', () => {
    expect(read(arrayType(BIGINT), '[42, 42.000, "42", null]')).toEqual([42n, 42n, 42n, null]);
    expect(read(mapType(STRING, BIGINT), '{"a": 42, "c": "42"}')).toEqual(
      new Map([
        ['a', 42n],
        ['c', 42n],
      ]),
    );
    const struct = structType([
      { name: 'A', type: DOUBLE },
      { name: 'caseField', type: INTEGER },
      { name: 'MISSING', type: STRING },
    ]);
    expect(read(struct, '{"a": 45.67, "CASEFIELD": 1, "caseField": 2}')).toEqual({
      A: 45.67,
      caseField: 2,
      MISSING: null,
    });
    expect(read(struct, '{"CASEFIELD": 1}')).toEqual({ A: null, caseField: null, MISSING: null });
    expect(readError(arrayType(STRING), 'true').causes[1]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: ARRAY<VARCHAR>",
    );
    expect(readError(mapType(STRING, INTEGER), 'true').causes[1]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: MAP<VARCHAR, INT>",
    );
  });

  it('reports where inside the value a coercion failed', () => {
    expect(readError(arrayType(INTEGER), '[0, "not", "numbers"]').causes[0]).toBe(
      "Can't coerce string to type. targetType: INTEGER, path: $[1]",
    );
    expect(readError(mapType(STRING, INTEGER), '{"a": 1, "b": true}').causes[0]).toBe(
      "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER, path: $.b.value",
    );
    const nested = structType([{ name: 'S', type: structType([{ name: 'X', type: INTEGER }]) }]);
    expect(readError(nested, '{"s": {"x": [1]}}').causes[0]).toBe(
      "Can't convert type. sourceType: ArrayNode, requiredType: INTEGER, path: $.S.X",
    );
    expect(readError(DOUBLE, 'true').causes[0]).toMatch(/, path: \$$/);
  });
});

describe('JSON coercion of extreme numbers', () => {
  it('handles huge exponents without building huge values', () => {
    expect(read(INTEGER, '1e400')).toBe(0);
    expect(read(BIGINT, '-1e-400')).toBe(0n);
    expect(read(DOUBLE, '1e400')).toBe(Infinity);
    expect(readError(decimalType(4, 2), '1e-100000').causes[1]).toBe(
      "Cannot fit decimal '1E-100000' into DECIMAL(4, 2) without rounding.",
    );
  });
});
