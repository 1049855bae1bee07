import { describe, expect, it } from 'vitest';
import { call, lit, resolve } from '../helpers.js';

const S = 'STRING';

describe('EXTRACTJSONFIELD', () => {
  const extract = (json: string | null, path: string | null) =>
    call('extractjsonfield', [S, S], json, path);

  it('follows dotted names and array indexes', () => {
    const doc = '{"log": {"cloud": "gcp", "instance": 4, "tags": ["a", "b"], "@type": "x"}}';
    expect(extract(doc, '$.log.cloud')).toBe('gcp');
    expect(extract(doc, '$.log.instance')).toBe('4');
    expect(extract(doc, '$.log.tags[1]')).toBe('b');
    expect(extract(doc, '$["log"]["cloud"]')).toBe('gcp');
    expect(extract(doc, '$.log.@type')).toBe('x');
    expect(extract(doc, '$.log.tags')).toBe('["a","b"]');
    expect(extract(doc, '$.log')).toBe('{"cloud":"gcp","instance":4,"tags":["a","b"],"@type":"x"}');
  });

  it('returns NULL for a missing path or index, "null" for a JSON null', () => {
    expect(extract('{"a": [1, 2]}', '$.a[-1]')).toBeNull();
    expect(extract('{"a": [1, 2]}', '$.a[2]')).toBeNull();
    expect(extract('{"a": [1, 2]}', '$.a.b')).toBeNull();
    expect(extract('{"a": "x"}', '$.a.b')).toBeNull();
    expect(extract('{"a": null}', '$.a')).toBe('null');
    expect(extract(null, '$.a')).toBeNull();
  });

  it('keeps numbers exact and reads only the first JSON value', () => {
    expect(extract('{"array": [1.23450]}', '$.array[0]')).toBe('1.23450');
    expect(extract('{"name": "cdd"}}', '$.name')).toBe('cdd');
  });

  it('fails on invalid JSON or an invalid path', () => {
    expect(() => extract('{"a": ', '$.a')).toThrow(/Invalid JSON format/);
    expect(() => extract('{}', 'a.b')).toThrow(/Invalid JSON path/);
    const literal = resolve('extractjsonfield', S, lit(S, '$.a[0]'));
    expect(literal.invoke('{"a": ["z"]}', '$.a[0]')).toBe('z');
  });
});

describe('JSON_ARRAY_CONTAINS', () => {
  it('matches values by type, as Jackson tokens', () => {
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '[1, 2, 3]', 3)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'BIGINT'], '[1, 2, 3]', 3n)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'DOUBLE'], '[1, 2, 3]', 3)).toBe(false);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'DOUBLE'], '[1.0, 2.5]', 2.5)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, S], '["Pink", null]', 'Pink')).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'BOOLEAN'], '[true]', true)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, S], '[null]', null)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '[[3], {"a": 3}]', 3)).toBe(false);
  });

  it('answers false for anything but a JSON array, and stops at the first match', () => {
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '{"a": 1}', 1)).toBe(false);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], 'abc', 1)).toBe(false);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '', 1)).toBe(false);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '[1, oops', 1)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, 'INT'], '[99999999999, 1]', 1)).toBe(false);
  });
});

describe('JSON_ARRAY_LENGTH, JSON_KEYS, JSON_RECORDS, JSON_ITEMS', () => {
  it('reads top-level arrays and objects', () => {
    expect(call('JSON_ARRAY_LENGTH', [S], '[1, [1, [2]], 3]')).toBe(3);
    expect(call('JSON_ARRAY_LENGTH', [S], '{}')).toBeNull();
    expect(call('JSON_KEYS', [S], '{"a": "abc", "b": {"c": "a"}, "d": 1}')).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect(call('JSON_KEYS', [S], '[]')).toBeNull();
    expect(call('JSON_KEYS', [S], '')).toBeNull();
    expect(call('JSON_RECORDS', [S], '{"a": "abc", "b": {"c": "a"}, "d": 1}')).toEqual(
      new Map([
        ['a', 'abc'],
        ['b', '{"c":"a"}'],
        ['d', '1'],
      ]),
    );
    expect(call('JSON_RECORDS', [S], '123')).toBeNull();
    expect(call('JSON_ITEMS', [S], '[{"type": "A"}, 2, "x"]')).toEqual([
      '{"type":"A"}',
      '2',
      '"x"',
    ]);
  });

  it('fails on text that is not JSON, and JSON_ITEMS on anything but an array', () => {
    expect(() => call('JSON_ARRAY_LENGTH', [S], 'abc')).toThrow(/Invalid JSON format/);
    expect(() => call('JSON_ITEMS', [S], '{}')).toThrow(/Invalid JSON format/);
    expect(call('JSON_ITEMS', [S], null)).toBeNull();
  });
});

describe('JSON_CONCAT and IS_JSON_STRING', () => {
  it('merges objects, otherwise concatenates arrays', () => {
    expect(call('JSON_CONCAT', [S, S], '{"a": 1}', '{"b": 2}')).toBe('{"a":1,"b":2}');
    expect(call('JSON_CONCAT', [S, S], '{"a": {"5": 6}}', '{"a": {"3": 4}}')).toBe('{"a":{"3":4}}');
    expect(call('JSON_CONCAT', [S, S], '[1, [2]]', '[[[3]], [[[4]]]]')).toBe(
      '[1,[2],[[3]],[[[4]]]]',
    );
    expect(call('JSON_CONCAT', [S, S], 'null', 'null')).toBe('[null,null]');
    expect(call('JSON_CONCAT', [S, S], '[1, 2]', '{"a": 1}')).toBe('[1,2,{"a":1}]');
    expect(call('JSON_CONCAT', [S, S], '1', '2')).toBe('[1,2]');
    expect(call('JSON_CONCAT', [S], '1e2')).toBe('100');
    expect(call('JSON_CONCAT', [S, S], null, '[1]')).toBeNull();
    expect(() => call('JSON_CONCAT', [S, S], 'abc', '[1]')).toThrow(/Invalid JSON format/);
  });

  it('tells whether text is one JSON value', () => {
    for (const json of ['[1, 2, 3]', '{}', '1', '"abc"', 'null']) {
      expect(call('IS_JSON_STRING', [S], json), json).toBe(true);
    }
    for (const text of ['', 'abc', '{"a":'])
      expect(call('IS_JSON_STRING', [S], text), text).toBe(false);
    expect(call('IS_JSON_STRING', [S], null)).toBe(false);
  });
});
