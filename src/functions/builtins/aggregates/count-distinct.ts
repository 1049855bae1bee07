/**
 * COUNT_DISTINCT(col): the approximate number of distinct non-null values, a BIGINT, with
 * ksqlDB's own estimator (HyperLogLog, 2^14 registers, stream-lib's MurmurHash) so results match
 * ksqlDB's, including its approximation: exact in practice for small groups (a few hundred values),
 * within about 1% beyond. Values are hashed as stream-lib hashes ksqlDB's Java objects (see
 * support/java-text.ts for the types it hashes by their text). Stream-only (no undo); merge.
 */
import type { SqlType } from '../../../common/sql-types.js';
import type { CallSite } from '../../definition.js';
import { argType } from './support/call-site.js';
import { aggregateFunction, implement, isNull } from './support/define.js';
import {
  cardinality,
  emptyRegisters,
  mergeRegisters,
  offerHash,
  registersFromState,
  registersToState,
  type Registers,
} from './support/hyperloglog.js';
import { javaText } from './support/java-text.js';
import {
  murmurHashBigInt,
  murmurHashBytes,
  murmurHashDouble,
  murmurHashLong,
  murmurHashString,
} from './support/murmur-hash.js';

/** `MurmurHash.hash(Object)` of the Java object ksqlDB holds for a value of `type`. */
export function hashOf(type: SqlType): (value: unknown) => number {
  switch (type.base) {
    case 'INTEGER':
      return (value) => murmurHashLong(value as number, (value as number) < 0 ? -1 : 0);
    case 'BIGINT':
      return (value) => murmurHashBigInt(value as bigint);
    case 'DOUBLE':
      return (value) => murmurHashDouble(value as number);
    case 'STRING':
      return (value) => murmurHashString(value as string);
    case 'BYTES':
      return (value) => murmurHashBytes(value as Uint8Array);
    default:
      return (value) => murmurHashString(javaText(value, type));
  }
}

function countDistinct(site: CallSite) {
  const hash = hashOf(argType(site, 0));
  return implement<Registers>({
    init: emptyRegisters,
    add: (acc, [v]) => (isNull(v) ? acc : offerHash(acc, hash(v))),
    merge: mergeRegisters,
    result: cardinality,
    toState: registersToState,
    fromState: registersFromState,
  });
}

export const countDistinctFunction = aggregateFunction(
  'COUNT_DISTINCT',
  'This function returns the number of items found in a group. The implementation is ' +
    'probabilistic with a typical accuracy (standard error) of less than 1%.',
  [{ params: ['T'], returns: 'BIGINT', intermediate: 'ARRAY<INT>', create: countDistinct }],
);
