/**
 * Rule: puts a repartition step where ksqlDB repartitions, so that every task sees all the rows
 * of the keys of its partition.
 *
 * - GROUP BY on a stream whose group keys are not the stream's key columns, in order (a windowed
 *   stream always), and GROUP BY on any table (KTable.groupBy): `Aggregate-GroupBy`.
 * - A stream side of a join whose join expression is not its key (for a join below, not in the
 *   join's equivalence set): `Join-left` / `Join-right` (stream-stream) or `Join` (stream-table),
 *   prefixed `L_` per level of an n-way join, as ksqlDB's LogicalPlanner names them.
 * - A side that keeps its key but whose key format is not the join's (KLIP-33), and every source
 *   side when the join's key format is a Schema Registry one: re-keyed into the join's key
 *   format; a table side as `LeftSourceKeyed-SelectKey` / `RightSourceKeyed-SelectKey`.
 *
 * Foreign-key joins need no co-partitioning: they get subscription topics instead (and a right
 * side re-keyed when its key format has schema inference). PARTITION BY only feeds a sink
 * (ksqlDB refuses it with GROUP BY), which partitions its records itself.
 */
import type { TypedExpression } from '../../analyzer/typed-expression.js';
import type { FormatInfo } from '../../engine/data-source.js';
import { checkFormatSupports } from '../../serde/format-support.js';
import type { FormatName } from '../../serde/serde.js';
import type { AggregateNode, JoinNode, PlanNode, RepartitionNode, SourceNode } from '../plan.js';

/** Key formats whose schemas Schema Registry holds (ksqlDB's SerdeFeature.SCHEMA_INFERENCE). */
const SCHEMA_INFERENCE: ReadonlySet<FormatName> = new Set(['AVRO', 'PROTOBUF', 'JSON_SR']);

export interface RepartitionSettings {
  /** `ksql.persistence.default.format.key`: the key format where every source is keyless. */
  readonly defaultKeyFormat: FormatName;
  /** `streamsql.foreign.key.join.in.order` (see JoinNode.subscriptions.inOrder). */
  readonly foreignKeyJoinInOrder?: boolean;
}

export function insertRepartitions(root: PlanNode, settings: RepartitionSettings): PlanNode {
  return rewrite(root, '', settings);
}

function rewrite(node: PlanNode, prefix: string, settings: RepartitionSettings): PlanNode {
  switch (node.type) {
    case 'source':
      return node;
    case 'join':
      return rewriteJoin(node, prefix, settings);
    case 'aggregate':
      return rewriteAggregate(node, settings);
    case 'filter':
    case 'project':
    case 'flatMap':
    case 'repartition':
      return { ...node, input: rewrite(node.input, prefix, settings) };
  }
}

function rewriteAggregate(node: AggregateNode, settings: RepartitionSettings): PlanNode {
  const input = rewrite(node.input, '', settings);
  if (!groupByNeedsRepartition(node.groupBy, input)) return { ...node, input };
  const source = leftmostSource(input);
  const sourceKey = keyFormatOf(input);
  // ksqlDB keeps the source's key format (the default one for keyless sources) and turns to JSON
  // when it cannot hold the group keys (SerdeFeaturesFactory.sanitizeKeyFormat).
  const kept: FormatInfo =
    sourceKey.format === 'NONE'
      ? { format: settings.defaultKeyFormat, options: {} }
      : internalFormat(sourceKey);
  const keyFormat = holds(kept, node.groupBy) ? kept : { format: 'JSON' as const, options: {} };
  const repartition: RepartitionNode = {
    type: 'repartition',
    v: 1,
    input,
    name: 'Aggregate-GroupBy',
    keys: node.groupBy,
    keyFormat,
    valueFormat: internalFormat(source.valueFormat),
    ...(outputType(input) === 'table' ? { splitChanges: true } : {}),
    schema: input.schema,
  };
  return { ...node, input: repartition };
}

