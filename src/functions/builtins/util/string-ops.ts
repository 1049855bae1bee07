/**
 * The string and byte algorithms behind ksqlDB's string functions, where Java's (and Apache
 * Commons') behaviour has to be reproduced: SUBSTRING's index clamping, INSTR's reverse search,
 * byte padding and splitting, and StringEscapeUtils.unescapeJava for CHR.
 */
import { ExecutionError } from '../../../common/errors.js';

/** Start and end indexes of SUBSTRING(value, pos[, length]) on a value of `size` units. */
export function substringIndexes(size: number, pos: number, length?: number): [number, number] {
  const start = pos < 0 ? Math.max(size + pos, 0) : Math.max(Math.min(pos - 1, size), 0);
  const end = length === undefined ? size : Math.max(Math.min(start + length, size), start);
  return [start, end];
}

/** INSTR(str, substring, position, occurrence), 1-based, 0 when not found. */
export function instr(
  str: string | null,
  substring: string | null,
  position: number,
  occurrence: number,
): number {
  if (str === null || substring === null) return 0;
  if (Math.abs(position) > str.length) return 0;
  if (position < 0) {
    const reversed = reverse(str);
    const i = ordinalIndexOf(
      commonsSubstring(reversed, -position - 1),
      reverse(substring),
      occurrence,
    );
    return i === -1 ? 0 : str.length + position - i - substring.length + 2;
  }
  const i = ordinalIndexOf(commonsSubstring(str, position - 1), substring, occurrence);
  return i === -1 ? 0 : i + position;
}

/** StringUtils.reverse: by code points (StringBuilder.reverse keeps surrogate pairs). */
function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}

/** StringUtils.substring(str, start): a negative start counts from the end. */
function commonsSubstring(s: string, start: number): string {
  let from = start < 0 ? s.length + start : start;
  if (from < 0) from = 0;
  return from > s.length ? '' : s.slice(from);
}

/** StringUtils.ordinalIndexOf: overlapping matches, -1 when fewer than `ordinal`. */
function ordinalIndexOf(s: string, search: string, ordinal: number): number {
  if (ordinal <= 0) return -1;
  if (search.length === 0) return 0;
  let index = -1;
  for (let found = 0; found < ordinal; found++) {
    index = s.indexOf(search, index + 1);
    if (index < 0) return -1;
  }
  return index;
}

/** LPAD/RPAD on bytes. */
export function padBytes(
  input: Buffer | null,
  length: number | null,
  padding: Buffer | null,
  left: boolean,
): Buffer | null {
  if (input === null || padding === null || padding.length === 0 || length === null || length < 0) {
    return null;
  }
  if (input.length >= length) return Buffer.from(input.subarray(0, length));
  const padded = Buffer.alloc(length);
  const padLength = length - input.length;
  const padStart = left ? 0 : input.length;
  for (let i = 0; i < padLength; i++) padded[padStart + i] = padding[i % padding.length]!;
  input.copy(padded, left ? padLength : 0);
  return padded;
}

/** SPLIT on bytes: every empty piece kept; an empty delimiter splits every byte. */
export function splitBytes(bytes: Buffer | null, delimiter: Buffer | null): Buffer[] | null {
  if (bytes === null || delimiter === null) return null;
  if (bytes.length === 0) return [Buffer.alloc(0)];
  if (delimiter.length === 0) return [...bytes].map((b) => Buffer.from([b]));
  const pieces: Buffer[] = [];
  let offset = 0;
  for (let at = bytes.indexOf(delimiter, offset); at >= 0; at = bytes.indexOf(delimiter, offset)) {
    pieces.push(Buffer.from(bytes.subarray(offset, at)));
    offset = at + delimiter.length;
  }
  pieces.push(Buffer.from(bytes.subarray(offset)));
  return pieces;
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  n: '\n',
  t: '\t',
  f: '\f',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Commons Lang StringEscapeUtils.unescapeJava. */
export function unescapeJava(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[i + 1]!;
    if (next === 'u') {
      let j = i + 1;
      while (s[j] === 'u') j++;
      if (s[j] === '+') j++;
      const hex = s.slice(j, j + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new ExecutionError(`Unable to parse unicode value: ${hex}`);
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i = j + 3;
    } else if (/[0-7]/.test(next)) {
      const octal = /^(?:[0-3][0-7]{0,2}|[4-7][0-7]?)/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
    } else {
      out += CONTROL_ESCAPES[next] ?? next;
      i++;
    }
  }
  return out;
}
