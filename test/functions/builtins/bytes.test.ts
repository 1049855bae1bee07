import { describe, expect, it } from 'vitest';
import { call } from '../helpers.js';

const S = 'STRING';
const B = 'BYTES';

describe('TO_BYTES and FROM_BYTES', () => {
  it('round-trips the four encodings', () => {
    expect(call('from_bytes', [B, S], Buffer.from([0x1a, 0xb2]), 'hex')).toBe('1AB2');
    expect(call('to_bytes', [S, S], '1aB2', 'HEX')).toEqual(Buffer.from([0x1a, 0xb2]));
    expect(call('from_bytes', [B, S], Buffer.from('!'), 'base64')).toBe('IQ==');
    expect(call('to_bytes', [S, S], 'IQ==', 'base64')).toEqual(Buffer.from('!'));
    expect(call('to_bytes', [S, S], 'IQ', 'base64')).toEqual(Buffer.from('!'));
    expect(call('from_bytes', [B, S], Buffer.from('héllo'), 'utf8')).toBe('héllo');
    expect(call('from_bytes', [B, S], Buffer.from([0x61, 0xe9]), 'ascii')).toBe('a\ufffd');
    expect(call('to_bytes', [S, S], 'aé', 'ascii')).toEqual(Buffer.from('a?'));
  });

  it('fails on bad input and unknown encodings, returns NULL for NULL', () => {
    expect(() => call('to_bytes', [S, S], 'abc', 'hex')).toThrow(/even-length/);
    expect(() => call('to_bytes', [S, S], 'zz', 'hex')).toThrow(/illegal character/);
    expect(() => call('to_bytes', [S, S], 'a-b=', 'base64')).toThrow(/Illegal base64 character 2d/);
    expect(() => call('to_bytes', [S, S], 'x', 'utf16')).toThrow(/Unknown encoding type 'utf16'/);
    expect(call('to_bytes', [S, S], null, 'hex')).toBeNull();
    expect(call('from_bytes', [B, S], Buffer.from('a'), null)).toBeNull();
  });
});

describe('ENCODE', () => {
  it('re-encodes between hex, utf8, ascii and base64', () => {
    expect(call('encode', [S, S, S], '4b53514c', 'hex', 'utf8')).toBe('KSQL');
    expect(call('encode', [S, S, S], '0x4b53514c', 'hex', 'ascii')).toBe('KSQL');
    expect(call('encode', [S, S, S], "X'4b53'", 'hex', 'base64')).toBe('S1M=');
    expect(call('encode', [S, S, S], 'KSQL', 'utf8', 'hex')).toBe('4b53514c');
    expect(call('encode', [S, S, S], 'S1NRTA==', 'base64', 'utf8')).toBe('KSQL');
    expect(call('encode', [S, S, S], 'é', 'ascii', 'utf8')).toBe('?');
  });

  it('fails on unsupported encodings, including same-to-same', () => {
    expect(() => call('encode', [S, S, S], 'a', 'hex', 'hex')).toThrow(
      /Supported input and output/,
    );
    expect(() => call('encode', [S, S, S], 'a', 'utf16', 'hex')).toThrow(
      /Supported input and output/,
    );
    expect(() => call('encode', [S, S, S], 'abc', 'hex', 'utf8')).toThrow(
      /Odd number of characters/,
    );
    expect(call('encode', [S, S, S], null, 'hex', 'utf8')).toBeNull();
  });
});

describe('INT_FROM_BYTES, BIGINT_FROM_BYTES, DOUBLE_FROM_BYTES', () => {
  it('reads big-endian by default, or the given order', () => {
    expect(call('int_from_bytes', [B], Buffer.from('AAAH5Q==', 'base64'))).toBe(2021);
    expect(call('int_from_bytes', [B, S], Buffer.from('5QcAAA==', 'base64'), 'little_endian')).toBe(
      2021,
    );
    expect(call('bigint_from_bytes', [B], Buffer.from('AAAAASoF8gA=', 'base64'))).toBe(5000000000n);
    expect(call('double_from_bytes', [B], Buffer.from('QICm/ZvJ9YI=', 'base64'))).toBe(532.8738323);
    expect(
      call('double_from_bytes', [B, S], Buffer.from('gvXJm/2mgEA=', 'base64'), 'LITTLE_ENDIAN'),
    ).toBe(532.8738323);
  });

  it('fails on a wrong size or byte order, returns NULL for NULL bytes', () => {
    expect(() => call('int_from_bytes', [B], Buffer.alloc(3))).toThrow(
      'Number of bytes must be equal to 4, but found 3',
    );
    expect(() => call('bigint_from_bytes', [B, S], Buffer.alloc(8), 'middle')).toThrow(
      /Byte order must be/,
    );
    expect(call('int_from_bytes', [B], null)).toBeNull();
  });
});

describe('INT_FROM_BOOLEAN', () => {
  it('converts true to 1 and false to 0', () => {
    expect(call('int_from_boolean', ['BOOLEAN'], true)).toBe(1);
    expect(call('int_from_boolean', ['BOOLEAN'], false)).toBe(0);
    expect(call('int_from_boolean', ['BOOLEAN'], null)).toBeNull();
  });
});
