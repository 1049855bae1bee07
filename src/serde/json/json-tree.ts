/**
 * The JSON tree that ksqlDB's JSON deserializer coerces from, as Jackson builds it: numbers keep
 * their text (Jackson reads floats as exact BigDecimals), objects keep key order with the last of
 * duplicate keys winning, and empty input is a MissingNode. Also names each value by its Jackson
 * node class, which ksqlDB's error messages print (`sourceType: TextNode`).
 */

/**
 * A number token that a JS number cannot hold exactly or whose text matters: every float token,
 * and integer tokens of more than 15 digits. Shorter integer tokens are plain JS numbers.
 */
export class JsonNumber {
  constructor(
    readonly text: string,
    readonly integral: boolean,
  ) {}
}

export type JsonObject = Map<string, JsonValue>;

export type JsonValue = null | boolean | string | number | JsonNumber | JsonValue[] | JsonObject;

/** What Jackson's `readTree` returns for empty input. */
export const MISSING_NODE: unique symbol = Symbol('MissingNode');

export type JsonRoot = JsonValue | typeof MISSING_NODE;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** The Jackson node class holding `value`, as ksqlDB names it in coercion errors. */
export function jacksonNodeType(value: JsonRoot | undefined): string {
  if (value === null || value === undefined) return 'NullNode';
  if (value === MISSING_NODE) return 'MissingNode';
  switch (typeof value) {
    case 'boolean':
      return 'BooleanNode';
    case 'string':
      return 'TextNode';
    case 'number':
      return value >= INT_MIN && value <= INT_MAX ? 'IntNode' : 'LongNode';
    default:
      break;
  }
  if (value instanceof JsonNumber) {
    if (!value.integral) return 'DecimalNode';
    const big = BigInt(value.text);
    return big >= LONG_MIN && big <= LONG_MAX ? 'LongNode' : 'BigIntegerNode';
  }
  return Array.isArray(value) ? 'ArrayNode' : 'ObjectNode';
}
