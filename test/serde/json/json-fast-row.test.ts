import { describe, expect, it } from 'vitest';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  INTEGER,
  STRING,
  decimalType,
  mapType,
} from '../../../src/common/sql-types.js';
import type { SqlType } from '../../../src/common/sql-types.js';
import { fastRowReader } from '../../../src/serde/json/json-fast-row.js';
import { parseJson } from '../../../src/serde/json/json-parser.js';
import { jsonReaderFor, upperCaseKeys } from '../../../src/serde/json/json-read.js';
import type { JsonObject } from '../../../src/serde/json/json-tree.js';

const COLUMNS: [string, SqlType][] = [
  ['ID', BIGINT],
  ['NAME', STRING],
  ['N', INTEGER],
  ['X', DOUBLE],
  ['OK', BOOLEAN],
  ['PRICE', decimalType(6, 2)],
  ['TAGS', mapType(STRING, INTEGER)],
];
const names = COLUMNS.map(([n]) => n);
const readers = COLUMNS.map(([, t]) => jsonReaderFor(t));
const fast = fastRowReader(names, readers)!;

/** The exact path: the Jackson-shaped tree, then each column as the row codec reads it. */
function exact(text: string): { row?: unknown[]; error?: true } {
  try {
    const tree = parseJson(text);
    if (!(tree instanceof Map)) return { error: true };
    const obj = tree as JsonObject;
    let upper: JsonObject | undefined;
    return {
      row: names.map((n, i) => {
        let v = obj.get(n);
        if (v === undefined) v = (upper ??= upperCaseKeys(obj)).get(n);
        return readers[i]!(v);
      }),
    };
  } catch {
    return { error: true };
  }
}

function check(text: string): 'fast' | 'slow' {
  const want = exact(text);
  let got: unknown[] | undefined;
  try {
    got = fast(text);
  } catch {
    expect(want.error, text).toBe(true);
    return 'slow';
  }
  if (got === undefined) return 'slow';
  expect(want.error, text).toBeUndefined();
  expect(got, text).toEqual(want.row);
  return 'fast';
}

/** mulberry32, for a reproducible stream of cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'ID',
  'id',
  'Id',
  'NAME',
  'name',
  'n',
  'N',
  'x',
  'ok',
  'OK',
  'price',
  'other',
  'é',
  'tags',
];
const VALUES = [
  '1',
  '-0',
  '0',
  '12',
  '-17',
  '123456789012345',
  '1234567890123456789',
  '1.5',
  '2.9999999999999999',
  '1e3',
  '-2.5E-3',
  '01',
  '1.',
  '-',
  '"abc"',
  '"12"',
  '"x\\"y"',
  '"\\u00e9\\n"',
  '"\\q"',
  '"é✓"',
  '"a\tb"',
  'true',
  'false',
  'null',
  'nul',
  'truex',
  '{"a":1}',
  '[1,2]',
  '""',
];

describe('the fast JSON row reader', () => {
  it('reads what the exact path reads, or leaves the record to it', () => {
    const rand = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const ws = (): string => pick(['', '', ' ', '\n ', '\t']);
    let taken = 0;
    for (let n = 0; n < 8000; n++) {
      const fields = Array.from(
        { length: Math.floor(rand() * 6) },
        () => `${ws()}"${pick(KEYS)}"${ws()}:${ws()}${pick(VALUES)}${ws()}`,
      );
      let text = `${ws()}{${fields.join(',')}}${pick(['', '', ' trailing', ',', '}'])}`;
      if (rand() < 0.1) text = text.slice(0, Math.floor(rand() * text.length));
      if (check(text) === 'fast') taken++;
    }
    // Most generated records are plain enough for the fast path.
    expect(taken).toBeGreaterThan(800);
  });

  it('takes the usual record, matching field names by case as the exact path does', () => {
    expect(check('{"id": 7, "name": "a", "n": 3, "x": 1.25, "ok": true}')).toBe('fast');
    expect(fast('{"id":7,"ID":8,"Name":"b"}')).toEqual([8n, 'b', null, null, null, null, null]);
    expect(check('{"name":"a","Name":"b"}')).toBe('slow');
    expect(check('{"ID":1,"ID":2}')).toBe('slow');
  });

  it('has no fast path for column names it cannot compare byte-wise', () => {
    expect(fastRowReader(['lower'], [jsonReaderFor(STRING)])).toBeUndefined();
    expect(fastRowReader(['É'], [jsonReaderFor(STRING)])).toBeUndefined();
  });
});
