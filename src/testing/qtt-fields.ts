/**
 * The record and post-condition fields of the test formats, read from JSON into the runner's
 * types (test-case.ts), with a message naming the field when one has the wrong shape.
 */
import {
  isJsonArray,
  isJsonNumber,
  isJsonObject,
  jsonText,
  type JsonObject,
  type JsonValue,
} from './json-text.js';
import type {
  FormatExpectation,
  HeaderSpec,
  PostConditions,
  RecordSpec,
  SourceExpectation,
  TopicExpectation,
  WindowSpec,
} from './test-case.js';

/** A scalar as text: strings as they are, numbers exactly, anything else as JSON. */
export function toPlainString(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (isJsonNumber(value)) return value.toString();
  return jsonText(value);
}

function wholeNumber(value: JsonValue | undefined, field: string): number {
  const n = isJsonNumber(value)
    ? Number(value.toString())
    : typeof value === 'string'
      ? Number(value)
      : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`"${field}" must be a whole number`);
  return n;
}

export function readRecord(raw: JsonValue, field: string): RecordSpec {
  if (!isJsonObject(raw)) throw new Error(`${field} must be an object`);
  if (typeof raw.topic !== 'string' || raw.topic === '') {
    throw new Error(`${field} needs a "topic"`);
  }
  if (!('value' in raw)) throw new Error(`${field} needs a "value"`);
  const timestamp =
    raw.timestamp === undefined || raw.timestamp === null
      ? undefined
      : wholeNumber(raw.timestamp, `${field}.timestamp`);
  const window =
    raw.window === undefined || raw.window === null ? undefined : readWindow(raw.window, field);
  const headers =
    raw.headers === undefined || raw.headers === null ? undefined : readHeaders(raw.headers, field);
  return {
    topic: raw.topic,
    key: raw.key ?? null,
    value: raw.value ?? null,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(window ? { window } : {}),
    ...(headers ? { headers } : {}),
  };
}

function readWindow(raw: JsonValue, field: string): WindowSpec {
  if (!isJsonObject(raw)) throw new Error(`${field}.window must be an object`);
  const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : '';
  if (type !== 'time' && type !== 'session') {
    throw new Error(`${field}.window.type must be "time" or "session"`);
  }
  return {
    start: wholeNumber(raw.start, `${field}.window.start`),
    end: wholeNumber(raw.end, `${field}.window.end`),
    type,
  };
}

function readHeaders(raw: JsonValue, field: string): HeaderSpec[] {
  if (!isJsonArray(raw)) throw new Error(`${field}.headers must be a list`);
  return raw.map((h, i) => {
    if (!isJsonObject(h)) throw new Error(`${field}.headers[${i}] must be an object`);
    const key = h.KEY ?? h.key;
    const value = h.VALUE ?? h.value ?? null;
    if (typeof key !== 'string') throw new Error(`${field}.headers[${i}] needs a "KEY"`);
    if (value !== null && typeof value !== 'string') {
      throw new Error(`${field}.headers[${i}].VALUE must be base64 text or null`);
    }
    return { key, value };
  });
}

export function readPost(raw: JsonValue): PostConditions {
  if (!isJsonObject(raw)) throw new Error('"post" must be an object');
  const sources = isJsonArray(raw.sources) ? raw.sources.map(readSource) : [];
  const topicsNode = isJsonObject(raw.topics) ? raw.topics : undefined;
  const topics =
    topicsNode && isJsonArray(topicsNode.topics) ? topicsNode.topics.map(readTopic) : [];
  const blacklist = typeof topicsNode?.blacklist === 'string' ? topicsNode.blacklist : undefined;
  return { sources, topics, ...(blacklist !== undefined ? { blacklist } : {}) };
}

function readSource(raw: JsonValue, i: number): SourceExpectation {
  if (!isJsonObject(raw) || typeof raw.name !== 'string' || typeof raw.type !== 'string') {
    throw new Error(`post.sources[${i}] needs a "name" and a "type"`);
  }
  const type = raw.type.toLowerCase();
  if (type !== 'stream' && type !== 'table') {
    throw new Error(`post.sources[${i}].type must be stream or table`);
  }
  const keyFormat = readFormat(raw.keyFormat);
  const valueFormat = readFormat(raw.valueFormat);
  return {
    name: raw.name,
    type,
    ...(typeof raw.schema === 'string' ? { schema: raw.schema } : {}),
    ...(keyFormat ? { keyFormat } : {}),
    ...(valueFormat ? { valueFormat } : {}),
  };
}

function readTopic(raw: JsonValue, i: number): TopicExpectation {
  if (!isJsonObject(raw) || typeof raw.name !== 'string') {
    throw new Error(`post.topics.topics[${i}] needs a "name"`);
  }
  const keyFormat = readFormat(raw.keyFormat);
  const valueFormat = readFormat(raw.valueFormat);
  const partitions =
    raw.partitions === undefined ? undefined : wholeNumber(raw.partitions, 'partitions');
  return {
    name: raw.name,
    ...(keyFormat ? { keyFormat } : {}),
    ...(valueFormat ? { valueFormat } : {}),
    ...(partitions !== undefined ? { partitions } : {}),
  };
}

/** `"JSON"`, `{"format": "JSON", "windowType": "HOPPING", "windowSize": 5000}` or `{…, "windowInfo": {"type", "size" (s)}}`. */
export function readFormat(raw: JsonValue | undefined): FormatExpectation | undefined {
  if (typeof raw === 'string') return { format: raw.toUpperCase() };
  if (!isJsonObject(raw) || typeof raw.format !== 'string') return undefined;
  const info: JsonObject | undefined = isJsonObject(raw.windowInfo) ? raw.windowInfo : undefined;
  const windowType =
    typeof raw.windowType === 'string'
      ? raw.windowType
      : typeof info?.type === 'string'
        ? info.type
        : undefined;
  const sizeMs =
    raw.windowSize !== undefined && raw.windowSize !== null
      ? Number(toPlainString(raw.windowSize))
      : info?.size !== undefined && info.size !== null
        ? Number(toPlainString(info.size)) * 1000
        : undefined;
  return {
    format: raw.format.toUpperCase(),
    ...(windowType !== undefined ? { windowType: windowType.toUpperCase() } : {}),
    ...(sizeMs !== undefined && Number.isFinite(sizeMs) ? { windowSizeMs: sizeMs } : {}),
  };
}
