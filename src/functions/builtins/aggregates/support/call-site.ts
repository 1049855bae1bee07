/**
 * What an aggregate reads from its call site: argument types, the literal constants ksqlDB
 * requires for parameters such as TOPK's k, and per-query settings.
 *
 * Settings: ksqlDB configures COLLECT_LIST and COLLECT_SET from the query's properties
 * (`ksql.functions.collect_list.limit`). The call site is read for an optional `properties` map
 * of those settings; when the registry does not pass one, ksqlDB's defaults apply.
 */
import type { SqlType } from '../../../../common/sql-types.js';
import { AnalysisError, InternalError } from '../../../../common/errors.js';
import type { CallSite } from '../../../definition.js';

/** A call site that may carry the query's `ksql.*` properties. */
export interface ConfiguredCallSite extends CallSite {
  readonly properties?: Readonly<Record<string, unknown>>;
}

export function argType(site: CallSite, index: number): SqlType {
  const type = site.argTypes[index];
  if (!type) throw new InternalError(`aggregate argument ${index + 1} has no type`);
  return type;
}

function literal(site: CallSite, index: number, functionName: string): unknown {
  const value = site.literals[index];
  if (value === undefined) {
    const text = site.texts?.[index];
    throw new AnalysisError(
      `Parameter ${index + 1} passed to function ${functionName} must be a literal constant` +
        (text === undefined ? '' : `, but was expression: '${text}'`),
    );
  }
  return value;
}

export function literalInt(site: CallSite, index: number, functionName: string): number {
  const value = literal(site, index, functionName);
  if (typeof value === 'bigint') return Number(BigInt.asIntN(32, value));
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new AnalysisError(
    `Parameter ${index + 1} passed to function ${functionName} must be an INTEGER literal`,
  );
}

export function literalBoolean(site: CallSite, index: number, functionName: string): boolean {
  const value = literal(site, index, functionName);
  if (typeof value === 'boolean') return value;
  throw new AnalysisError(
    `Parameter ${index + 1} passed to function ${functionName} must be a BOOLEAN literal`,
  );
}

/**
 * A size limit setting, read as ksqlDB's `Configurable` UDAFs do: a number or numeric string;
 * absent or negative means no limit.
 */
export function limitSetting(site: CallSite, key: string): number {
  const raw = (site as ConfiguredCallSite).properties?.[key];
  const limit =
    typeof raw === 'number' || typeof raw === 'bigint'
      ? Number(raw)
      : typeof raw === 'string'
        ? Number.parseInt(raw, 10)
        : Number.NaN;
  return Number.isNaN(limit) || limit < 0 ? Number.POSITIVE_INFINITY : Math.trunc(limit);
}
