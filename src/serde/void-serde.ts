/**
 * The serde for a side without columns (the NONE format, or a key-less source in any format), as
 * ksqlDB's KsqlVoidSerde: it writes null and reads any bytes as null without looking at them.
 */
import type { Serde } from './serde.js';

export const VOID_SERDE: Serde = {
  serialize: () => null,
  deserialize: () => null,
};