/** A stream grouped by its key columns in key order keeps its partitioning; nothing else does. */
function groupByNeedsRepartition(groupBy: readonly TypedExpression[], input: PlanNode): boolean {
  if (outputType(input) === 'table') return true;
  if (leftmostSource(input).window && input.type !== 'join') return true;
  const keys = keyPositions(input);
  if (keys.length === 0 || keys.length !== groupBy.length) return true;
  return groupBy.some((g, i) => g.k !== 'column' || g.index !== keys[i]);
}

function rewriteJoin(node: JoinNode, prefix: string, settings: RepartitionSettings): PlanNode {
  const left = rewrite(node.left, `${prefix}L_`, settings);
  const right = rewrite(node.right, `${prefix}R_`, settings);
  if (node.kind === 'foreignKey') return foreignKeyJoin(node, left, right, prefix, settings);
  const leftRekey = !isKeyOf(left, node.leftKey);
  const rightRekey = !isKeyOf(right, node.rightKey);
  const joinFormat =
    (leftRekey ? undefined : keyFormatOf(left)) ??
    (rightRekey ? undefined : keyFormatOf(right)) ??
    defaultSourceKeyFormat(node, settings);
  // A key format with schema inference (Schema Registry) re-keys every source side, so that
  // both sides' keys are written with one schema (ksqlDB's PreJoinRepartitionNode, issue 6332).
  const inferred = SCHEMA_INFERENCE.has(joinFormat.format);
  const side = (input: PlanNode, key: TypedExpression, rekey: boolean, which: 'left' | 'right') => {
    const forced = inferred && input.type !== 'join';
    if (!rekey && !forced && sameFormat(keyFormatOf(input), joinFormat)) return input;
    const isTable = outputType(input) === 'table';
    const name = isTable
      ? `${prefix}${which === 'left' ? 'Left' : 'Right'}SourceKeyed-SelectKey`
      : node.kind === 'streamTable'
        ? `${prefix}Join`
        : `${prefix}Join-${which}`;
    const repartition: RepartitionNode = {
      type: 'repartition',
      v: 1,
      input,
      name,
      keys: [key],
      keyFormat: internalFormat(joinFormat),
      valueFormat: internalFormat(leftmostSource(input).valueFormat),
      schema: input.schema,
    };
    return repartition;
  };
  return {
    ...node,
    left: side(left, node.leftKey, leftRekey, 'left'),
    right: side(right, node.rightKey, rightRekey, 'right'),
  };
}

/**
 * A foreign-key join needs no co-partitioning: it runs Kafka Streams' subscription protocol over
 * two internal topics, named as Kafka Streams names them. A right table whose key format has
 * schema inference is re-keyed first, as ksqlDB's PreJoinRepartitionNode forces it, so that
 * subscriptions and right rows carry keys written with one schema.
 */
function foreignKeyJoin(
  node: JoinNode,
  left: PlanNode,
  right: PlanNode,
  prefix: string,
  settings: RepartitionSettings,
): JoinNode {
  const rightFormat = keyFormatOf(right);
  const rekeyed: PlanNode =
    SCHEMA_INFERENCE.has(rightFormat.format) && right.type !== 'repartition'
      ? {
          type: 'repartition',
          v: 1,
          input: right,
          name: `${prefix}RightSourceKeyed-SelectKey`,
          keys: [node.rightKey],
          keyFormat: internalFormat(keyFormatOf(left)),
          valueFormat: internalFormat(leftmostSource(right).valueFormat),
          schema: right.schema,
        }
      : right;
  return {
    ...node,
    left,
    right: rekeyed,
    subscriptions: {
      registration: `${prefix}KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic`,
      response: `${prefix}KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic`,
      foreignKeyFormat: internalFormat(keyFormatOf(rekeyed)),
      ...(settings.foreignKeyJoinInOrder ? { inOrder: true as const } : {}),
    },
  };
}

/**
 * Whether a join side is already partitioned by `key`: a source's one key column, or a join's
 * key slot or an expression of its equivalence set (ksqlDB's JoinTree.joinEquivalenceSet).
 */
