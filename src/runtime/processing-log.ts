/**
 * The processing log: a stream (KSQL_PROCESSING_LOG, as ksqlDB's) of records that could not be
 * read, evaluated or written, with the topic, partition, offset and reason, so a bad record
 * never stops a query and is never silently lost.
 */
import type { Column } from '../common/schema.js';
import { arrayType, BIGINT, INTEGER, STRING, structType } from '../common/sql-types.js';
import type { Origin } from './record.js';
import type { ProcessingErrorKind, RawRecord } from './task-context.js';

export const PROCESSING_LOG_STREAM = 'KSQL_PROCESSING_LOG';
export const PROCESSING_LOG_TOPIC = 'default_ksql_processing_log';

const ARRAY_OF_STRING = arrayType(STRING);

const ERROR_FIELDS = [
  { name: 'ERRORMESSAGE', type: STRING },
  { name: 'CAUSE', type: ARRAY_OF_STRING },
  { name: 'TOPIC', type: STRING },
  { name: 'PARTITION', type: INTEGER },
  { name: 'OFFSET', type: BIGINT },
];

/** The value columns of the processing log stream. */
export const PROCESSING_LOG_COLUMNS: readonly Column[] = [
  { name: 'LOGGER', type: STRING, namespace: 'value' },
  { name: 'LEVEL', type: STRING, namespace: 'value' },
  { name: 'TIME', type: BIGINT, namespace: 'value' },
  {
    name: 'MESSAGE',
    namespace: 'value',
    type: structType([
      { name: 'TYPE', type: INTEGER },
      {
        name: 'DESERIALIZATIONERROR',
        type: structType([
          { name: 'TARGET', type: STRING },
          ...ERROR_FIELDS,
          { name: 'RECORDB64', type: STRING },
        ]),
      },
      {
        name: 'RECORDPROCESSINGERROR',
        type: structType([...ERROR_FIELDS, { name: 'RECORD', type: STRING }]),
      },
      {
        name: 'SERIALIZATIONERROR',
        type: structType([
          { name: 'TARGET', type: STRING },
          ...ERROR_FIELDS,
          { name: 'RECORD', type: STRING },
        ]),
      },
    ]),
  },
];

/** ksqlDB's MESSAGE.TYPE codes. */
const TYPE_CODE = { deserialization: 0, processing: 1, serialization: 3 } as const;

export interface ProcessingLogEntry {
  readonly row: unknown[];
  readonly timestamp: number;
  readonly summary: string;
}

export function processingLogEntry(
  queryId: string,
  origin: Origin,
  error: unknown,
  where: ProcessingErrorKind,
  raw: RawRecord | undefined,
  now: number,
): ProcessingLogEntry {
  const message = error instanceof Error ? error.message : String(error);
  const cause = causes(error);
  const common = {
    ERRORMESSAGE: message,
    CAUSE: cause,
    TOPIC: origin.topic,
    PARTITION: origin.partition,
    OFFSET: BigInt(origin.offset),
  };
  const msg = {
    TYPE: TYPE_CODE[where.kind],
    DESERIALIZATIONERROR:
      where.kind === 'deserialization'
        ? {
            TARGET: where.target,
            ...common,
            RECORDB64: raw?.bytes ? raw.bytes.toString('base64') : null,
          }
        : null,
    RECORDPROCESSINGERROR: where.kind === 'processing' ? { ...common, RECORD: null } : null,
    SERIALIZATIONERROR:
      where.kind === 'serialization' ? { TARGET: where.target, ...common, RECORD: null } : null,
  };
  const logger = `processing.${queryId}.${where.kind === 'processing' ? where.operator : where.kind}`;
  return {
    row: [logger, 'ERROR', BigInt(now), msg],
    timestamp: now,
    summary: `${origin.topic}/${origin.partition}@${origin.offset}: ${where.kind === 'deserialization' ? `cannot read ${where.target}` : where.kind === 'serialization' ? `cannot write ${where.target}` : 'cannot evaluate'}: ${message}`,
  };
}

function causes(error: unknown): string[] {
  const out: string[] = [];
  let e: unknown = error instanceof Error ? error.cause : undefined;
  while (e instanceof Error && out.length < 10) {
    out.push(e.message);
    e = e.cause;
  }
  return out;
}
