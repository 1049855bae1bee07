/**
 * Reads JSON text into the tree of json-tree.ts with Jackson's rules as ksqlDB configures its
 * ObjectMapper: strict JSON (no comments, no leading zeros, no NaN), numbers kept exact, a leading
 * BOM skipped, content after the first value ignored, nesting limited to 1000 levels and numbers
 * to 1000 characters. Errors carry Jackson's wording without the location.
 */
import {
  JsonNumber,
  MISSING_NODE,
  type JsonObject,
  type JsonRoot,
  type JsonValue,
} from './json-tree.js';

/** JSON text that Jackson refuses. */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;
const MAX_EXACT_INT_DIGITS = 15;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const VALUE_EXPECTED =
  "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const TOKEN_EXPECTED =
  "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parses `text` (already decoded from UTF-8) into a Jackson-shaped tree. */
export function parseJson(text: string): JsonRoot {
  return new JsonParser(text).parseRoot();
}

class JsonParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  parseRoot(): JsonRoot {
    if (this.s.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.s.length) return MISSING_NODE;
    const c = this.s.charCodeAt(this.pos);
    const value = this.parseValue();
    if (
      isNumberStart(c) &&
      this.pos < this.s.length &&
      !isWhitespace(this.s.charCodeAt(this.pos))
    ) {
      throw this.unexpected(
        this.s.charCodeAt(this.pos),
        'Expected space separating root-level values',
      );
    }
    return value;
  }

  private parseValue(): JsonValue {
    const c = this.s.charCodeAt(this.pos);
    switch (c) {
      case 123:
        return this.parseObject();
      case 91:
        return this.parseArray();
      case 34:
        this.pos++;
        return this.parseString();
      case 116:
        return this.parseLiteral('true', true);
      case 102:
        return this.parseLiteral('false', false);
      case 110:
        return this.parseLiteral('null', null);
      default:
        if (isNumberStart(c)) return this.parseNumber();
        if (Number.isNaN(c)) throw new JsonSyntaxError('Unexpected end-of-input: expected a value');
        if (isTokenChar(c)) throw this.unrecognizedToken();
        throw this.unexpected(c, VALUE_EXPECTED);
    }
  }

  private parseObject(): JsonObject {
    this.enter();
    this.pos++;
    const obj: JsonObject = new Map();
    this.skipWhitespace();
    if (this.s.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return obj;
    }
    while (true) {
      this.skipWhitespace();
      const q = this.s.charCodeAt(this.pos);
      if (q !== 34) {
        if (Number.isNaN(q)) throw this.endOfInput('Object');
        throw this.unexpected(q, 'was expecting double-quote to start field name');
      }
      this.pos++;
      const key = this.parseString();
      this.skipWhitespace();
      const colon = this.s.charCodeAt(this.pos);
      if (colon !== 58) {
        if (Number.isNaN(colon)) throw this.endOfInput('Object');
        throw this.unexpected(colon, 'was expecting a colon to separate field name and value');
      }
      this.pos++;
      this.skipWhitespace();
      obj.set(key, this.parseValue());
      this.skipWhitespace();
      const sep = this.s.charCodeAt(this.pos++);
      if (sep === 44) continue;
      if (sep === 125) break;
      if (Number.isNaN(sep)) throw this.endOfInput('Object');
      throw this.unexpected(sep, 'was expecting comma to separate Object entries');
    }
    this.depth--;
    return obj;
  }

  private parseArray(): JsonValue[] {
    this.enter();
    this.pos++;
    const arr: JsonValue[] = [];
    this.skipWhitespace();
    if (this.s.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return arr;
    }
    while (true) {
      this.skipWhitespace();
      arr.push(this.parseValue());
      this.skipWhitespace();
      const sep = this.s.charCodeAt(this.pos++);
      if (sep === 44) continue;
      if (sep === 93) break;
      if (Number.isNaN(sep)) throw this.endOfInput('Array');
      throw this.unexpected(sep, 'was expecting comma to separate Array entries');
    }
    this.depth--;
    return arr;
  }

  /** Reads a string whose opening quote has been consumed. */
  private parseString(): string {
    const s = this.s;
    const start = this.pos;
    let i = start;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return s.slice(start, i);
      }
      if (c === 92 || c < 32) break;
      i++;
    }
    this.pos = i;
    return s.slice(start, i) + this.parseEscapedRest();
  }

  private parseEscapedRest(): string {
    const s = this.s;
    let out = '';
    let chunk = this.pos;
    while (true) {
      if (this.pos >= s.length) {
        throw new JsonSyntaxError(
          'Unexpected end-of-input: was expecting closing quote for a string value',
        );
      }
      const c = s.charCodeAt(this.pos);
      if (c === 34) {
        out += s.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 32) {
        throw new JsonSyntaxError(
          `Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`,
        );
      }
      if (c !== 92) {
        this.pos++;
        continue;
      }
      out += s.slice(chunk, this.pos) + this.parseEscape();
      chunk = this.pos;
    }
  }

  private parseEscape(): string {
    const e = this.s.charCodeAt(this.pos + 1);
    this.pos += 2;
    switch (e) {
      case 34:
        return '"';
      case 92:
        return '\\';
      case 47:
        return '/';
      case 98:
        return '\b';
      case 102:
        return '\f';
      case 110:
        return '\n';
      case 114:
        return '\r';
      case 116:
        return '\t';
      case 117: {
        const hex = this.s.slice(this.pos, this.pos + 4);
        if (!HEX4.test(hex)) {
          throw new JsonSyntaxError(
            'Unexpected character in character escape sequence: expected a hex-digit',
          );
        }
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        if (Number.isNaN(e)) {
          throw new JsonSyntaxError('Unexpected end-of-input in character escape sequence');
        }
        throw new JsonSyntaxError(`Unrecognized character escape ${describeChar(e)}`);
    }
  }

  private parseNumber(): number | JsonNumber {
    const s = this.s;
    const start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === 45) i++;
    const firstDigit = s.charCodeAt(i);
    if (firstDigit === 48) {
      i++;
      if (isDigit(s.charCodeAt(i))) {
        throw new JsonSyntaxError('Invalid numeric value: Leading zeroes not allowed');
      }
    } else if (isDigit(firstDigit)) {
      while (isDigit(s.charCodeAt(i))) i++;
    } else {
      throw this.numberError(
        firstDigit,
        'expected digit (0-9) to follow minus sign, for valid numeric value',
      );
    }
    const intEnd = i;
    let integral = true;
    if (s.charCodeAt(i) === 46) {
      integral = false;
      i++;
      if (!isDigit(s.charCodeAt(i))) {
        throw this.numberError(s.charCodeAt(i), 'Decimal point not followed by a digit');
      }
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      integral = false;
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(s.charCodeAt(i))) {
        throw this.numberError(s.charCodeAt(i), 'Exponent indicator not followed by a digit');
      }
      while (isDigit(s.charCodeAt(i))) i++;
    }
    this.pos = i;
    if (i - start > MAX_NUMBER_LENGTH) {
      throw new JsonSyntaxError(
        `Number value length (${i - start}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH}, from \`StreamReadConstraints.getMaxNumberLength()\`)`,
      );
    }
    const text = s.slice(start, i);
    const digitCount = intEnd - start - (s.charCodeAt(start) === 45 ? 1 : 0);
    if (integral && digitCount <= MAX_EXACT_INT_DIGITS) return Number(text);
    return new JsonNumber(text, integral);
  }

  private parseLiteral<T extends boolean | null>(word: string, value: T): T {
    if (
      this.s.startsWith(word, this.pos) &&
      !isTokenChar(this.s.charCodeAt(this.pos + word.length))
    ) {
      this.pos += word.length;
      return value;
    }
    throw this.unrecognizedToken();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw new JsonSyntaxError(
        `Document nesting depth (${this.depth}) exceeds the maximum allowed (${MAX_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
      );
    }
  }

  private skipWhitespace(): void {
    const s = this.s;
    let i = this.pos;
    if (s.charCodeAt(i) > 32) return;
    while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
    this.pos = i;
  }

  private unrecognizedToken(): JsonSyntaxError {
    let end = this.pos;
    while (end < this.s.length && isTokenChar(this.s.charCodeAt(end))) end++;
    const token = this.s.slice(this.pos, Math.max(end, this.pos + 1));
    return new JsonSyntaxError(`Unrecognized token '${token}': ${TOKEN_EXPECTED}`);
  }

  private unexpected(c: number, expectation: string): JsonSyntaxError {
    return new JsonSyntaxError(`Unexpected character ${describeChar(c)}: ${expectation}`);
  }

  private numberError(c: number, expectation: string): JsonSyntaxError {
    if (Number.isNaN(c)) return new JsonSyntaxError('Unexpected end-of-input in a Number value');
    return new JsonSyntaxError(
      `Unexpected character ${describeChar(c)} in numeric value: ${expectation}`,
    );
  }

  private endOfInput(container: 'Object' | 'Array'): JsonSyntaxError {
    return new JsonSyntaxError(`Unexpected end-of-input: expected close marker for ${container}`);
  }
}

function describeChar(c: number): string {
  if (c < 32) return `(CTRL-CHAR, code ${c})`;
  return `('${String.fromCharCode(c)}' (code ${c}))`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNumberStart(c: number): boolean {
  return c === 45 || isDigit(c);
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}
