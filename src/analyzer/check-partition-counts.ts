/**
 * ksqlDB's JoinNode.ensureMatchingPartitionCounts: the two sides of a join (other than a
 * foreign-key join, which needs no co-partitioning) must read topics with the same number of
 * partitions, the left side counting as its left-most source, as ksqlDB counts it. A join whose
 * sides are not co-partitioned would find a key's rows in different tasks; ksqlDB refuses it and
 * says how to fix it, and so does streamsql.
 */
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { RelationAnalysis } from './analyze-from.js';

/** `partitionsOf`: a topic's partition count (undefined: the topic does not exist yet). */
export async function checkPartitionCounts(
  rel: RelationAnalysis,
  partitionsOf: (topic: string) => Promise<number | undefined>,
  span: Span,
): Promise<void> {
  if (rel.kind === 'source') return;
  await checkPartitionCounts(rel.left, partitionsOf, span);
  if (rel.joinKind === 'foreignKey') return;
  let left: RelationAnalysis = rel.left;
  while (left.kind === 'join') left = left.left;
  const [l, r] = await Promise.all([
    partitionsOf(left.source.topic),
    partitionsOf(rel.right.source.topic),
  ]);
  if (l === undefined || r === undefined || l === r) return;
  const a = left.alias;
  const b = rel.right.alias;
  throw new AnalysisError(
    `Can't join \`${a}\` with \`${b}\` since the number of partitions don't match. \`${a}\` partitions = ${l}; \`${b}\` partitions = ${r}. Please repartition either one so that the number of partitions match.`,
    span,
  );
}
