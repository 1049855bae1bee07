/**
 * The SQL types ksqlDB's comparable aggregates (MIN, MAX, TOPK, TOPKDISTINCT) accept, and the
 * check for call sites that bind a generic parameter.
 */
import { formatType, type SqlType } from '../../../../common/sql-types.js';
import { AnalysisError } from '../../../../common/errors.js';

/** Type patterns, in ksqlDB's order of UDAF factories. */
export const COMPARABLE_TYPES = [
  'INT',
  'BIGINT',
  'DOUBLE',
  'DECIMAL',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'STRING',
  'BYTES',
] as const;

const COMPARABLE_BASES: ReadonlySet<string> = new Set([
  'INTEGER',
  'BIGINT',
  'DOUBLE',
  'DECIMAL',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'STRING',
  'BYTES',
]);

export function requireComparable(
  functionName: string,
  type: SqlType,
  argTypes: readonly (SqlType | null)[],
): void {
  if (COMPARABLE_BASES.has(type.base)) return;
  const shown = argTypes.map((t) => (t ? formatType(t) : 'NULL')).join(', ');
  throw new AnalysisError(`Function '${functionName}' does not accept parameters (${shown}).`);
}
