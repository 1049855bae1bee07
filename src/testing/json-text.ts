/**
 * JSON as the test formats use it: QTT files may hold `//` and `/* … *\/` comments outside
 * strings, and every number is kept exactly as written (a `LosslessNumber`), so that BIGINT and
 * DECIMAL values survive being read, compared and printed again.
 */
import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/** A parsed JSON value whose numbers keep their exact text. */
export type JsonValue =
  | null
  | boolean
  | string
  | LosslessNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export type JsonObject = { readonly [key: string]: JsonValue };

/** JSON text that does not parse; the message says where (`line L, column C`). */
export class JsonTextError extends Error {}

/** The text with its comments replaced by spaces (newlines kept), so positions do not move. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the string literal starting at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** Parses JSON (comments allowed), numbers exact; a duplicate key keeps its last value, as Jackson does. */
export function parseJsonText(text: string, allowComments = true): JsonValue {
  const source = allowComments ? stripJsonComments(text) : text;
  try {
    return parse(source, null, {
      onDuplicateKey: ({ newValue }) => newValue,
    }) as JsonValue;
  } catch (err) {
    throw new JsonTextError(locate(source, err instanceof Error ? err.message : String(err)));
  }
}

/** lossless-json reports `at position N`; turn it into a line and column. */
function locate(text: string, message: string): string {
  const match = /at position (\d+)/.exec(message);
  if (!match) return message;
  const pos = Number(match[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${message.replace(match[0], '').trim()} at line ${line}, column ${col}`;
}

/** JSON text, numbers written exactly as held. */
export function jsonText(value: JsonValue | undefined, indent?: number): string {
  return stringify(value === undefined ? null : value, undefined, indent) ?? 'null';
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value)
  );
}

export function isJsonArray(value: JsonValue | undefined): value is readonly JsonValue[] {
  return Array.isArray(value);
}

export function isJsonNumber(value: JsonValue | undefined): value is LosslessNumber {
  return isLosslessNumber(value);
}

/** A JSON number for a JavaScript number, bigint or numeric text. */
export function jsonNumber(value: number | bigint | string): LosslessNumber {
  return new LosslessNumber(String(value));
}

export { LosslessNumber };
