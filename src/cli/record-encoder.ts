/**
 * Lines of `{"key":…,"value":…,"timestamp":…,"partition":…,"headers":{…}}` as records, for
 * `topic produce`. Formats: KAFKA (the value as a UTF-8 string, as Kafka's StringSerializer),
 * KAFKA_INT, KAFKA_BIGINT, KAFKA_DOUBLE (Kafka's Integer/Long/DoubleSerializer bytes), JSON (the
 * JSON value as text, numbers kept exactly), DELIMITED (a string written as is), NONE (no bytes).
 */
import {
  parse as parseLossless,
  stringify as stringifyLossless,
  isLosslessNumber,
} from 'lossless-json';
import type { ProducerRecord } from '../log/log.js';
import { UsageError } from './args.js';

/** Turns the JSON value of a line's `key` or `value` into the record's bytes. */
export type Encoder = (value: unknown) => Buffer | null;

const BIG_DIGITS = /\d{16,}/;

export function recordEncoder(
  keyFormat: string,
  valueFormat: string,
): (line: string) => ProducerRecord {
  return lineEncoder(encoderFor(keyFormat.toUpperCase()), encoderFor(valueFormat.toUpperCase()));
}

/** Lines as records, their key and value turned into bytes by `key` and `value`. */
export function lineEncoder(key: Encoder, value: Encoder): (line: string) => ProducerRecord {
  return (line) => {
    const parsed = (BIG_DIGITS.test(line) ? parseLossless(line) : JSON.parse(line)) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(
        'each line must be a JSON object like {"key": …, "value": …, "timestamp": …}',
      );
    }
    const r = parsed as Record<string, unknown>;
    const timestamp = r.timestamp === undefined ? Date.now() : Number(String(r.timestamp));
    const headers =
      r.headers && typeof r.headers === 'object'
        ? Object.entries(r.headers as Record<string, unknown>).map(([k, v]) => ({
            key: k,
            value: v === null ? null : Buffer.from(String(v), 'utf8'),
          }))
        : [];
    return {
      key: key(r.key ?? null),
      value: value(r.value ?? null),
      timestamp,
      headers,
      ...(r.partition !== undefined ? { partition: Number(String(r.partition)) } : {}),
    };
  };
}

function encoderFor(format: string): Encoder {
  switch (format) {
    case 'KAFKA':
      return (v) =>
        v === null ? null : Buffer.from(isLosslessNumber(v) ? v.toString() : String(v), 'utf8');
    case 'KAFKA_BIGINT':
      return (v) => (v === null ? null : bigEndian64(BigInt(String(v))));
    case 'KAFKA_INT':
      return (v) => {
        if (v === null) return null;
        const b = Buffer.alloc(4);
        b.writeInt32BE(Number(String(v)));
        return b;
      };
    case 'KAFKA_DOUBLE':
      return (v) => (v === null ? null : doubleBytes(Number(String(v))));
    case 'JSON':
      return (v) => (v === null ? null : Buffer.from(stringifyLossless(v) ?? 'null', 'utf8'));
    case 'DELIMITED':
      return (v) => (v === null ? null : Buffer.from(String(v), 'utf8'));
    case 'NONE':
      return () => null;
    default:
      throw new UsageError(
        `unknown format ${format}: use KAFKA, KAFKA_INT, KAFKA_BIGINT, KAFKA_DOUBLE, JSON, DELIMITED or NONE`,
      );
  }
}

function bigEndian64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt.asIntN(64, n));
  return b;
}

function doubleBytes(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
}
