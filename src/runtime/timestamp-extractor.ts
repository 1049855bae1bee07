/**
 * TIMESTAMP='col' (and TIMESTAMP_FORMAT): the record's event time from a column, as ksqlDB's
 * timestamp extractors. A null or unparseable timestamp is an error for the processing log, or
 * for the query with `ksql.timestamp.throw.on.invalid` (the source decides).
 */
import type { SqlType } from '../common/sql-types.js';
import type { FunctionRegistry } from '../functions/types.js';

export type TimestampExtractor = (row: readonly unknown[]) => number;

/**
 * An extracted timestamp below zero. Kafka Streams skips such a record rather than failing,
 * even when `ksql.timestamp.throw.on.invalid` makes extraction errors fatal.
 */
export class NegativeTimestampError extends Error {}

export function timestampExtractor(
  type: SqlType,
  index: number,
  format: string | undefined,
  functions: FunctionRegistry,
): TimestampExtractor {
  const check = (ts: number): number => {
    if (!Number.isFinite(ts) || ts < 0) {
      throw new NegativeTimestampError(
        `Invalid timestamp ${ts} in column at position ${index}: timestamps must be >= 0`,
      );
    }
    return ts;
  };
  switch (type.base) {
    case 'BIGINT':
      return (row) => {
        const v = row[index];
        if (v === null) throw new Error('The timestamp column is null');
        return check(Number(v));
      };
    case 'TIMESTAMP':
      return (row) => {
        const v = row[index];
        if (v === null) throw new Error('The timestamp column is null');
        return check(v as number);
      };
    case 'STRING': {
      const parse = functions.resolveScalar('PARSE_TIMESTAMP', [
        { kind: 'value', type: { base: 'STRING' } },
        { kind: 'value', type: { base: 'STRING' }, literal: { value: format ?? '' } },
      ]).invoke;
      return (row) => {
        const v = row[index];
        if (v === null) throw new Error('The timestamp column is null');
        const ts = parse(v, format) as number | null;
        if (ts === null)
          throw new Error(`Cannot parse timestamp '${String(v)}' with format '${format}'`);
        return check(ts);
      };
    }
    default:
      throw new Error(`Timestamp column of type ${type.base} is not supported`);
  }
}
