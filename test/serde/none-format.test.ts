import { describe, expect, it } from 'vitest';

import { INTEGER, STRING } from '../../src/common/sql-types.js';
import { createSerde } from '../../src/serde/create-serde.js';

describe('NONE format', () => {
  it('writes null and reads any bytes as null', () => {
    const serde = createSerde('NONE', [], 'key');
    expect(serde.serialize([])).toBeNull();
    expect(serde.serialize(null)).toBeNull();
    expect(serde.deserialize(Buffer.from('anything'))).toBeNull();
    expect(serde.deserialize(null)).toBeNull();
  });

  it('refuses columns', () => {
    expect(() => createSerde('NONE', [{ name: 'K', type: STRING }], 'key')).toThrow(
      "The 'NONE' format can only be used when no columns are defined. Got: [`K` STRING KEY]",
    );
    expect(() => createSerde('NONE', [{ name: 'FOO', type: INTEGER }], 'value')).toThrow(
      "The 'NONE' format can only be used when no columns are defined. Got: [`FOO` INTEGER]",
    );
  });
});
