/**
 * Text encodings as the Java libraries behind ksqlDB's functions implement them:
 * - BytesUtils (TO_BYTES, FROM_BYTES, TO_JSON_STRING): hex prints upper case and parses either
 *   case; base64 is java.util.Base64's strict basic codec; ascii turns unmappable characters into
 *   '?' one way and bytes above 0x7F into U+FFFD the other.
 * - Apache Commons Codec (ENCODE): hex prints lower case, base64 decoding skips foreign characters.
 */
import { ExecutionError } from '../../../common/errors.js';

export type Encoding = 'hex' | 'utf8' | 'ascii' | 'base64';

/** BytesUtils.Encoding.from: case-insensitive. */
export function encodingOf(name: string): Encoding {
  const lower = name.toLowerCase();
  if (lower === 'hex' || lower === 'utf8' || lower === 'ascii' || lower === 'base64') return lower;
  throw new ExecutionError(
    `Unknown encoding type '${name}'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.`,
  );
}

/** BytesUtils.encode: bytes to text. */
export function encodeBytes(bytes: Buffer, encoding: Encoding): string {
  switch (encoding) {
    case 'hex':
      return bytes.toString('hex').toUpperCase();
    case 'utf8':
      return bytes.toString('utf8');
    case 'ascii':
      return asciiText(bytes);
    case 'base64':
      return bytes.toString('base64');
  }
}

/** BytesUtils.decode: text to bytes. */
export function decodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'hex':
      return parseHexBinary(text);
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'ascii':
      return asciiBytes(text);
    case 'base64':
      return strictBase64(text);
  }
}

/** new String(bytes, US_ASCII). */
export function asciiText(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : '\uFFFD';
  return out;
}

/** text.getBytes(US_ASCII). */
export function asciiBytes(text: string): Buffer {
  const codes: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0)!;
    codes.push(code < 0x80 ? code : 0x3f);
  }
  return Buffer.from(codes);
}

/** DatatypeConverter.parseHexBinary. */
function parseHexBinary(text: string): Buffer {
  if (text.length % 2 !== 0) {
    throw new ExecutionError(`hexBinary needs to be even-length: ${text}`);
  }
  if (!/^[0-9a-fA-F]*$/.test(text)) {
    throw new ExecutionError(`contains illegal character for hexBinary: ${text}`);
  }
  return Buffer.from(text, 'hex');
}

/** java.util.Base64.getDecoder().decode: no foreign characters, padding optional but exact. */
function strictBase64(text: string): Buffer {
  const illegal = /[^A-Za-z0-9+/=]/.exec(text);
  if (illegal) {
    throw new ExecutionError(`Illegal base64 character ${illegal[0].charCodeAt(0).toString(16)}`);
  }
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (body.includes('=') || padding > 2 || (padding > 0 && text.length % 4 !== 0)) {
    throw new ExecutionError('Input byte array has wrong 4-byte ending unit');
  }
  if (body.length % 4 === 1) {
    throw new ExecutionError('Last unit does not have enough valid bits');
  }
  return Buffer.from(body, 'base64');
}

/** Commons Codec Hex.decodeHex. */
export function commonsDecodeHex(text: string): Buffer {
  if (text.length % 2 !== 0) throw new ExecutionError('Odd number of characters.');
  const bad = /[^0-9a-fA-F]/.exec(text);
  if (bad) {
    throw new ExecutionError(`Illegal hexadecimal character ${bad[0]} at index ${bad.index}`);
  }
  return Buffer.from(text, 'hex');
}
