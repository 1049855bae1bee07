/**
 * JSON functions (ksqlDB's udf/json): EXTRACTJSONFIELD, JSON_ARRAY_CONTAINS, JSON_ARRAY_LENGTH,
 * JSON_CONCAT, JSON_ITEMS, JSON_KEYS, JSON_RECORDS, IS_JSON_STRING. TO_JSON_STRING is in
 * to-json-string.ts. Text that is not JSON fails the call (IS_JSON_STRING and
 * JSON_ARRAY_CONTAINS answer false instead), as in ksqlDB.
 */
import { ExecutionError } from '../../common/errors.js';
import type { CallSite, FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { sizedHashMap } from './util/java-hash-map.js';
import { JsonNumber, JsonReader, parseJson, writeJson, type JsonValue } from './util/json-tree.js';
import { jsonPathTokens } from './util/json-path.js';

type Str = string | null;
type JsonMap = ReadonlyMap<string, JsonValue>;

function parse(text: string): JsonValue | undefined {
  try {
    return parseJson(text);
  } catch (error) {
    throw new ExecutionError(`Invalid JSON format:${text}. ${(error as Error).message}`);
  }
}

function isObject(value: JsonValue | undefined): value is JsonMap {
  return value instanceof Map;
}

/** JsonNode.asText() for strings, toString() for anything else. */
function text(value: JsonValue): string {
  return typeof value === 'string' ? value : writeJson(value);
}

function extract(site: CallSite) {
  let lastPath: string | undefined;
  let tokens: readonly string[] = [];
  const literal = site.literals[1];
  if (typeof literal === 'string') {
    try {
      tokens = jsonPathTokens(literal);
      lastPath = literal;
    } catch {
      // reported by each call
    }
  }
  return (input: Str, path: Str): Str => {
    if (input === null || path === null) return null;
    if (path !== lastPath) {
      tokens = jsonPathTokens(path);
      lastPath = path;
    }
    let node = parse(input);
    if (node === undefined) return tokens.length === 0 ? '' : null;
    for (const token of tokens) {
      if (Array.isArray(node)) {
        if (!/^[+-]?\d+$/.test(token)) return null;
        const index = Number(token);
        node =
          index >= 0 && index < node.length ? (node as readonly JsonValue[])[index] : undefined;
      } else {
        node = isObject(node) ? node.get(token) : undefined;
      }
      if (node === undefined) return null;
    }
    return text(node);
  };
}

/** JSON_ARRAY_CONTAINS: streams the array, so what follows a match is never read. */
function contains(site: CallSite) {
  const type = site.argTypes[1]?.base;
  const matches = (element: JsonValue, value: unknown): boolean | 'fail' => {
    if (value === null) return element === null;
    if (element instanceof JsonNumber) {
      if (element.isInteger && (type === 'INTEGER' || type === 'BIGINT')) {
        const parsed = BigInt(element.text);
        const limit = type === 'INTEGER' ? 2n ** 31n : 2n ** 63n;
        if (parsed < -limit || parsed >= limit) return 'fail';
        return type === 'INTEGER' ? Number(parsed) === value : parsed === value;
      }
      return !element.isInteger && type === 'DOUBLE' && Object.is(Number(element.text), value);
    }
    if (typeof element === 'string') return type === 'STRING' && element === value;
    if (typeof element === 'boolean') return type === 'BOOLEAN' && element === value;
    return false;
  };
  return (json: Str, value: unknown): boolean => {
    if (json === null) return false;
    const reader = new JsonReader(json);
    try {
      if (reader.peek() !== '[') return false;
      reader.pos++;
      if (reader.peek() === ']') return false;
      for (;;) {
        const result = matches(reader.value(), value);
        if (result === 'fail') return false;
        if (result) return true;
        const next = reader.peek();
        reader.pos++;
        if (next !== ',') return false;
      }
    } catch {
      return false;
    }
  };
}

function concat(...inputs: Str[]): Str {
  const nodes: JsonValue[] = [];
  for (const input of inputs) {
    if (input === null) return null;
    const node = parse(input);
    if (node === undefined) return null;
    nodes.push(node);
  }
  if (nodes.length === 0) throw new ExecutionError('JSON_CONCAT needs at least one argument');
  if (nodes.length === 1) return writeJson(nodes[0]!, true);
  if (nodes.every(isObject)) {
    return writeJson(new Map(nodes.flatMap((n) => [...(n as JsonMap)])), true);
  }
  return writeJson(
    nodes.flatMap((n) => (Array.isArray(n) ? (n as readonly JsonValue[]) : [n])),
    true,
  );
}

function items(input: Str): string[] | null {
  if (input === null) return null;
  const node = parse(input);
  if (node === null)
    throw new ExecutionError(`Invalid JSON format:${input}. The JSON value is null`);
  if (!Array.isArray(node)) {
    throw new ExecutionError(`Invalid JSON format:${input}. The JSON value is not an array`);
  }
  return (node as readonly JsonValue[]).map((n) => writeJson(n));
}

function keys(input: Str): string[] | null {
  if (input === null) return null;
  const node = parse(input);
  return isObject(node) ? [...node.keys()] : null;
}

function records(input: Str): Map<string, string> | null {
  if (input === null) return null;
  const node = parse(input);
  if (!isObject(node)) return null;
  return sizedHashMap(new Map([...node].map(([k, v]) => [k, text(v)])), node.size);
}

function arrayLength(input: Str): number | null {
  if (input === null) return null;
  const node = parse(input);
  return Array.isArray(node) ? (node as readonly JsonValue[]).length : null;
}

function isJsonString(input: Str): boolean {
  if (input === null) return false;
  try {
    return parseJson(input) !== undefined;
  } catch {
    return false;
  }
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'extractjsonfield',
    Category.JSON,
    'Given a STRING that contains JSON data, extract the value at the specified  JSONPath or NULL if the specified path does not exist.',
    [{ params: ['STRING input', 'STRING path'], returns: 'STRING', create: extract }],
  ),
  scalar(
    'JSON_ARRAY_CONTAINS',
    Category.JSON,
    'Parses a JSON array and determines whether or not the supplied value is contained within the array.',
    [{ params: ['STRING jsonArray', 'T val'], returns: 'BOOLEAN', create: contains }],
  ),
  scalar(
    'JSON_ARRAY_LENGTH',
    Category.JSON,
    "Given a string, parses it as a JSON value and returns the length of the top-level array. Returns NULL if the string can't be interpreted as a JSON array, for example, when the string is `NULL` or it does not contain valid JSON, or the JSON value is not an array.",
    [{ params: ['STRING jsonArray'], returns: 'INT', impl: arrayLength }],
  ),
  scalar(
    'JSON_CONCAT',
    Category.JSON,
    'Given N strings, parse them as JSON values and return a string representing their concatenation.',
    [{ params: ['STRING jsonStrings'], variadic: true, returns: 'STRING', impl: concat }],
  ),
  scalar(
    'JSON_ITEMS',
    Category.JSON,
    'Given a string with JSON array, converts it to a ksqlDB array of JSON strings.',
    [{ params: ['STRING jsonItems'], returns: 'ARRAY<STRING>', impl: items }],
  ),
  scalar(
    'JSON_KEYS',
    Category.JSON,
    'Given a string, parses it as a JSON object and returns a ksqlDB array of strings representing the top-level keys.',
    [{ params: ['STRING jsonObj'], returns: 'ARRAY<STRING>', impl: keys }],
  ),
  scalar(
    'JSON_RECORDS',
    Category.JSON,
    'Given a string, parses it as a JSON object and returns a map representing the top-level keys and values.',
    [{ params: ['STRING jsonObj'], returns: 'MAP<STRING, STRING>', impl: records }],
  ),
  scalar(
    'IS_JSON_STRING',
    Category.JSON,
    'Given a string, returns true if it can be parsed as a valid JSON value, false otherwise.',
    [{ params: ['STRING input'], returns: 'BOOLEAN', impl: isJsonString }],
  ),
];
