/**
 * The end of a case: the records written to each expected topic and to every other sink topic are
 * read back in the order they were written, decoded by the formats of the source on their topic,
 * and compared with the expected outputs per topic (record-compare.ts); then the `post` checks.
 * Records on sink topics that no expected output names are reported, and fail the case only in
 * ksql-test-runner mode (`strictTopics`), since ksqlDB's QTT harness ignores them.
 */
import type { DataSource } from '../engine/data-source.js';
import type { Engine } from '../engine/engine.js';
import { checkPostConditions } from './post-conditions.js';
import { decodeOutput } from './record-codec.js';
import { topicMismatch } from './record-compare.js';
import type { RecordingLog } from './recording-log.js';
import type { RecordSpec, TestCase } from './test-case.js';

export interface CaseOutcome {
  readonly status: 'passed' | 'failed' | 'skipped' | 'error';
  readonly outputs?: readonly RecordSpec[];
  readonly error?: string;
}

/** Processing-log notices shown with a mismatch, at most. */
const NOTICES_SHOWN = 3;

export async function compareOutputs(
  testCase: TestCase,
  engine: Engine,
  log: RecordingLog,
  notices: readonly string[],
): Promise<CaseOutcome> {
  const expectedTopics = unique(testCase.outputs.map((r) => r.topic));
  const sinkTopics = unique([...engine.queries.values()].map((q) => q.plan.sink.topic));
  const otherTopics = sinkTopics.filter(
    (t) => !expectedTopics.includes(t) && log.records(t).length > 0,
  );
  const outputs: RecordSpec[] = [];
  const actualByTopic = new Map<string, RecordSpec[]>();
  for (const topic of [...expectedTopics, ...otherTopics]) {
    const raw = log.records(topic);
    if (raw.length === 0) {
      actualByTopic.set(topic, []);
      continue;
    }
    const source = sinkSource(engine, topic);
    if (!source) return { status: 'failed', outputs, error: `no source found for topic ${topic}` };
    try {
      const records = raw.map((r) => decodeOutput(r, source, engine.schemaRegistry));
      actualByTopic.set(topic, records);
      outputs.push(...records);
    } catch (err) {
      return { status: 'failed', outputs, error: `topic '${topic}': ${(err as Error).message}` };
    }
  }
  const ranWithInsertStatements = testCase.inputs.length === 0;
  const problems: string[] = [];
  for (const topic of expectedTopics) {
    const expected = testCase.outputs.filter((r) => r.topic === topic);
    const why = topicMismatch(topic, actualByTopic.get(topic) ?? [], expected, {
      ranWithInsertStatements,
    });
    if (why) problems.push(why);
  }
  const unexpected = otherTopics.map(
    (t) =>
      `topic '${t}' got ${actualByTopic.get(t)?.length ?? 0} records that no expected output names`,
  );
  if (testCase.strictTopics) problems.push(...unexpected);
  if (problems.length === 0 && testCase.post) {
    problems.push(
      ...checkPostConditions(
        testCase.post,
        engine.metastore,
        await engine.log.listTopics(),
        [...engine.queries.values()].flatMap((q) => q.repartitionTopics),
      ),
    );
  }
  if (problems.length === 0) return { status: 'passed', outputs };
  const notes = [
    ...(testCase.strictTopics ? [] : unexpected),
    ...notices.slice(0, NOTICES_SHOWN).map((n) => `notice: ${n}`),
  ];
  return { status: 'failed', outputs, error: [...problems, ...notes].join('\n') };
}

/** The source whose formats a topic's output records are read with: the sink written there. */
function sinkSource(engine: Engine, topic: string): DataSource | undefined {
  const sources = engine.metastore.sourcesOnTopic(topic);
  return sources.find((s) => s.writtenBy) ?? sources[0];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
