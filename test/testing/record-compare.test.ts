import { describe, expect, it } from 'vitest';
import { parseJsonText, type JsonValue } from '../../src/testing/json-text.js';
import { jsonMatches, recordMismatch, topicMismatch } from '../../src/testing/record-compare.js';
import type { RecordSpec } from '../../src/testing/test-case.js';

const j = (text: string): JsonValue => parseJsonText(text);
const rec = (key: string, value: string, extra: Partial<RecordSpec> = {}): RecordSpec => ({
  topic: 'T',
  key: j(key),
  value: j(value),
  ...extra,
});

describe('comparing JSON values', () => {
  it('compares numbers by value', () => {
    expect(jsonMatches(j('2.0'), j('2'))).toBe(true);
    expect(jsonMatches(j('2'), j('2.00'))).toBe(true);
    expect(jsonMatches(j('12345678901234567891'), j('12345678901234567890'))).toBe(false);
    expect(jsonMatches(j('1e2'), j('100'))).toBe(true);
    expect(jsonMatches(j('"2"'), j('2'))).toBe(false);
  });

  it('matches an expected string with a decimal number of its value', () => {
    expect(jsonMatches(j('1.50'), j('"1.5"'))).toBe(true);
    expect(jsonMatches(j('15'), j('"15"'))).toBe(false);
    expect(jsonMatches(j('"abc"'), j('"abc"'))).toBe(true);
  });

  it('matches objects field by field, by name or upper-case name, with as many fields', () => {
    expect(jsonMatches(j('{"A": 1, "B": null}'), j('{"a": 1, "B": null}'))).toBe(true);
    expect(jsonMatches(j('{"A": 1}'), j('{"A": 1, "B": null}'))).toBe(false);
    expect(jsonMatches(j('{"A": 1, "C": null}'), j('{"A": 1, "B": null}'))).toBe(true);
    expect(jsonMatches(j('{"A": 1, "B": 2}'), j('{"A": 1}'))).toBe(false);
  });

  it('matches arrays element by element, and null only with null', () => {
    expect(jsonMatches(j('[1, [2, null]]'), j('[1.0, [2, null]]'))).toBe(true);
    expect(jsonMatches(j('[1, 2]'), j('[1]'))).toBe(false);
    expect(jsonMatches(j('null'), j('null'))).toBe(true);
    expect(jsonMatches(j('{}'), j('null'))).toBe(false);
    expect(jsonMatches(j('false'), j('false'))).toBe(true);
    expect(jsonMatches(j('null'), j('false'))).toBe(false);
  });
});

describe('comparing records', () => {
  it('compares timestamps only when expected', () => {
    expect(recordMismatch(rec('1', '2', { timestamp: 5 }), rec('1', '2'))).toBeUndefined();
    expect(recordMismatch(rec('1', '2', { timestamp: 5 }), rec('1', '2', { timestamp: 6 }))).toBe(
      'timestamp differs',
    );
  });

  it('ignores an expected timestamp of 0 when the case produced with INSERT VALUES', () => {
    const actual = rec('1', '2', { timestamp: 1234 });
    expect(
      recordMismatch(actual, rec('1', '2', { timestamp: 0 }), { ranWithInsertStatements: true }),
    ).toBeUndefined();
  });

  it('compares windows when expected, and refuses a windowed key that was not expected', () => {
    const window = { start: 0, end: 10, type: 'time' as const };
    expect(recordMismatch(rec('1', '2', { window }), rec('1', '2', { window }))).toBeUndefined();
    expect(
      recordMismatch(rec('1', '2', { window: { ...window, end: 20 } }), rec('1', '2', { window })),
    ).toBe('window differs');
    expect(recordMismatch(rec('1', '2', { window }), rec('1', '2'))).toMatch(/windowed/);
    expect(recordMismatch(rec('1', '2'), rec('1', '2', { window }))).toMatch(/not windowed/);
  });

  it('compares headers, none expected when none are given', () => {
    const headers = [{ key: 'h', value: 'IQ==' }];
    expect(recordMismatch(rec('1', '2', { headers }), rec('1', '2', { headers }))).toBeUndefined();
    expect(recordMismatch(rec('1', '2', { headers }), rec('1', '2'))).toBe('headers differ');
  });

  it('describes the first difference of a topic, or a count mismatch', () => {
    const expected = [rec('1', '{"V": 1}'), rec('2', '{"V": 2}')];
    expect(topicMismatch('T', [rec('1', '{"V": 1}'), rec('2', '{"V": 3}')], expected)).toBe(
      `topic 'T', record 1: value differs: expected <2, {"V":2}> but was <2, {"V":3}>`,
    );
    expect(topicMismatch('T', [rec('1', '{"V": 1}')], expected)).toBe(
      `topic 'T': expected 2 records but got 1; first missing: <2, {"V":2}>`,
    );
    expect(topicMismatch('T', [...expected], expected)).toBeUndefined();
  });
});
