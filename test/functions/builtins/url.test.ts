import { describe, expect, it } from 'vitest';
import { call } from '../helpers.js';

const url = (name: string, value: string | null) => call(name, ['STRING'], value);

describe('URL_ENCODE_PARAM and URL_DECODE_PARAM', () => {
  it('encode as application/x-www-form-urlencoded', () => {
    expect(url('url_encode_param', '?foo $bar')).toBe('%3Ffoo+%24bar');
    expect(url('url_encode_param', 'a-b_c.d*é')).toBe('a-b_c.d*%C3%A9');
  });

  it('decode, plus signs included', () => {
    expect(url('url_decode_param', '%3Ffoo+%24bar')).toBe('?foo $bar');
    expect(url('url_decode_param', 'caf%C3%A9')).toBe('café');
    expect(url('url_decode_param', null)).toBeNull();
    expect(() => url('url_decode_param', '%zz')).toThrow(/Illegal hex characters/);
    expect(() => url('url_decode_param', 'a%2')).toThrow(/Incomplete trailing escape/);
  });
});

describe('URL_EXTRACT_*', () => {
  it('extract parts of a URL, decoded', () => {
    const u = 'http://test@confluent.io:8080/nested/pa%20th?q=a%20b&jobs#frag%20ment';
    expect(url('url_extract_host', u)).toBe('confluent.io');
    expect(url('url_extract_port', u)).toBe(8080);
    expect(url('url_extract_path', u)).toBe('/nested/pa th');
    expect(url('url_extract_query', u)).toBe('q=a b&jobs');
    expect(url('url_extract_fragment', u)).toBe('frag ment');
    expect(url('url_extract_protocol', u)).toBe('http');
  });

  it('return NULL for absent parts, and an empty path for none', () => {
    expect(url('url_extract_port', 'http://test@confluent.io')).toBeNull();
    expect(url('url_extract_fragment', 'http://www.nofragment.com')).toBeNull();
    expect(url('url_extract_query', 'http://x.io/path')).toBeNull();
    expect(url('url_extract_path', 'http://www.test.com?query#fragment')).toBe('');
    expect(url('url_extract_protocol', 'www.confluent.io')).toBeNull();
    expect(url('url_extract_host', null)).toBeNull();
  });

  it('fail on a URL that does not parse', () => {
    expect(() => url('url_extract_host', 'http://bad host')).toThrow(
      /URL input has invalid syntax/,
    );
  });

  it('extract a query parameter, empty when it has no value', () => {
    const u = 'http://www.test.com/?one=a&two=url%20encoded&three';
    const param = (name: string) => call('url_extract_parameter', ['STRING', 'STRING'], u, name);
    expect(param('one')).toBe('a');
    expect(param('two')).toBe('url encoded');
    expect(param('three')).toBe('');
    expect(param('four')).toBeNull();
  });
});