function isKeyOf(side: PlanNode, key: TypedExpression): boolean {
  if (key.k !== 'column') return false;
  if (side.type === 'join') return key.index === 0 || equivalence(side).has(key.index);
  const keys = keyPositions(side);
  return keys.length === 1 && keys[0] === key.index;
}

/** Positions in a join's row of the columns its key equals (none for FULL OUTER joins). */
function equivalence(join: JoinNode): Set<number> {
  if (join.joinType === 'full') return new Set();
  const leftWidth = join.left.schema.length;
  const keys = new Set<number>();
  if (join.leftKey.k === 'column') keys.add(join.leftKey.index + 1);
  if (join.rightKey.k === 'column') keys.add(join.rightKey.index + 1 + leftWidth);
  const inner = (side: PlanNode, offset: number): Set<number> => {
    const n = unwrap(side);
    if (n.type !== 'join') return new Set();
    return new Set([...equivalence(n), 0].map((i) => i + offset));
  };
  const result = new Set(keys);
  for (const child of [inner(join.left, 1), inner(join.right, 1 + leftWidth)]) {
    if ([...child].some((i) => keys.has(i))) for (const i of child) result.add(i);
  }
  return result;
}

function unwrap(node: PlanNode): PlanNode {
  return node.type === 'repartition' ? unwrap(node.input) : node;
}

/** The first non-NONE key format of the join's sources, else the default (ksqlDB's JoinNode). */
function defaultSourceKeyFormat(node: JoinNode, settings: RepartitionSettings): FormatInfo {
  for (const s of [...sources(node.left), ...sources(node.right)]) {
    if (s.keyFormat.format !== 'NONE') return s.keyFormat;
  }
  return { format: settings.defaultKeyFormat, options: {} };
}

function holds(format: FormatInfo, keys: readonly TypedExpression[]): boolean {
  const columns = keys.map((k, i) => ({
    name: `KSQL_COL_${i}`,
    type: ('type' in k && k.type) || { base: 'STRING' as const },
  }));
  try {
    checkFormatSupports(format.format, columns, 'key', format.options);
    return true;
  } catch {
    return false;
  }
}

function sameFormat(a: FormatInfo, b: FormatInfo): boolean {
  return a.format === b.format && (a.options.delimiter ?? ',') === (b.options.delimiter ?? ',');
}

/** A format for an internal topic: the source's, without a schema id registered for the source. */
function internalFormat(f: FormatInfo): FormatInfo {
  const { schemaId: _schemaId, ...options } = f.options;
  return { format: f.format, options };
}

/** The key format of what a node emits. */
function keyFormatOf(node: PlanNode): FormatInfo {
  switch (node.type) {
    case 'source':
      return node.keyFormat;
    case 'repartition':
      return node.keyFormat;
    case 'join':
      return keyFormatOf(node.left);
    case 'aggregate':
    case 'filter':
    case 'project':
    case 'flatMap':
      return keyFormatOf(node.input);
  }
}

/** Whether a node emits a stream or a table's changes. */
export function outputType(node: PlanNode): 'stream' | 'table' {
  switch (node.type) {
    case 'source':
      return node.sourceType;
    case 'aggregate':
      return 'table';
    case 'join':
      return outputType(node.left) === 'table' && outputType(node.right) === 'table'
        ? 'table'
        : 'stream';
    case 'filter':
    case 'project':
    case 'flatMap':
    case 'repartition':
      return outputType(node.input);
  }
}

function keyPositions(node: PlanNode): number[] {
  return node.schema.flatMap((c, i) => (c.namespace === 'key' ? [i] : []));
}

function sources(node: PlanNode): SourceNode[] {
  switch (node.type) {
    case 'source':
      return [node];
    case 'join':
      return [...sources(node.left), ...sources(node.right)];
    default:
      return sources(node.input);
  }
}

function leftmostSource(node: PlanNode): SourceNode {
  return sources(node)[0]!;
}
