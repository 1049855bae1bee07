import { describe, expect, it } from 'vitest';

import { AnalysisError } from '../../src/common/errors.js';
import { resolveFormats } from '../../src/serde/format-properties.js';

describe('resolveFormats', () => {
  it('defaults the key format to KAFKA', () => {
    expect(resolveFormats({ KAFKA_TOPIC: 't', VALUE_FORMAT: 'json' })).toEqual({
      key: { format: 'KAFKA', options: {} },
      value: { format: 'JSON', options: {} },
    });
  });

  it('lets FORMAT set both sides, with property names in any case', () => {
    expect(
      resolveFormats({ format: 'DELIMITED', key_delimiter: ';', value_delimiter: '-' }),
    ).toEqual({
      key: { format: 'DELIMITED', options: { delimiter: ';' } },
      value: { format: 'DELIMITED', options: { delimiter: '-' } },
    });
  });

  it('resolves TAB and SPACE delimiters and WRAP_SINGLE_VALUE', () => {
    expect(
      resolveFormats({ VALUE_FORMAT: 'DELIMITED', VALUE_DELIMITER: 'TAB' }).value.options,
    ).toEqual({
      delimiter: '\t',
    });
    expect(
      resolveFormats({ VALUE_FORMAT: 'DELIMITED', VALUE_DELIMITER: 'SPACE' }).value.options,
    ).toEqual({
      delimiter: ' ',
    });
    expect(
      resolveFormats({ VALUE_FORMAT: 'JSON', WRAP_SINGLE_VALUE: false }).value.options,
    ).toEqual({
      wrapSingleValue: false,
    });
    expect(
      resolveFormats({ VALUE_FORMAT: 'JSON', WRAP_SINGLE_VALUE: 'TRUE' }).value.options,
    ).toEqual({
      wrapSingleValue: true,
    });
  });

  it('falls back to the given defaults, keeping their delimiter', () => {
    const defaults = {
      keyFormat: 'JSON' as const,
      valueFormat: 'DELIMITED' as const,
      valueOptions: { delimiter: '|' },
    };
    expect(resolveFormats({}, defaults)).toEqual({
      key: { format: 'JSON', options: {} },
      value: { format: 'DELIMITED', options: { delimiter: '|' } },
    });
    expect(resolveFormats({ VALUE_DELIMITER: '$' }, defaults).value.options).toEqual({
      delimiter: '$',
    });
    expect(resolveFormats({ VALUE_FORMAT: 'JSON' }, defaults).value).toEqual({
      format: 'JSON',
      options: {},
    });
  });

  it('refuses what ksqlDB refuses, with its messages', () => {
    const cases: [Record<string, string | number | boolean>, string][] = [
      [
        { FORMAT: 'JSON', KEY_FORMAT: 'KAFKA' },
        "Cannot supply both 'KEY_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.",
      ],
      [
        { FORMAT: 'KAFKA', VALUE_FORMAT: 'JSON' },
        "Cannot supply both 'VALUE_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.",
      ],
      [
        { KAFKA_TOPIC: 't' },
        "Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.",
      ],
      [{ VALUE_FORMAT: 'xml' }, 'Unknown format: XML'],
      [
        { VALUE_FORMAT: 'DELIMITED', VALUE_DELIMITER: '<~>' },
        "Failed to prepare statement: Configuration VALUE_DELIMITER is invalid: Invalid delimiter value: '<~>'. Delimiter must be a single character or TAB,SPACE\nExample valid value: ';'",
      ],
      [
        { VALUE_FORMAT: 'DELIMITED', VALUE_DELIMITER: '\t' },
        "Failed to prepare statement: Configuration VALUE_DELIMITER is invalid: Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use the special values 'TAB' or 'SPACE'\nExample valid value: ';'",
      ],
      [
        { VALUE_FORMAT: 'JSON', VALUE_DELIMITER: '|' },
        'JSON does not support the following configs: [delimiter]',
      ],
      [
        { VALUE_FORMAT: 'JSON', KEY_DELIMITER: '|' },
        'KAFKA does not support the following configs: [delimiter]',
      ],
      [
        { VALUE_FORMAT: 'KAFKA', WRAP_SINGLE_VALUE: true },
        "Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
      ],
      [
        { VALUE_FORMAT: 'JSON', WRAP_SINGLE_VALUE: 'yes' },
        'Invalid value yes for property WRAP_SINGLE_VALUE: Expected value to be either true or false',
      ],
      [
        { VALUE_FORMAT: 1 },
        'Invalid value 1 for property VALUE_FORMAT: Expected value to be a string, but it was a java.lang.Integer',
      ],
    ];
    for (const [props, message] of cases) {
      let error: unknown;
      try {
        resolveFormats(props);
      } catch (e) {
        error = e;
      }
      expect(error, message).toBeInstanceOf(AnalysisError);
      expect((error as AnalysisError).message).toBe(message);
    }
  });
});
