/**
 * JSON text as Jackson writes it for ksqlDB: compact, strings escaped with `\n`-style short forms
 * and upper-case `\u00XX` for other control characters, non-ASCII left as is, floats read from
 * JSON written back as BigDecimal.toString() (`10.50`, `1E+5`).
 */
import { bigDecimalToString, parseBigDecimal } from '../java/decimal-text.js';
import { JsonNumber, type JsonValue } from './json-tree.js';

const HEX = '0123456789ABCDEF';

/** A JSON string literal for `s`, escaped as Jackson escapes it. */
export function quoteJson(s: string): string {
  // The native regex search is much faster than a loop over the characters, and most strings
  // need no escapes.
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92) return `"${escapeFrom(s, i)}"`;
  }
  return `"${s}"`;
}

// Control characters are exactly what this looks for.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\x00-\x1f]/;

function escapeFrom(s: string, first: number): string {
  let out = s.slice(0, first);
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) {
      out += s[i];
      continue;
    }
    out += escapeChar(c);
  }
  return out;
}

function escapeChar(c: number): string {
  switch (c) {
    case 34:
      return '\\"';
    case 92:
      return '\\\\';
    case 8:
      return '\\b';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 12:
      return '\\f';
    case 13:
      return '\\r';
    default:
      return `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
  }
}

/** A number token as Jackson writes the Java number it read (integers as is, floats as BigDecimal). */
export function jsonNumberText(n: number | JsonNumber): string {
  if (typeof n === 'number') return String(n);
  if (n.integral) return n.text;
  const parts = parseBigDecimal(n.text);
  return parts === null ? n.text : bigDecimalToString(parts);
}

/** A parsed tree written back as compact JSON, as ksqlDB does for objects read into STRING. */
export function treeToJsonText(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return quoteJson(value);
    case 'number':
      return String(value);
    default:
      break;
  }
  if (value instanceof JsonNumber) return jsonNumberText(value);
  if (Array.isArray(value)) return `[${value.map(treeToJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of value) parts.push(`${quoteJson(k)}:${treeToJsonText(v)}`);
  return `{${parts.join(',')}}`;
}
