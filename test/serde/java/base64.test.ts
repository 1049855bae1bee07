import { describe, expect, it } from 'vitest';

import { decodeJacksonBase64, decodeJavaBase64 } from '../../../src/serde/java/base64.js';

describe('base64 decoding', () => {
  it('decodes as java.util.Base64: padding optional, nothing outside the alphabet', () => {
    expect(decodeJavaBase64('ew==')).toEqual(Buffer.from([123]));
    expect(decodeJavaBase64('ew')).toEqual(Buffer.from([123]));
    expect(decodeJavaBase64('AQID')).toEqual(Buffer.from([1, 2, 3]));
    expect(decodeJavaBase64('')).toEqual(Buffer.alloc(0));
    expect(decodeJavaBase64('a')).toBeNull();
    expect(decodeJavaBase64('ew=')).toBeNull();
    expect(decodeJavaBase64('e===')).toBeNull();
    expect(decodeJavaBase64('ew==ew==')).toBeNull();
    expect(decodeJavaBase64('e w=')).toBeNull();
    expect(decodeJavaBase64('ew-_')).toBeNull();
  });

  it('decodes as Jackson: padding required, whitespace between quads skipped', () => {
    expect(decodeJacksonBase64('ew==')).toEqual(Buffer.from([123]));
    expect(decodeJacksonBase64(' AQID ew== ')).toEqual(Buffer.from([1, 2, 3, 123]));
    expect(decodeJacksonBase64('AQI=')).toEqual(Buffer.from([1, 2]));
    expect(decodeJacksonBase64('abc')).toBeNull();
    expect(decodeJacksonBase64('ew')).toBeNull();
    expect(decodeJacksonBase64('e!==')).toBeNull();
  });
});
