/**
 * The fast path of reading a wrapped JSON row: scans the text of a flat object once, without
 * building the Jackson-shaped tree, and hands each column's value straight to the
 * column's reader. It gives exactly what `parseJson` followed by the row codec gives, or
 * `undefined` when the record is anything it does not handle itself: nested objects or arrays,
 * duplicate or non-ASCII field names that a column could match, control characters, a
 * malformed token, or any syntax error. The caller then takes the slow, exact path, which also
 * words the errors; so this never has to.
 */
import { JsonNumber, type JsonRoot } from './json-tree.js';
import type { JsonReader } from './json-read.js';

const MAX_NUMBER_LENGTH = 1000;
const MAX_EXACT_INT_DIGITS = 15;

/** Reads a row from the decoded text, or returns undefined to send it down the exact path. */
export type FastRowReader = (text: string) => unknown[] | undefined;

export function fastRowReader(
  names: readonly string[],
  readers: readonly JsonReader[],
): FastRowReader | undefined {
  const encoded = names.map((n) => Array.from(n, (ch) => ch.charCodeAt(0)));
  // A field name matches a column when it equals the name, or else when its upper-casing does
  // (the last such field winning). Compared byte-wise, which is exact only for column names
  // that are plain upper-case ASCII (as unquoted identifiers are): else no fast path.
  if (names.some((n) => !/^[\x20-\x60\x7b-\x7e]*$/.test(n))) return undefined;
  const byLength: number[][] = [];
  encoded.forEach((b, i) => (byLength[b.length] ??= []).push(i));
  const count = names.length;
  // A column's value and whether this record set it: a stamp equal to the record's number,
  // so that nothing needs clearing between records.
  const exact = new Array<JsonRoot | undefined>(count);
  const upper = new Array<JsonRoot | undefined>(count);
  const exactStamp = new Int32Array(count);
  const upperStamp = new Int32Array(count);
  let stamp = 0;
  // Records of a topic mostly repeat one field order: the field name seen last at each position
  // (with its closing quote) and the column it matched are tried first, by one native compare.
  const knownNames: (readonly number[])[] = [];
  const knownColumns: number[] = [];

  /** The column a field name at [start, end) matches: its index if exactly, ~index if by case. */
  const match = (buf: string, start: number, end: number): number => {
    const candidates = byLength[end - start];
    if (candidates === undefined) return NO_COLUMN;
    for (let c = 0; c < candidates.length; c++) {
      const index = candidates[c]!;
      const name = encoded[index]!;
      let same = true;
      let j = 0;
      for (; j < name.length; j++) {
        const k = buf.charCodeAt(start + j);
        const n = name[j]!;
        if (k === n) continue;
        if (k >= 97 && k <= 122 && k - 32 === n) same = false;
        else break;
      }
      if (j === name.length) return same ? index : ~index;
    }
    return NO_COLUMN;
  };

  return (buf) => {
    const len = buf.length;
    let i = skipWs(buf, 0);
    if (buf.charCodeAt(i) !== 123) return undefined;
    if (stamp === MAX_STAMP) {
      exactStamp.fill(0);
      upperStamp.fill(0);
      stamp = 0;
    }
    const now = ++stamp;
    i = skipWs(buf, i + 1);
    if (buf.charCodeAt(i) === 125) return finish(now);
    for (let field = 0; ; field++) {
      if (buf.charCodeAt(i) !== 34) return undefined;
      const keyStart = i + 1;
      let k: number;
      let column: number;
      let c = 0;
      const known = field < knownNames.length ? knownNames[field]! : undefined;
      if (known !== undefined && startsWithCodes(buf, keyStart, known)) {
        k = keyStart + known.length - 1;
        column = knownColumns[field]!;
      } else {
        // Field names: plain ASCII without escapes, else the exact path.
        k = keyStart;
        while ((c = buf.charCodeAt(k)) !== 34) {
          if (!(c >= 32 && c < 128) || c === 92) return undefined;
          k++;
        }
        column = match(buf, keyStart, k);
        if (field < MAX_KNOWN_FIELDS) {
          knownNames[field] = Array.from(buf.slice(keyStart, k + 1), (ch) => ch.charCodeAt(0));
          knownColumns[field] = column;
        }
      }
      i = skipWs(buf, k + 1);
      if (buf.charCodeAt(i) !== 58) return undefined;
      i = skipWs(buf, i + 1);
      // The value: scanned, and decoded only when a column wants it.
      const start = i;
      let value: JsonRoot | undefined;
      c = buf.charCodeAt(i);
      if (c === 34) {
        // To the closing quote, noting escapes; a control character (or the end of the text,
        // NaN) sends the record the exact way.
        let j = i + 1;
        let escaped = false;
        while ((c = buf.charCodeAt(j)) !== 34) {
          if (!(c > 92)) {
            if (c === 92) {
              escaped = true;
              j++;
            } else if (!(c >= 32)) return undefined;
          }
          j++;
        }
        if (j >= len) return undefined;
        i = j + 1;
        if (escaped) {
          // JSON.parse knows exactly Jackson's escapes; anything it refuses goes the exact way.
          try {
            const s = JSON.parse(buf.slice(start, i)) as unknown;
            if (column !== NO_COLUMN) value = s as string;
          } catch {
            return undefined;
          }
        } else if (column !== NO_COLUMN) {
          value = buf.slice(start + 1, j);
        }
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        let j = i;
        if (c === 45) j++;
        const first = buf.charCodeAt(j);
        let n = 0;
        if (first === 48) {
          j++;
          if (isDigit(buf.charCodeAt(j))) return undefined;
        } else if (isDigit(first)) {
          let d: number;
          while ((d = buf.charCodeAt(j) - 48) >= 0 && d <= 9) {
            n = n * 10 + d;
            j++;
          }
        } else return undefined;
        const digits = j - i - (c === 45 ? 1 : 0);
        let integral = true;
        if (buf.charCodeAt(j) === 46) {
          integral = false;
          j++;
          if (!isDigit(buf.charCodeAt(j))) return undefined;
          while (isDigit(buf.charCodeAt(j))) j++;
        }
        const e = buf.charCodeAt(j);
        if (e === 101 || e === 69) {
          integral = false;
          j++;
          const sign = buf.charCodeAt(j);
          if (sign === 43 || sign === 45) j++;
          if (!isDigit(buf.charCodeAt(j))) return undefined;
          while (isDigit(buf.charCodeAt(j))) j++;
        }
        if (j - i > MAX_NUMBER_LENGTH) return undefined;
        i = j;
        if (column !== NO_COLUMN) {
          if (integral && digits <= MAX_EXACT_INT_DIGITS) value = c === 45 ? -n : n;
          else value = new JsonNumber(buf.slice(start, j), integral);
        }
      } else if (c === 116 && literalAt(buf, i, TRUE)) {
        i += 4;
        value = true;
      } else if (c === 102 && literalAt(buf, i, FALSE)) {
        i += 5;
        value = false;
      } else if (c === 110 && literalAt(buf, i, NULL)) {
        i += 4;
        value = null;
      } else return undefined;
      if (column !== NO_COLUMN) {
        // A second field for one column (a repeated name, whose value Jackson puts in the
        // first one's place, or two spellings of it): the exact path sorts that out.
        if (column >= 0) {
          if (exactStamp[column] === now) return undefined;
          exactStamp[column] = now;
          exact[column] = value;
        } else {
          const index = ~column;
          if (upperStamp[index] === now) return undefined;
          upperStamp[index] = now;
          upper[index] = value;
        }
      }
      i = skipWs(buf, i);
      const sep = buf.charCodeAt(i++);
      if (sep === 44) {
        i = skipWs(buf, i);
        continue;
      }
      if (sep === 125) return finish(now);
      return undefined;
    }
  };

  function finish(now: number): unknown[] {
    const row = new Array<unknown>(count);
    for (let c = 0; c < count; c++) {
      const v = exactStamp[c] === now ? exact[c] : upperStamp[c] === now ? upper[c] : undefined;
      row[c] = readers[c]!(v);
    }
    return row;
  }
}

/** What `match` gives for a field name no column takes. */
const NO_COLUMN = 0x3fffffff;
const MAX_STAMP = 0x7fffffff;
/** Field positions whose names are remembered between records. */
const MAX_KNOWN_FIELDS = 64;

const TRUE = 'true';
const FALSE = 'false';
const NULL = 'null';

/** A literal word at `i`, not followed by a token character (`nullx` is a bad token). */
function literalAt(buf: string, i: number, word: string): boolean {
  return buf.startsWith(word, i) && !isTokenChar(buf.charCodeAt(i + word.length));
}

/** Whether the text at `at` starts with the characters `codes`. */
function startsWithCodes(buf: string, at: number, codes: readonly number[]): boolean {
  for (let j = 0; j < codes.length; j++) if (buf.charCodeAt(at + j) !== codes[j]) return false;
  return true;
}

function skipWs(buf: string, i: number): number {
  let c = buf.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = buf.charCodeAt(++i);
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
