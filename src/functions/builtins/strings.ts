/**
 * String functions (ksqlDB's udf/string): CONCAT, CONCAT_WS, LCASE, UCASE, LEN, TRIM, SUBSTRING,
 * REPLACE, INSTR, INITCAP, LPAD, RPAD, CHR, ELT, FIELD, SPLIT, SPLIT_TO_MAP, UUID.
 * Lengths and positions count UTF-16 code units, as Java's String does.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionDefinition } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';
import { defaultHashMap } from './util/java-hash-map.js';
import { substringIndexes, instr, padBytes, splitBytes, unescapeJava } from './util/string-ops.js';

type Str = string | null;
type Int = number | null;
type Bytes = Buffer | null;

const WORDS = /[^ \t\n\v\f\r]+[ \t\n\v\f\r]*/g;

function concatStrings(...inputs: Str[]): string {
  return inputs.filter((s) => s !== null).join('');
}

function concatBytes(...inputs: Bytes[]): Buffer {
  return Buffer.concat(inputs.filter((b): b is Buffer => b !== null));
}

function concatWs(...inputs: Str[]): Str {
  if (inputs.length < 2)
    throw new Error('Function Concat_WS expects at least two input arguments.');
  const [separator, ...rest] = inputs;
  return separator === null || separator === undefined
    ? null
    : rest.filter((s) => s !== null).join(separator);
}

function concatWsBytes(...inputs: Bytes[]): Bytes {
  if (inputs.length < 2)
    throw new Error('Function Concat_WS expects at least two input arguments.');
  const [separator, ...rest] = inputs;
  if (!separator) return null;
  const parts: Buffer[] = [];
  for (const part of rest) {
    if (part === null) continue;
    if (parts.length > 0) parts.push(separator);
    parts.push(part);
  }
  return Buffer.concat(parts);
}

function javaTrim(s: Str): Str {
  if (s === null) return null;
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return s.slice(start, end);
}

function initcap(s: Str): Str {
  if (s === null) return null;
  let out = '';
  for (const [part] of s.toLowerCase().matchAll(WORDS)) {
    out += part.slice(0, 1).toUpperCase() + part.slice(1);
  }
  return out;
}

function lpad(input: Str, length: Int, padding: Str): Str {
  if (input === null || padding === null || padding === '' || length === null || length < 0) {
    return null;
  }
  const padTo = Math.max(length - input.length, 0);
  return (padding.repeat(Math.ceil(padTo / padding.length)).slice(0, padTo) + input).slice(
    0,
    length,
  );
}

function rpad(input: Str, length: Int, padding: Str): Str {
  if (input === null || padding === null || padding === '' || length === null || length < 0) {
    return null;
  }
  const padTo = Math.max(length - input.length, 0);
  return (input + padding.repeat(Math.ceil(padTo / padding.length))).slice(0, length);
}

function chrCode(code: Int): Str {
  return code === null || code < 0 || code > 0x10ffff ? null : String.fromCodePoint(code);
}

function chrText(code: Str): Str {
  return code === null || code.length < 6 || !code.startsWith('\\u') ? null : unescapeJava(code);
}

function splitString(s: Str, delimiter: Str): string[] | null {
  if (s === null || delimiter === null) return null;
  if (delimiter === '') return s === '' ? [''] : s.split('');
  return s.split(delimiter);
}

function splitToMap(input: Str, entryDelimiter: Str, kvDelimiter: Str): Map<string, string> | null {
  if (input === null || entryDelimiter === null || kvDelimiter === null) return null;
  if (entryDelimiter === '' || kvDelimiter === '' || entryDelimiter === kvDelimiter) return null;
  const result = new Map<string, string>();
  for (const entry of input.split(entryDelimiter)) {
    if (entry === '' || !entry.includes(kvDelimiter)) continue;
    const [key, value] = entry.split(kvDelimiter) as [string, string];
    result.set(key, value);
  }
  return defaultHashMap(result);
}

