/**
 * The KAFKA format as ksqlDB's test harness writes and reads it (KafkaSerdeSupplier): one column,
 * its bytes those of Kafka's Integer, Long, Double, String or ByteBuffer serializer according to
 * the column's type. In JSON a value is a number or a string; a BYTES value is a string whose
 * UTF-8 bytes are written as they are (the harness does not decode base64 here).
 */
import type { SqlType } from '../common/sql-types.js';
import { formatType } from '../common/sql-types.js';
import { isJsonNumber, jsonNumber, type JsonValue } from './json-text.js';

type KafkaKind = 'int32' | 'int64' | 'float64' | 'string';

function kindOf(type: SqlType): KafkaKind {
  switch (type.base) {
    case 'INTEGER':
      return 'int32';
    case 'BIGINT':
      return 'int64';
    case 'DOUBLE':
      return 'float64';
    case 'STRING':
    case 'BYTES':
      return 'string';
    default:
      throw new Error(`the KAFKA format does not support ${formatType(type)}`);
  }
}

/** Bytes of a JSON value as the column's KAFKA type; null stays null. */
export function encodeKafka(value: JsonValue, type: SqlType): Buffer | null {
  if (value === null) return null;
  const kind = kindOf(type);
  if (kind === 'string') {
    if (typeof value === 'string') return Buffer.from(value, 'utf8');
    if (isJsonNumber(value)) return Buffer.from(value.toString(), 'utf8');
    throw new Error(`cannot write ${JSON.stringify(value)} as a KAFKA STRING`);
  }
  if (!isJsonNumber(value)) {
    throw new Error(
      `cannot write ${JSON.stringify(value)} as a KAFKA ${formatType(type)}: expected a number`,
    );
  }
  const text = value.toString();
  if (kind === 'float64') {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(Number(text));
    return b;
  }
  if (!/^-?\d+$/.test(text)) {
    throw new Error(`cannot write ${text} as a KAFKA ${formatType(type)}: expected a whole number`);
  }
  if (kind === 'int32') {
    const n = Number(text);
    if (n < -2147483648 || n > 2147483647) {
      throw new Error(`cannot write ${text} as a KAFKA ${formatType(type)}: out of range`);
    }
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  }
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt.asIntN(64, BigInt(text)));
  return b;
}

/** The JSON value of KAFKA bytes of the column's type; null bytes are null. */
export function decodeKafka(bytes: Buffer | null, type: SqlType): JsonValue {
  if (bytes === null) return null;
  const kind = kindOf(type);
  if (kind === 'string') return bytes.toString('utf8');
  const size = kind === 'int32' ? 4 : 8;
  if (bytes.length !== size) {
    throw new Error(`expected ${size} bytes for a KAFKA ${formatType(type)}, got ${bytes.length}`);
  }
  if (kind === 'int32') return jsonNumber(bytes.readInt32BE(0));
  if (kind === 'int64') return jsonNumber(bytes.readBigInt64BE(0));
  const d = bytes.readDoubleBE(0);
  return Number.isFinite(d) ? jsonNumber(javaDoubleText(d)) : String(d);
}

/** A finite double as JSON number text (JavaScript's shortest round-trip form). */
function javaDoubleText(d: number): string {
  return Object.is(d, -0) ? '-0.0' : String(d);
}
