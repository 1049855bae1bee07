/**
 * The KAFKA format: one column written with Kafka's own serializers, byte for byte. INTEGER is
 * IntegerSerializer (4 bytes big-endian), BIGINT LongSerializer (8 bytes), DOUBLE DoubleSerializer
 * (8-byte IEEE 754), STRING StringSerializer (UTF-8), BYTES as they are. A null value is null
 * bytes; bytes of the wrong size are refused with the Kafka deserializer's message.
 */
import type { SqlType } from '../common/sql-types.js';
import { rowLengthError } from './row-errors.js';
import { SerdeError, type Serde, type SerdeOptions } from './serde.js';

interface Primitive {
  write(value: unknown): Buffer;
  /** Returns the value, or the reason the bytes do not hold one. */
  read(bytes: Buffer): unknown;
}

class SizeError {
  constructor(readonly reason: string) {}
}

function sized(
  name: string,
  size: number,
  read: (bytes: Buffer) => unknown,
): (b: Buffer) => unknown {
  const error = new SizeError(`Size of data received by ${name} is not ${size}`);
  return (bytes) => (bytes.length === size ? read(bytes) : error);
}

const PRIMITIVES: Partial<Record<SqlType['base'], Primitive>> = {
  INTEGER: {
    write(value) {
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(value as number);
      return b;
    },
    read: sized('IntegerDeserializer', 4, (b) => b.readInt32BE(0)),
  },
  BIGINT: {
    write(value) {
      const b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(typeof value === 'bigint' ? value : BigInt(value as number));
      return b;
    },
    read: sized('LongDeserializer', 8, (b) => b.readBigInt64BE(0)),
  },
  DOUBLE: {
    write(value) {
      const b = Buffer.allocUnsafe(8);
      b.writeDoubleBE(value as number);
      return b;
    },
    read: sized('DoubleDeserializer', 8, (b) => b.readDoubleBE(0)),
  },
  STRING: {
    write: (value) => Buffer.from(value as string, 'utf8'),
    read: (b) => b.toString('utf8'),
  },
  BYTES: {
    write: (value) => value as Buffer,
    read: (b) => Buffer.from(b),
  },
};

/** Whether the KAFKA format can hold a column of this type. */
export function kafkaSupportsType(type: SqlType): boolean {
  return PRIMITIVES[type.base] !== undefined;
}

/** The KAFKA serde for one column of a supported type (validated by checkFormatSupports). */
export function createKafkaSerde(type: SqlType, options: SerdeOptions): Serde {
  const primitive = PRIMITIVES[type.base]!;
  const topic = options.topic ?? '';
  return {
    serialize(row) {
      if (row === null) return null;
      if (row.length !== 1) throw rowLengthError(1, row.length, topic);
      const value = row[0];
      return value === null || value === undefined ? null : primitive.write(value);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      const value = primitive.read(bytes);
      if (value instanceof SizeError) {
        throw new SerdeError(`Error deserializing KAFKA message from topic: ${topic}`, [
          value.reason,
        ]);
      }
      return [value];
    },
  };
}
