/**
 * QTT `post` checks, made after the outputs matched: each expected source exists with its type,
 * its schema (compared column by column, per namespace, not as text), its key and value formats
 * and window; topics named by `post.topics` exist with their partition count and formats; no
 * topic matches the `blacklist` regex. Of ksqlDB's internal topics (`_confluent-ksql-…`), the
 * repartition topics are checked (name after the service id, partitions, key and value formats
 * as the query writes them); the others are changelogs, whose names carry Kafka Streams' node
 * numbers (`KSTREAM-…-0000000012-store-changelog`) rather than a behaviour, and are skipped.
 */
import type { Column } from '../common/schema.js';
import { formatSchema } from '../common/schema.js';
import { formatType, typesEqual } from '../common/sql-types.js';
import type { DataSource } from '../engine/data-source.js';
import type { Metastore } from '../engine/metastore.js';
import type { TopicInfo } from '../log/log.js';
import { parseSchemaText } from './schema-text.js';
import type {
  FormatExpectation,
  PostConditions,
  SourceExpectation,
  TopicExpectation,
} from './test-case.js';

const INTERNAL_TOPIC = /^_confluent-ksql-/;
/** `_confluent-ksql-<service id>query_<query id>-<step>-repartition`: the part after the id. */
const REPARTITION_TOPIC = /^_confluent-ksql-.*?query_(.+-repartition)$/;

/** A repartition topic a query writes, with the formats it writes it in. */
export interface InternalTopicFormats {
  readonly name: string;
  readonly keyFormat: string;
  readonly valueFormat: string;
}

/** Every unmet post condition, said shortly; empty when all hold. */
export function checkPostConditions(
  post: PostConditions,
  metastore: Metastore,
  topics: readonly TopicInfo[],
  internal: readonly InternalTopicFormats[] = [],
): string[] {
  const failures: string[] = [];
  for (const expected of post.sources)
    failures.push(...checkSource(expected, metastore.getSource(expected.name)));
  for (const expected of post.topics) {
    const repartition = REPARTITION_TOPIC.exec(expected.name);
    if (repartition) {
      failures.push(...checkRepartitionTopic(expected, repartition[1]!, topics, internal));
      continue;
    }
    if (INTERNAL_TOPIC.test(expected.name)) continue;
    failures.push(...checkTopic(expected, topics, metastore));
  }
  if (post.blacklist !== undefined) {
    const pattern = new RegExp(`^(?:${post.blacklist})$`);
    const hits = topics.map((t) => t.name).filter((n) => pattern.test(n));
    if (hits.length > 0)
      failures.push(`topics matching the blacklist ${post.blacklist} exist: ${hits.join(', ')}`);
  }
  return failures;
}

function checkSource(expected: SourceExpectation, source: DataSource | undefined): string[] {
  if (!source) return [`source ${expected.name} does not exist`];
  const failures: string[] = [];
  if (source.sourceType !== expected.type) {
    failures.push(
      `source ${expected.name}: expected a ${expected.type} but it is a ${source.sourceType}`,
    );
  }
  if (expected.schema !== undefined) {
    const why = schemaMismatch(expected.schema, source.columns);
    if (why) failures.push(`source ${expected.name}: ${why}`);
  }
  if (expected.keyFormat) {
    const why = formatMismatch(expected.keyFormat, source.keyFormat.format, source);
    if (why) failures.push(`source ${expected.name}: key format: ${why}`);
  }
  if (expected.valueFormat) {
    const why = formatMismatch(expected.valueFormat, source.valueFormat.format, undefined);
    if (why) failures.push(`source ${expected.name}: value format: ${why}`);
  }
  return failures;
}

export function schemaMismatch(
  expectedText: string,
  columns: readonly Column[],
): string | undefined {
  let expected: Column[];
  try {
    expected = parseSchemaText(expectedText);
  } catch (err) {
    return `cannot read the expected schema "${expectedText}": ${(err as Error).message}`;
  }
  const actual = columns.filter((c) => c.namespace !== 'pseudo');
  const same = (['key', 'value', 'header'] as const).every((ns) =>
    sameColumns(
      expected.filter((c) => c.namespace === ns),
      actual.filter((c) => c.namespace === ns),
    ),
  );
  if (same) return undefined;
  return `schema differs: expected "${formatSchema(expected, formatType)}" but was "${formatSchema(actual, formatType)}"`;
}

function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => {
      const d = b[i]!;
      return (
        c.name === d.name &&
        typesEqual(c.type, d.type) &&
        (c.headerKey ?? null) === (d.headerKey ?? null)
      );
    })
  );
}

function formatMismatch(
  expected: FormatExpectation,
  actual: string,
  windowed: DataSource | undefined,
): string | undefined {
  if (expected.format !== actual.toUpperCase())
    return `expected ${expected.format} but was ${actual}`;
  if (!windowed) return undefined;
  const window = windowed.window;
  if (expected.windowType !== undefined) {
    const actualType = window?.type.toUpperCase() ?? 'none';
    if (expected.windowType !== actualType)
      return `expected a ${expected.windowType} window but was ${actualType}`;
  }
  if (expected.windowSizeMs !== undefined && window?.sizeMs !== expected.windowSizeMs) {
    return `expected a window size of ${expected.windowSizeMs} ms but was ${window?.sizeMs ?? 'none'}`;
  }
  return undefined;
}

function checkTopic(
  expected: TopicExpectation,
  topics: readonly TopicInfo[],
  metastore: Metastore,
): string[] {
  const topic = topics.find((t) => t.name === expected.name);
  if (!topic) return [`topic ${expected.name} does not exist`];
  const failures: string[] = [];
  if (expected.partitions !== undefined && topic.partitions !== expected.partitions) {
    failures.push(
      `topic ${expected.name}: expected ${expected.partitions} partitions but it has ${topic.partitions}`,
    );
  }
  const sources = metastore.sourcesOnTopic(expected.name);
  if (sources.length > 0) {
    const key = expected.keyFormat;
    if (key && !sources.some((s) => s.keyFormat.format === key.format)) {
      failures.push(
        `topic ${expected.name}: expected key format ${key.format} but was ${sources[0]!.keyFormat.format}`,
      );
    }
    const value = expected.valueFormat;
    if (value && !sources.some((s) => s.valueFormat.format === value.format)) {
      failures.push(
        `topic ${expected.name}: expected value format ${value.format} but was ${sources[0]!.valueFormat.format}`,
      );
    }
  }
  return failures;
}

/** A repartition topic: found by what follows the service id, which is configuration. */
function checkRepartitionTopic(
  expected: TopicExpectation,
  step: string,
  topics: readonly TopicInfo[],
  internal: readonly InternalTopicFormats[],
): string[] {
  const suffix = `query_${step}`;
  const topic = topics.find((t) => t.name.endsWith(suffix));
  if (!topic) return [`repartition topic ${expected.name} does not exist`];
  const failures: string[] = [];
  if (expected.partitions !== undefined && topic.partitions !== expected.partitions) {
    failures.push(
      `topic ${topic.name}: expected ${expected.partitions} partitions but it has ${topic.partitions}`,
    );
  }
  const formats = internal.find((t) => t.name === topic.name);
  for (const side of ['keyFormat', 'valueFormat'] as const) {
    const want = expected[side]?.format;
    if (want !== undefined && formats && formats[side] !== want) {
      failures.push(`topic ${topic.name}: expected ${side} ${want} but it is ${formats[side]}`);
    }
  }
  return failures;
}
