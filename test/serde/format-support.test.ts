import { describe, expect, it } from 'vitest';

import { AnalysisError } from '../../src/common/errors.js';
import {
  BOOLEAN,
  BYTES,
  DATE,
  INTEGER,
  STRING,
  TIMESTAMP,
  arrayType,
  decimalType,
  mapType,
  structType,
} from '../../src/common/sql-types.js';
import { checkFormatSupports } from '../../src/serde/format-support.js';

describe('checkFormatSupports', () => {
  it('accepts what each format can hold', () => {
    expect(() => checkFormatSupports('KAFKA', [{ name: 'K', type: BYTES }], 'key')).not.toThrow();
    expect(() => checkFormatSupports('KAFKA', [], 'key')).not.toThrow();
    expect(() =>
      checkFormatSupports(
        'DELIMITED',
        [
          { name: 'D', type: DATE },
          { name: 'T', type: TIMESTAMP },
        ],
        'value',
      ),
    ).not.toThrow();
    expect(() =>
      checkFormatSupports(
        'JSON',
        [{ name: 'M', type: arrayType(mapType(STRING, INTEGER)) }],
        'value',
      ),
    ).not.toThrow();
  });

  it("refuses types with ksqlDB's key and value wording", () => {
    expect(() =>
      checkFormatSupports('KAFKA', [{ name: 'K', type: decimalType(21, 19) }], 'key'),
    ).toThrow(
      "Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[`K` DECIMAL(21, 19) KEY], features=[]}\nreason: The 'KAFKA' format does not support type 'DECIMAL'",
    );
    expect(() =>
      checkFormatSupports('KAFKA', [{ name: 'FOO', type: arrayType(INTEGER) }], 'value'),
    ).toThrow(
      "Value format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[`FOO` ARRAY<INTEGER>], features=[]}\nreason: The 'KAFKA' format does not support type 'ARRAY'",
    );
    expect(() =>
      checkFormatSupports(
        'JSON',
        [{ name: 'K', type: structType([{ name: 'F', type: mapType(INTEGER, BOOLEAN) }]) }],
        'key',
      ),
    ).toThrow(
      'Key format does not support schema.\nformat: JSON\nschema: Persistence{columns=[`K` STRUCT<`F` MAP<INTEGER, BOOLEAN>> KEY], features=[UNWRAP_SINGLES]}\nreason: JSON only supports MAP types with STRING keys',
    );
    expect(() =>
      checkFormatSupports('JSON', [{ name: 'M', type: mapType(INTEGER, STRING) }], 'value'),
    ).toThrow('features=[WRAP_SINGLES]}');
  });

  it('checks WRAP_SINGLE_VALUE against the format and the column count', () => {
    const one = [{ name: 'FOO', type: INTEGER }];
    expect(() => checkFormatSupports('KAFKA', one, 'value', { wrapSingleValue: true })).toThrow(
      new AnalysisError("Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'."),
    );
    expect(() => checkFormatSupports('DELIMITED', one, 'value', { wrapSingleValue: true })).toThrow(
      "Format 'DELIMITED' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
    );
    expect(() =>
      checkFormatSupports('KAFKA', one, 'value', { wrapSingleValue: false }),
    ).not.toThrow();
    expect(() =>
      checkFormatSupports('JSON', [...one, { name: 'BAR', type: STRING }], 'value', {
        wrapSingleValue: false,
      }),
    ).toThrow("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas");
  });

  it('refuses what the schema-registry formats cannot hold, with their messages', () => {
    const intKeyMap = [{ name: 'M', type: mapType(INTEGER, STRING) }];
    expect(() => checkFormatSupports('AVRO', intKeyMap, 'value')).toThrow(
      'reason: Avro only supports MAPs with STRING keys',
    );
    expect(() => checkFormatSupports('PROTOBUF', intKeyMap, 'value')).toThrow(
      'reason: PROTOBUF format only supports MAP types with STRING keys',
    );
    expect(() => checkFormatSupports('JSON_SR', intKeyMap, 'value')).toThrow(
      'reason: JSON only supports MAP types with STRING keys',
    );
    expect(() => checkFormatSupports('AVRO', [{ name: '1X', type: STRING }], 'value')).toThrow(
      'reason: Schema is not compatible with Avro: Illegal initial character: 1X',
    );
    expect(() =>
      checkFormatSupports('PROTOBUF_NOSR', [{ name: 'V', type: STRING }], 'value'),
    ).not.toThrow();
  });
});

describe('checkFormatSupports on options', () => {
  it('refuses a DELIMITED delimiter that is the quote character, as commons-csv does', () => {
    expect(() =>
      checkFormatSupports('DELIMITED', [{ name: 'V', type: STRING }], 'value', { delimiter: '"' }),
    ).toThrow("reason: The quoteChar character and the delimiter cannot be the same ('\"')");
  });
});
