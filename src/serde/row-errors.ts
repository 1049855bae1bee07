/**
 * Row-level failures worded as ksqlDB words them, shared by the formats: a row whose length is not
 * the column count (SerdeUtils.throwOnColumnCountMismatch).
 */
import { SerdeError } from './serde.js';

/** The reason ksqlDB gives when a row has `got` values for `expected` columns. */
export function columnCountMismatch(
  expected: number,
  got: number,
  serialization: boolean,
  topic: string,
): string {
  const op = serialization ? 'serialization' : 'deserialization';
  return `Column count mismatch on ${op}. topic: ${topic}, expected: ${expected}, got: ${got}`;
}

/** A row to serialize whose length is not the column count. */
export function rowLengthError(expected: number, got: number, topic: string): SerdeError {
  const reason = columnCountMismatch(expected, got, true, topic);
  return new SerdeError(reason, [reason]);
}
