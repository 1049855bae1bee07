/**
 * Reading ksqlDB's query-validation-test (QTT) files: JSON with comments, a `tests` list of cases.
 * A case with `format` becomes one case per format (`NAME - FORMAT`, every `{FORMAT}` in its
 * statements replaced); `enabled: false` cases are kept, marked disabled, so they are reported as
 * skipped. A case that cannot be read becomes an `invalid` case rather than failing the file.
 * Names are trimmed (a few upstream names end in a space, which a list of ids would not keep).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  isJsonArray,
  isJsonObject,
  jsonText,
  parseJsonText,
  type JsonObject,
  type JsonValue,
} from './json-text.js';
import { readPost, readRecord, toPlainString } from './qtt-fields.js';
import type { RecordSpec, TestCase, TopicDecl, TopicSchema } from './test-case.js';

/** A file that cannot be read as QTT at all. */
export class QttFileError extends Error {}

export async function readQttFile(path: string): Promise<TestCase[]> {
  const text = await readFile(path, 'utf8');
  return parseQttText(text, basename(path));
}

export function parseQttText(text: string, file: string): TestCase[] {
  let doc: JsonValue;
  try {
    doc = parseJsonText(text);
  } catch (err) {
    throw new QttFileError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (!isJsonObject(doc) || !isJsonArray(doc.tests)) {
    throw new QttFileError(`${file}: expected an object with a "tests" list`);
  }
  const cases = doc.tests.flatMap((raw, i) => expandCase(raw, file, i));
  return uniqueNames(cases);
}

/** One case per `format` entry (or just the case). */
export function expandCase(raw: JsonValue, file: string, index: number): TestCase[] {
  if (!isJsonObject(raw)) {
    return [invalidCase(file, `#${index + 1}`, 'a case must be a JSON object')];
  }
  const name =
    typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : `#${index + 1}`;
  const formats = isJsonArray(raw.format) ? raw.format.map((f) => toPlainString(f)) : [];
  if (formats.length === 0) return [buildCase(raw, file, name, undefined)];
  return formats.map((format) => buildCase(raw, file, `${name} - ${format}`, format));
}

function buildCase(
  raw: JsonObject,
  file: string,
  name: string,
  format: string | undefined,
): TestCase {
  try {
    const statements = stringList(raw.statements, 'statements').map((s) =>
      format === undefined ? s : s.split('{FORMAT}').join(format),
    );
    if (statements.length === 0) throw new Error('"statements" is empty');
    const inputs = recordList(raw.inputs, 'inputs');
    const outputs = recordList(raw.outputs, 'outputs');
    const expectedException = isJsonObject(raw.expectedException)
      ? {
          ...(typeof raw.expectedException.type === 'string'
            ? { type: raw.expectedException.type }
            : {}),
          ...(typeof raw.expectedException.message === 'string'
            ? { message: raw.expectedException.message }
            : {}),
        }
      : undefined;
    if (!expectedException && inputs.length === 0 && outputs.length === 0) {
      throw new Error('no inputs, outputs or expectedException provided');
    }
    const post = raw.post === undefined || raw.post === null ? undefined : readPost(raw.post);
    return {
      file,
      name,
      statements,
      properties: properties(raw.properties),
      topics: topicList(raw.topics),
      inputs,
      outputs,
      ...(expectedException ? { expectedException } : {}),
      ...(post ? { post } : {}),
      ...(raw.enabled === false ? { disabled: true } : {}),
    };
  } catch (err) {
    return invalidCase(file, name, (err as Error).message);
  }
}

function invalidCase(file: string, name: string, reason: string): TestCase {
  return {
    file,
    name,
    statements: [],
    properties: {},
    topics: [],
    inputs: [],
    outputs: [],
    invalid: `invalid test case: ${reason}`,
  };
}

/** Names that repeat within a file get ` (2)`, ` (3)`… so every id is unique. */
function uniqueNames(cases: TestCase[]): TestCase[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} (${n})` };
  });
}

function stringList(value: JsonValue | undefined, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!isJsonArray(value) || !value.every((s) => typeof s === 'string')) {
    throw new Error(`"${field}" must be a list of strings`);
  }
  return value as string[];
}

function recordList(value: JsonValue | undefined, field: string): RecordSpec[] {
  if (value === undefined || value === null) return [];
  if (!isJsonArray(value)) throw new Error(`"${field}" must be a list of records`);
  return value.map((r, i) => readRecord(r, `${field}[${i}]`));
}

function topicList(value: JsonValue | undefined): TopicDecl[] {
  if (!isJsonArray(value)) return [];
  return value.filter(isJsonObject).map((t) => {
    if (typeof t.name !== 'string') throw new Error('a topic needs a "name"');
    const partitions = t.partitions === undefined ? undefined : Number(toPlainString(t.partitions));
    const replicas = t.replicas === undefined ? undefined : Number(toPlainString(t.replicas));
    const keySchema = topicSchema(t, 'key');
    const valueSchema = topicSchema(t, 'value');
    return {
      name: t.name,
      ...(partitions !== undefined ? { partitions } : {}),
      ...(replicas !== undefined ? { replicas } : {}),
      ...(keySchema ? { keySchema } : {}),
      ...(valueSchema ? { valueSchema } : {}),
    };
  });
}

/** The registry type of a declared format (JSON_SR keeps JSON schemas); undefined for others. */
function schemaTypeOf(format: string | undefined): TopicSchema['schemaType'] | undefined {
  switch (format?.toUpperCase()) {
    case 'AVRO':
      return 'AVRO';
    case 'PROTOBUF':
      return 'PROTOBUF';
    case 'JSON':
    case 'JSON_SR':
      return 'JSON';
    default:
      return undefined;
  }
}

/** Schema text: Protobuf schemas are given as text, Avro and JSON schemas as JSON. */
function schemaText(value: JsonValue, type: TopicSchema['schemaType']): string {
  return type === 'PROTOBUF' && typeof value === 'string' ? value : jsonText(value);
}

/** A topic's `keySchema` / `valueSchema`, typed by `keyFormat` / `valueFormat` / `format`. */
function topicSchema(t: JsonObject, side: 'key' | 'value'): TopicSchema | undefined {
  const raw = t[`${side}Schema`];
  if (raw === undefined || raw === null) return undefined;
  const declared = t[`${side}Format`] ?? t.format;
  const format = typeof declared === 'string' ? declared : undefined;
  const looksProto = typeof raw === 'string' && /\b(syntax|message)\b/.test(raw);
  const type = schemaTypeOf(format) ?? (looksProto ? 'PROTOBUF' : 'AVRO');
  const id = t[`${side}SchemaId`];
  const refs = t[`${side}SchemaReferences`];
  const references = isJsonArray(refs)
    ? refs.filter(isJsonObject).map((r) => {
        const refType = schemaTypeOf(typeof r.format === 'string' ? r.format : undefined) ?? type;
        return {
          name: String(r.name),
          schemaType: refType,
          schema: schemaText(r.schema ?? null, refType),
        };
      })
    : [];
  return {
    schemaType: type,
    schema: schemaText(raw, type),
    ...(id !== undefined && id !== null ? { id: Number(toPlainString(id)) } : {}),
    references,
  };
}

/** Properties as strings, the way SET gives them. */
function properties(value: JsonValue | undefined): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainString(v)]));
}
