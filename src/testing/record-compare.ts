/**
 * Comparing collected records with expected ones, as ksqlDB's harness does
 * (ExpectedRecordComparator, TestExecutor.validateCreatedMessage), except that numbers compare by
 * value (`2` matches `2.0`), as the conformance README asks:
 * - an expected object matches an object with as many fields, each expected field matching the
 *   field of that name (or its upper-case name); a missing field is null;
 * - an expected array matches an array of as many elements, element by element;
 * - an expected string matches the same string, or a decimal number of that value;
 * - an expected `null` matches null: for a value, a tombstone;
 * - timestamps are compared when the expected record has one, windows when it has one, headers
 *   always (none expected when none are given).
 */
import { Decimal } from '../common/decimal.js';
import { isJsonArray, isJsonNumber, isJsonObject, jsonText, type JsonValue } from './json-text.js';
import type { HeaderSpec, RecordSpec } from './test-case.js';

export function jsonMatches(actual: JsonValue | undefined, expected: JsonValue): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === undefined || actual === null) return false;
  if (isJsonNumber(expected)) {
    return isJsonNumber(actual) && sameNumber(actual.toString(), expected.toString());
  }
  if (typeof expected === 'string') {
    if (typeof actual === 'string') return actual === expected;
    return (
      isJsonNumber(actual) &&
      /[.eE]/.test(actual.toString()) &&
      sameNumber(actual.toString(), expected)
    );
  }
  if (typeof expected === 'boolean') return actual === expected;
  if (isJsonArray(expected)) {
    return (
      isJsonArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => jsonMatches(actual[i], e))
    );
  }
  if (!isJsonObject(actual) || !isJsonObject(expected)) return false;
  const fields = Object.keys(expected);
  if (Object.keys(actual).length !== fields.length) return false;
  return fields.every((name) => {
    const own = Object.prototype.hasOwnProperty.call(actual, name) ? actual[name] : undefined;
    const value = own ?? actual[name.toUpperCase()];
    return jsonMatches(value, expected[name]!);
  });
}

function sameNumber(a: string, b: string): boolean {
  try {
    return new Decimal(a).equals(new Decimal(b));
  } catch {
    return false;
  }
}

function headersMatch(
  actual: readonly HeaderSpec[] | undefined,
  expected: readonly HeaderSpec[] | undefined,
): boolean {
  const a = actual ?? [];
  const e = expected ?? [];
  return (
    a.length === e.length &&
    a.every((h, i) => h.key === e[i]!.key && sameBase64(h.value, e[i]!.value))
  );
}

function sameBase64(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

export interface CompareOptions {
  /** No input records: the statements produced (INSERT VALUES); expected timestamp 0 means any. */
  readonly ranWithInsertStatements?: boolean;
}

/** Why one record does not match, or undefined when it does. */
export function recordMismatch(
  actual: RecordSpec,
  expected: RecordSpec,
  options: CompareOptions = {},
): string | undefined {
  if (expected.window) {
    const w = actual.window;
    if (!w) return 'the key is not windowed';
    if (
      w.start !== expected.window.start ||
      w.end !== expected.window.end ||
      w.type !== expected.window.type
    ) {
      return 'window differs';
    }
  } else if (actual.window) {
    return 'the key is windowed, but the expected record has no window';
  }
  if (!jsonMatches(actual.key, expected.key)) return 'key differs';
  if (!jsonMatches(actual.value, expected.value)) return 'value differs';
  if (!headersMatch(actual.headers, expected.headers)) return 'headers differ';
  if (expected.timestamp !== undefined && actual.timestamp !== expected.timestamp) {
    if (!(options.ranWithInsertStatements && expected.timestamp === 0)) return 'timestamp differs';
  }
  return undefined;
}

/** Compares one topic's records in order; the mismatch, said shortly, or undefined. */
export function topicMismatch(
  topic: string,
  actual: readonly RecordSpec[],
  expected: readonly RecordSpec[],
  options: CompareOptions = {},
): string | undefined {
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const why = recordMismatch(actual[i]!, expected[i]!, options);
    if (why) {
      return `topic '${topic}', record ${i}: ${why}: expected ${describeRecord(expected[i]!)} but was ${describeRecord(actual[i]!)}`;
    }
  }
  if (actual.length !== expected.length) {
    const extra =
      actual.length > expected.length
        ? `; first unexpected: ${describeRecord(actual[expected.length]!)}`
        : `; first missing: ${describeRecord(expected[actual.length]!)}`;
    return `topic '${topic}': expected ${expected.length} records but got ${actual.length}${extra}`;
  }
  return undefined;
}

/** `<key, value> timestamp=T window=[s,e) headers=[…]`, what messages show of a record. */
export function describeRecord(r: RecordSpec): string {
  let text = `<${jsonText(r.key)}, ${jsonText(r.value)}>`;
  if (r.timestamp !== undefined) text += ` timestamp=${r.timestamp}`;
  if (r.window) text += ` window=${r.window.type}[${r.window.start},${r.window.end})`;
  if (r.headers && r.headers.length > 0) {
    text += ` headers=[${r.headers.map((h) => `${h.key}=${h.value ?? 'null'}`).join(', ')}]`;
  }
  return text;
}
