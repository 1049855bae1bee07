/**
 * BYTES as base64 text. Both ksqlDB formats that carry bytes as text write standard base64 with
 * padding, but read it with different strictness: DELIMITED uses `java.util.Base64.getDecoder()`
 * (padding optional, nothing outside the alphabet), JSON uses Jackson's default variant
 * (MIME-NO-LINEFEEDS: padding required, whitespace skipped between quads, text trimmed first).
 */
import { javaTrim } from './double-text.js';

const PAD = 61;

const ALPHABET_VALUE = ((): Int8Array => {
  const table = new Int8Array(128).fill(-1);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = i;
  return table;
})();

function isAlphabet(c: number): boolean {
  return c < 128 && ALPHABET_VALUE[c]! >= 0;
}

/** Standard base64 with padding, as Java's encoder and Jackson write it. */
export function encodeBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}

/** `Base64.getDecoder().decode(s)`, or null where Java throws IllegalArgumentException. */
export function decodeJavaBase64(s: string): Buffer | null {
  const len = s.length;
  let dataEnd = len;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === PAD) {
      dataEnd = i;
      break;
    }
    if (!isAlphabet(c)) return null;
  }
  const rem = dataEnd % 4;
  if (rem === 1) return null;
  if (dataEnd < len) {
    const padding = len - dataEnd;
    if (rem === 0 || padding !== 4 - rem) return null;
    for (let i = dataEnd; i < len; i++) if (s.charCodeAt(i) !== PAD) return null;
  }
  return Buffer.from(s.slice(0, dataEnd), 'base64');
}

/** Jackson's `TextNode.binaryValue()` with the default variant, or null where it throws. */
export function decodeJacksonBase64(text: string): Buffer | null {
  const s = javaTrim(text);
  const len = s.length;
  const out: number[] = [];
  let i = 0;
  while (true) {
    let c: number;
    do {
      if (i >= len) return Buffer.from(out);
      c = s.charCodeAt(i++);
    } while (c <= 32);
    if (!isAlphabet(c)) return null;
    let bits = ALPHABET_VALUE[c]!;
    if (i >= len) return null;
    c = s.charCodeAt(i++);
    if (!isAlphabet(c)) return null;
    bits = (bits << 6) | ALPHABET_VALUE[c]!;
    if (i >= len) return null;
    c = s.charCodeAt(i++);
    if (!isAlphabet(c)) {
      if (c !== PAD || i >= len || s.charCodeAt(i++) !== PAD) return null;
      out.push(bits >> 4);
      continue;
    }
    bits = (bits << 6) | ALPHABET_VALUE[c]!;
    if (i >= len) return null;
    c = s.charCodeAt(i++);
    if (!isAlphabet(c)) {
      if (c !== PAD) return null;
      bits >>= 2;
      out.push((bits >> 8) & 0xff, bits & 0xff);
      continue;
    }
    bits = (bits << 6) | ALPHABET_VALUE[c]!;
    out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
  }
}
