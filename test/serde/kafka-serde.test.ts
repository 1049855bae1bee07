import { describe, expect, it } from 'vitest';

import { AnalysisError } from '../../src/common/errors.js';
import { BIGINT, BOOLEAN, BYTES, DOUBLE, INTEGER, STRING } from '../../src/common/sql-types.js';
import { createSerde } from '../../src/serde/create-serde.js';
import { SerdeError, type SerdeColumn } from '../../src/serde/serde.js';

const col = (type: SerdeColumn['type']): SerdeColumn[] => [{ name: 'V', type }];
const hex = (s: string): Buffer => Buffer.from(s.replaceAll(' ', ''), 'hex');

describe('KAFKA format', () => {
  it('writes INTEGER as IntegerSerializer does: 4 bytes big-endian', () => {
    const serde = createSerde('KAFKA', col(INTEGER), 'value');
    expect(serde.serialize([1])).toEqual(hex('00 00 00 01'));
    expect(serde.serialize([-1])).toEqual(hex('ff ff ff ff'));
    expect(serde.serialize([2147483647])).toEqual(hex('7f ff ff ff'));
    expect(serde.serialize([-2147483648])).toEqual(hex('80 00 00 00'));
    expect(serde.serialize([258])).toEqual(hex('00 00 01 02'));
    expect(serde.deserialize(hex('80 00 00 00'))).toEqual([-2147483648]);
  });

  it('writes BIGINT as LongSerializer does: 8 bytes big-endian', () => {
    const serde = createSerde('KAFKA', col(BIGINT), 'key');
    expect(serde.serialize([9223372036854775807n])).toEqual(hex('7f ff ff ff ff ff ff ff'));
    expect(serde.serialize([-9223372036854775808n])).toEqual(hex('80 00 00 00 00 00 00 00'));
    expect(serde.serialize([1n])).toEqual(hex('00 00 00 00 00 00 00 01'));
    expect(serde.deserialize(hex('ff ff ff ff ff ff ff fe'))).toEqual([-2n]);
    expect(serde.deserialize(hex('7f ff ff ff ff ff ff ff'))).toEqual([9223372036854775807n]);
  });

  it('writes DOUBLE as DoubleSerializer does: IEEE 754 bits big-endian', () => {
    const serde = createSerde('KAFKA', col(DOUBLE), 'value');
    expect(serde.serialize([1.0])).toEqual(hex('3f f0 00 00 00 00 00 00'));
    expect(serde.serialize([2.2])).toEqual(hex('40 01 99 99 99 99 99 9a'));
    expect(serde.serialize([-0])).toEqual(hex('80 00 00 00 00 00 00 00'));
    expect(serde.serialize([NaN])).toEqual(hex('7f f8 00 00 00 00 00 00'));
    expect(serde.deserialize(hex('40 01 99 99 99 99 99 9a'))).toEqual([2.2]);
  });

  it('writes STRING as UTF-8 and BYTES as they are', () => {
    const strings = createSerde('KAFKA', col(STRING), 'value');
    expect(strings.serialize(['é€'])).toEqual(hex('c3 a9 e2 82 ac'));
    expect(strings.deserialize(hex('c3 a9 e2 82 ac'))).toEqual(['é€']);
    expect(strings.deserialize(Buffer.alloc(0))).toEqual(['']);
    const bytes = createSerde('KAFKA', col(BYTES), 'value');
    expect(bytes.serialize([hex('00 ff')])).toEqual(hex('00 ff'));
    expect(bytes.deserialize(hex('01 02'))).toEqual([hex('01 02')]);
  });

  it('maps null values and null bytes to each other', () => {
    const serde = createSerde('KAFKA', col(INTEGER), 'value');
    expect(serde.serialize(null)).toBeNull();
    expect(serde.serialize([null])).toBeNull();
    expect(serde.deserialize(null)).toBeNull();
  });

  it('refuses bytes of the wrong size with the Kafka deserializer message', () => {
    const ints = createSerde('KAFKA', col(INTEGER), 'value', { topic: 't' });
    const err = catchError(() => ints.deserialize(hex('00 01')));
    expect(err).toBeInstanceOf(SerdeError);
    expect(err.message).toBe('Error deserializing KAFKA message from topic: t');
    expect((err as SerdeError).causes).toEqual([
      'Size of data received by IntegerDeserializer is not 4',
    ]);
    const longs = createSerde('KAFKA', col(BIGINT), 'value');
    expect((catchError(() => longs.deserialize(hex('00'))) as SerdeError).causes).toEqual([
      'Size of data received by LongDeserializer is not 8',
    ]);
    const doubles = createSerde('KAFKA', col(DOUBLE), 'value');
    expect((catchError(() => doubles.deserialize(Buffer.alloc(4))) as SerdeError).causes).toEqual([
      'Size of data received by DoubleDeserializer is not 8',
    ]);
  });

  it('reads and writes nothing without columns', () => {
    const serde = createSerde('KAFKA', [], 'key');
    expect(serde.serialize([])).toBeNull();
    expect(serde.deserialize(hex('01 02 03'))).toBeNull();
  });

  it('refuses several columns and types it cannot hold', () => {
    expect(() =>
      createSerde(
        'KAFKA',
        [
          { name: 'K1', type: INTEGER },
          { name: 'K2', type: INTEGER },
        ],
        'key',
      ),
    ).toThrow(
      "Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[`K1` INTEGER KEY, `K2` INTEGER KEY], features=[]}\nreason: The 'KAFKA' format only supports a single field. Got: [`K1` INTEGER KEY, `K2` INTEGER KEY]",
    );
    expect(() => createSerde('KAFKA', [{ name: 'K', type: BOOLEAN }], 'key')).toThrow(
      "reason: The 'KAFKA' format does not support type 'BOOLEAN'",
    );
    expect(() => createSerde('KAFKA', col(BOOLEAN), 'value')).toThrow(AnalysisError);
  });
});

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