function uuidOf(bytes: Bytes): Str {
  if (bytes === null || bytes.length !== 16) return null;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'concat',
    Category.STRING,
    'Concatenate an arbitrary number of string or bytes fields together',
    [
      { params: ['STRING inputs'], variadic: true, returns: 'STRING', impl: concatStrings },
      { params: ['BYTES inputs'], variadic: true, returns: 'BYTES', impl: concatBytes },
    ],
  ),
  scalar(
    'concat_ws',
    Category.STRING,
    'Concatenate several strings or bytes, inserting a separator passed as the first argument between each one.',
    [
      { params: ['STRING inputs'], variadic: true, returns: 'STRING', impl: concatWs },
      { params: ['BYTES inputs'], variadic: true, returns: 'BYTES', impl: concatWsBytes },
    ],
  ),
  scalar('lcase', Category.STRING, 'Converts a string to lower case.', [
    {
      params: ['STRING input'],
      returns: 'STRING',
      impl: (s: Str) => (s === null ? null : s.toLowerCase()),
    },
  ]),
  scalar('ucase', Category.STRING, 'Converts a string to upper case.', [
    {
      params: ['STRING input'],
      returns: 'STRING',
      impl: (s: Str) => (s === null ? null : s.toUpperCase()),
    },
  ]),
  scalar('len', Category.STRING, 'Returns the length of the input string or byte array.', [
    { params: ['STRING input'], returns: 'INT', impl: (s: Str) => (s === null ? null : s.length) },
    { params: ['BYTES input'], returns: 'INT', impl: (b: Bytes) => (b === null ? null : b.length) },
  ]),
  scalar('trim', Category.STRING, 'Remove whitespace from the beginning and end of a string.', [
    { params: ['STRING input'], returns: 'STRING', impl: javaTrim },
  ]),
  scalar(
    'substring',
    Category.STRING,
    'Returns the portion of the string or bytes passed in value.',
    [
      {
        params: ['STRING str', 'INT pos'],
        returns: 'STRING',
        impl: (s: Str, pos: Int) =>
          s === null || pos === null ? null : s.slice(...substringIndexes(s.length, pos)),
      },
      {
        params: ['STRING str', 'INT pos', 'INT length'],
        returns: 'STRING',
        impl: (s: Str, pos: Int, len: Int) =>
          s === null || pos === null || len === null
            ? null
            : s.slice(...substringIndexes(s.length, pos, len)),
      },
      {
        params: ['BYTES bytes', 'INT pos'],
        returns: 'BYTES',
        impl: (b: Bytes, pos: Int) =>
          b === null || pos === null
            ? null
            : Buffer.from(b.subarray(...substringIndexes(b.length, pos))),
      },
      {
        params: ['BYTES bytes', 'INT pos', 'INT length'],
        returns: 'BYTES',
        impl: (b: Bytes, pos: Int, len: Int) =>
          b === null || pos === null || len === null
            ? null
            : Buffer.from(b.subarray(...substringIndexes(b.length, pos, len))),
      },
    ],
  ),
  scalar(
    'replace',
    Category.STRING,
    'Replaces all occurances of a substring in a string with a new substring.',
    [
      {
        params: ['STRING str', 'STRING oldStr', 'STRING newStr'],
        returns: 'STRING',
        impl: (s: Str, from: Str, to: Str) =>
          s === null || from === null || to === null ? null : s.replaceAll(from, () => to),
      },
    ],
  ),
  scalar('instr', Category.STRING, 'Returns the position of substring in the provided string', [
    {
      params: ['STRING str', 'STRING substring'],
      returns: 'INT',
      impl: (s: Str, sub: Str) => instr(s, sub, 1, 1),
    },
    {
      params: ['STRING str', 'STRING substring', 'INT position'],
      returns: 'INT',
      impl: (s: Str, sub: Str, pos: Int) => instr(s, sub, primitive(pos, 'INSTR'), 1),
    },
    {
      params: ['STRING str', 'STRING substring', 'INT position', 'INT occurrence'],
      returns: 'INT',
      impl: (s: Str, sub: Str, pos: Int, nth: Int) =>
        instr(s, sub, primitive(pos, 'INSTR'), primitive(nth, 'INSTR')),
    },
  ]),
  scalar(
    'initcap',
    Category.STRING,
    'Capitalizes the first letter of each word in a string and the rest lowercased. Words are delimited by whitespace.',
    [{ params: ['STRING str'], returns: 'STRING', impl: initcap }],
  ),
  scalar(
    'LPad',
    Category.STRING,
    'Pads the input string or bytes, starting from the beginning, with the specified padding until the target length is reached.',
    [
      {
        params: ['STRING input', 'INT targetLen', 'STRING padding'],
        returns: 'STRING',
        impl: lpad,
      },
      {
        params: ['BYTES input', 'INT targetLen', 'BYTES padding'],
        returns: 'BYTES',
        impl: (b: Bytes, n: Int, p: Bytes) => padBytes(b, n, p, true),
      },
    ],
  ),
  scalar(
    'RPad',
    Category.STRING,
    'Pads the input string or bytes, starting from the end, with the specified padding until the target length is reached.',
    [
      {
        params: ['STRING input', 'INT targetLen', 'STRING padding'],
        returns: 'STRING',
        impl: rpad,
      },
      {
        params: ['BYTES input', 'INT targetLen', 'BYTES padding'],
        returns: 'BYTES',
        impl: (b: Bytes, n: Int, p: Bytes) => padBytes(b, n, p, false),
      },
    ],
  ),
  scalar(
    'Chr',
    Category.STRING,
    'Returns a single-character string corresponding to the input character code.',
    [
      { params: ['INT decimalCode'], returns: 'STRING', impl: chrCode },
      { params: ['STRING utf16Code'], returns: 'STRING', impl: chrText },
    ],
  ),
  scalar(
    'elt',
    Category.STRING,
    'ELT() returns the Nth element of the list of strings. Returns NULL if N is less than 1 or greater than the number of arguments.',
    [
      {
        params: ['INT n', 'STRING args'],
        variadic: true,
        returns: 'STRING',
        impl: (n: Int, ...args: Str[]) => {
          const index = primitive(n, 'ELT');
          return index < 1 || index > args.length ? null : args[index - 1]!;
        },
      },
    ],
  ),
  scalar(
    'field',
    Category.STRING,
    'Returns the position (1-indexed) of str in args, or 0 if not found.',
    [
      {
        params: ['STRING str', 'STRING args'],
        variadic: true,
        returns: 'INT',
        impl: (s: Str, ...args: Str[]) => (s === null ? 0 : args.indexOf(s) + 1),
      },
    ],
  ),
  scalar(
    'split',
    Category.STRING,
    'Splits a string or bytes into an array of substrings or bytes based on a delimiter.',
    [
      {
        params: ['STRING string', 'STRING delimiter'],
        returns: 'ARRAY<STRING>',
        impl: splitString,
      },
      { params: ['BYTES bytes', 'BYTES delimiter'], returns: 'ARRAY<BYTES>', impl: splitBytes },
    ],
  ),
  scalar(
    'split_to_map',
    Category.STRING,
    'Splits a string into key-value pairs and creates a map from them.',
    [
      {
        params: ['STRING input', 'STRING entryDelimiter', 'STRING kvDelimiter'],
        returns: 'MAP<STRING, STRING>',
        impl: splitToMap,
      },
    ],
  ),
  scalar(
    'UUID',
    Category.STRING,
    'Create a Universally Unique Identifier (UUID) generated according to RFC 4122.',
    [
      { params: [], returns: 'STRING', impl: () => randomUUID() },
      { params: ['BYTES bytes'], returns: 'STRING', impl: uuidOf },
    ],
  ),
];
