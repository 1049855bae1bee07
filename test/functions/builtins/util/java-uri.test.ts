import { describe, expect, it } from 'vitest';
import {
  decodeUriComponent,
  parseUri,
  UriSyntaxError,
} from '../../../../src/functions/builtins/util/java-uri.js';

describe('java.net.URI parsing', () => {
  it('splits a hierarchical URI into its parts', () => {
    expect(parseUri('http://user@test.com:8080/a/b?q=1&r#frag')).toEqual({
      scheme: 'http',
      userInfo: 'user',
      host: 'test.com',
      port: 8080,
      rawPath: '/a/b',
      rawQuery: 'q=1&r',
      rawFragment: 'frag',
    });
  });

  it('has an empty path for a bare authority, no scheme for a relative URI', () => {
    expect(parseUri('http://www.test.com?query#fragment').rawPath).toBe('');
    const relative = parseUri('www.confluent.io');
    expect(relative.scheme).toBeNull();
    expect(relative.host).toBeNull();
    expect(relative.rawPath).toBe('www.confluent.io');
  });

  it('treats an authority that is not a valid server as registry-based: no host', () => {
    expect(parseUri('http://a_b.com/x').host).toBeNull();
    expect(parseUri('http://host.1/x').host).toBeNull();
    expect(parseUri('http://10.0.0.1:80/').host).toBe('10.0.0.1');
    expect(parseUri('http://[::1]:80/').host).toBe('[::1]');
  });

  it('parses opaque URIs without path or query', () => {
    const mail = parseUri('mailto:a@b.com');
    expect(mail.scheme).toBe('mailto');
    expect(mail.rawPath).toBeNull();
    expect(mail.rawQuery).toBeNull();
  });

  it('rejects illegal characters and malformed escapes', () => {
    for (const bad of [
      'http://a b.com',
      'http://x.com/%zz',
      '1http://x',
      ':x',
      'http://x.com/a"b',
    ]) {
      expect(() => parseUri(bad), bad).toThrow(UriSyntaxError);
    }
  });

  it('decodes escapes as UTF-8', () => {
    expect(decodeUriComponent('a%20b%C3%A9')).toBe('a bé');
    expect(decodeUriComponent('a+b')).toBe('a+b');
    expect(decodeUriComponent(null)).toBeNull();
  });
});
