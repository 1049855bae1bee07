/**
 * The four signatures EARLIEST_BY_OFFSET and LATEST_BY_OFFSET share: (col), (col, ignoreNulls),
 * (col, n) and (col, n, ignoreNulls), with n and ignoreNulls literals and ignoreNulls true unless
 * given.
 */
import type { AggregateImplementation, AggregateSignature, CallSite } from '../../../definition.js';
import { literalBoolean, literalInt } from './call-site.js';

/** ksqlDB keeps each value with its offset sequence: STRUCT<SEQ, VAL> (a list of them for N). */
const ONE = 'STRUCT<SEQ BIGINT, VAL T>';
const MANY = 'ARRAY<STRUCT<SEQ BIGINT, VAL T>>';

export function byOffsetSignatures(
  name: string,
  word: 'earliest' | 'latest',
  one: (ignoreNulls: boolean) => AggregateImplementation,
  many: (n: number, ignoreNulls: boolean) => AggregateImplementation,
): AggregateSignature[] {
  const ignoreNullsAt = (site: CallSite, index: number): boolean =>
    site.argTypes.length > index ? literalBoolean(site, index, name) : true;
  const single = `return the ${word} value of a column`;
  const several = `return the ${word} N values of a column`;
  return [
    {
      params: ['T'],
      returns: 'T',
      intermediate: ONE,
      description: single,
      create: () => one(true),
    },
    {
      params: ['T', 'BOOLEAN'],
      returns: 'T',
      intermediate: ONE,
      description: single,
      create: (site) => one(ignoreNullsAt(site, 1)),
    },
    {
      params: ['T', 'INT'],
      returns: 'ARRAY<T>',
      intermediate: MANY,
      description: several,
      create: (site) => many(literalInt(site, 1, name), true),
    },
    {
      params: ['T', 'INT', 'BOOLEAN'],
      returns: 'ARRAY<T>',
      intermediate: MANY,
      description: several,
      create: (site) => many(literalInt(site, 1, name), ignoreNullsAt(site, 2)),
    },
  ];
}
