/**
 * JSON text as ksqlDB's JSON functions read and write it with Jackson (UdfJsonMapper):
 * - numbers keep their exact text (Jackson reads them as BigDecimal, exact), and print as
 *   BigInteger/BigDecimal do: `1.50` stays `1.50`, `1e2` prints `1E+2` (or `100` when plain);
 * - only the first value of the text is read: `{"a": 1}}` is `{"a": 1}` (Jackson does not look
 *   for trailing tokens), but a number or literal must end where a value ends (`1x` is an error);
 * - object keys keep their first position; a repeated key takes the last value;
 * - empty text is Jackson's MissingNode (`undefined` here).
 */
import { bigDecimalToPlainString, bigDecimalToString } from './java-text.js';

/** A JSON number, with the text it was written as. */
export class JsonNumber {
  constructor(
    readonly text: string,
    readonly isInteger: boolean,
  ) {}
}

export type JsonValue =
  null | boolean | string | JsonNumber | readonly JsonValue[] | ReadonlyMap<string, JsonValue>;

export class JsonSyntaxError extends Error {}

/** Parses the first JSON value of `text`; undefined when the text holds none (only blanks). */
export function parseJson(text: string): JsonValue | undefined {
  const reader = new JsonReader(text);
  if (reader.atEnd()) return undefined;
  return reader.rootValue();
}

/** A cursor over JSON text, for callers that read an array element by element. */
export class JsonReader {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipBlanks();
    return this.pos >= this.text.length;
  }

  /** The next non-blank character, or '' at the end. */
  peek(): string {
    this.skipBlanks();
    return this.text[this.pos] ?? '';
  }

  rootValue(): JsonValue {
    const value = this.value();
    if (
      value instanceof JsonNumber &&
      this.pos < this.text.length &&
      !isBlank(this.text[this.pos]!)
    ) {
      throw this.error('Expected space separating root-level values');
    }
    return value;
  }

  value(): JsonValue {
    const c = this.peek();
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        throw this.error(`Unexpected character ('${c}')`);
    }
  }

  private object(): ReadonlyMap<string, JsonValue> {
    this.pos++;
    const result = new Map<string, JsonValue>();
    if (this.peek() === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.peek() !== '"') throw this.error('Expected a field name');
      const key = this.string();
      if (this.peek() !== ':') throw this.error("Expected ':'");
      this.pos++;
      result.set(key, this.value());
      const next = this.peek();
      this.pos++;
      if (next === '}') return result;
      if (next !== ',') throw this.error("Expected ',' or '}'");
    }
  }

  private array(): readonly JsonValue[] {
    this.pos++;
    const result: JsonValue[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value());
      const next = this.peek();
      this.pos++;
      if (next === ']') return result;
      if (next !== ',') throw this.error("Expected ',' or ']'");
    }
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) throw this.error('Unexpected end of input in a string');
      if (c === '"') return out;
      if (c < ' ') throw this.error('Illegal unquoted character in a string');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escape = this.text[this.pos++];
      const simple = escape === undefined ? undefined : ESCAPES[escape];
      if (simple !== undefined) {
        out += simple;
      } else if (
        escape === 'u' &&
        /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos, this.pos + 4))
      ) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else {
        throw this.error('Unrecognized character escape');
      }
    }
  }

  private number(): JsonNumber {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('Invalid numeric value');
    this.pos += match[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) throw this.error('Invalid numeric value');
    return new JsonNumber(match[0], match[2] === undefined && match[3] === undefined);
  }

  private literal<T>(word: string, value: T): T {
    const end = this.pos + word.length;
    if (this.text.slice(this.pos, end) !== word || /[\p{L}\p{N}_$]/u.test(this.text[end] ?? '')) {
      throw this.error('Unrecognized token');
    }
    this.pos = end;
    return value;
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && isBlank(this.text[this.pos]!)) this.pos++;
  }

  private error(message: string): JsonSyntaxError {
    return new JsonSyntaxError(`${message} at position ${this.pos}`);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Compact JSON text. Numbers print as Jackson prints BigDecimal: `plainDecimals` for
 * writeValueAsString with WRITE_BIGDECIMAL_AS_PLAIN, otherwise as JsonNode.toString() does.
 */
export function writeJson(value: JsonValue, plainDecimals = false): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quoteJson(value);
  if (value instanceof JsonNumber) return formatNumber(value, plainDecimals);
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonValue[]).map((v) => writeJson(v, plainDecimals)).join(',')}]`;
  }
  const entries = [...(value as ReadonlyMap<string, JsonValue>)];
  return `{${entries.map(([k, v]) => `${quoteJson(k)}:${writeJson(v, plainDecimals)}`).join(',')}}`;
}

function formatNumber(value: JsonNumber, plain: boolean): string {
  if (value.isInteger) return BigInt(value.text).toString();
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(value.text)!;
  const fraction = match[3] ?? '';
  const unscaled = BigInt(`${match[1]}${match[2]}${fraction}`);
  const scale = fraction.length - Number(match[4] ?? 0);
  return plain ? bigDecimalToPlainString(unscaled, scale) : bigDecimalToString(unscaled, scale);
}

/** A JSON string literal, escaped as Jackson escapes (`\u001F`, upper-case hex). */
export function quoteJson(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (code >= 0x20) out += c;
    else out += SHORT_ESCAPES[c] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
