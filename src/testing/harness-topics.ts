/**
 * The topics a case's harness creates before its statements run, as ksqlDB's QTT harness does
 * (TestCaseBuilderUtil.getTopicsByName): the declared `topics` first, then the KAFKA_TOPIC of
 * every CREATE STREAM/TABLE statement, then every topic an input or expected output names, the
 * inferred ones with ksqlDB's legacy default of 4 partitions and 1 replica. A topic whose CREATE
 * statement declares PARTITIONS is left for the statement to create with that count, also when
 * `topics` declares it (for its schemas) without a partition count: ksqlDB's harness creates
 * its topics apart from the topics its engine sees, so such a statement never finds the topic
 * made with another count.
 */
import { parseStatement } from '../parser/parse.js';
import type { TestCase } from './test-case.js';

/** ksqlDB's KsqlConstants.legacyDefaultSinkPartitionCount / ReplicaCount. */
export const LEGACY_PARTITIONS = 4;
export const LEGACY_REPLICAS = 1;

export interface HarnessTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicas: number;
}

export function harnessTopics(testCase: TestCase): HarnessTopic[] {
  const topics = new Map<string, HarnessTopic>();
  const declaresPartitions = new Set<string>();
  const sized = new Set(
    testCase.topics.filter((t) => t.partitions !== undefined).map((t) => t.name),
  );
  for (const t of testCase.topics) {
    topics.set(t.name, {
      name: t.name,
      partitions: t.partitions ?? LEGACY_PARTITIONS,
      replicas: t.replicas ?? LEGACY_REPLICAS,
    });
  }
  for (const statement of testCase.statements) {
    const declared = createdTopic(statement);
    if (!declared) continue;
    if (declared.hasPartitions) {
      declaresPartitions.add(declared.topic);
      if (!sized.has(declared.topic)) topics.delete(declared.topic);
    } else if (!topics.has(declared.topic)) {
      topics.set(declared.topic, legacy(declared.topic));
    }
  }
  for (const record of [...testCase.inputs, ...testCase.outputs]) {
    if (!topics.has(record.topic) && !declaresPartitions.has(record.topic)) {
      topics.set(record.topic, legacy(record.topic));
    }
  }
  return [...topics.values()];
}

function legacy(name: string): HarnessTopic {
  return { name, partitions: LEGACY_PARTITIONS, replicas: LEGACY_REPLICAS };
}

/** The topic of a CREATE STREAM/TABLE statement (not … AS SELECT); undefined for anything else. */
function createdTopic(sql: string): { topic: string; hasPartitions: boolean } | undefined {
  try {
    const stmt = parseStatement(sql);
    if (stmt.kind !== 'createSource') return undefined;
    const topic = stmt.properties.KAFKA_TOPIC;
    if (topic === undefined || topic === null) return undefined;
    return { topic: String(topic), hasPartitions: stmt.properties.PARTITIONS !== undefined };
  } catch {
    // A statement that does not parse is reported when the case runs it.
    return undefined;
  }
}
