/**
 * One join: resolves `ON a = b` into a key expression per side, decides the kind of join
 * (stream-stream, stream-table, table-table on primary keys, foreign-key) with ksqlDB's rules
 * and messages, and lays out the joined row `[join key, …left row, …right row]`.
 */
import { AnalysisError } from '../common/errors.js';
import type { Column } from '../common/schema.js';
import { formatType, typesEqual } from '../common/sql-types.js';
import type { JoinRelation, JoinWindow } from '../parser/ast.js';
import type { AnalysisContext } from './analyze-query.js';
import { collectSources, type KeyAlternatives, type RelationAnalysis } from './analyze-from.js';
import { joinKeys, syntheticKeyName } from './join-keys.js';
import type { JoinCriteria } from './join-criteria.js';
import { typeExpression } from './expression-typer.js';
import { checkKeyTypes } from './key-checks.js';
import { printAst } from './print-ast.js';
import { usesSchemaRegistry } from '../serde/runtime-options.js';
import type { Scope } from './scope.js';
import type { TypedExpression } from './typed-expression.js';

export type JoinKind = 'streamStream' | 'streamTable' | 'tableTable' | 'foreignKey';

export interface JoinAnalysis {
  readonly kind: 'join';
  readonly joinKind: JoinKind;
  readonly joinType: 'inner' | 'left' | 'right' | 'full';
  readonly left: RelationAnalysis;
  readonly right: Extract<RelationAnalysis, { kind: 'source' }>;
  /** The join key over the left relation's row and over the right source's row. */
  readonly leftKey: TypedExpression;
  readonly rightKey: TypedExpression;
  readonly within?: JoinWindow;
  /** Foreign-key joins: positions of the left table's primary key in the left row. */
  readonly leftPrimaryKey?: readonly number[];
  readonly outputType: 'stream' | 'table';
  /** The keys of the joined row and what may be selected for each (one but for FK joins). */
  readonly keys: readonly KeyAlternatives[];
  /** Printed expressions that evaluate to the key (ksqlDB's join equivalence set). */
  readonly equivalence: ReadonlySet<string>;
  readonly schema: readonly Column[];
}

export function analyzeJoinCriteria(
  rel: JoinRelation,
  criteria: JoinCriteria,
  left: RelationAnalysis,
  right: Extract<RelationAnalysis, { kind: 'source' }>,
  ctx: AnalysisContext,
  scopeOf: (r: RelationAnalysis) => Scope,
): JoinAnalysis {
  const { on, leftAst, rightAst, leftSource } = criteria;
  if (on.kind !== 'comparison') throw new AnalysisError('Invalid join condition', on.span);
  const typing = {
    functions: ctx.functions,
    customTypes: (n: string) => ctx.metastore.getType(n),
    clause: 'JOIN ON',
  };
  const leftKey = typeExpression(leftAst, { ...typing, scope: scopeOf(left) });
  const rightKey = typeExpression(rightAst, { ...typing, scope: scopeOf(right) });
  const lt = leftKey.k === 'unit' ? null : leftKey.type;
  const rt = rightKey.k === 'unit' ? null : rightKey.type;
  if (!lt || !rt || !typesEqual(lt, rt)) {
    throw new AnalysisError(
      `Invalid join condition: types don't match. Got ${printAst(on.left)}{${lt ? formatType(lt) : 'NULL'}} = ${printAst(on.right)}{${rt ? formatType(rt) : 'NULL'}}.`,
      on.span,
    );
  }

  const leftType = left.kind === 'source' ? left.source.sourceType : left.outputType;
  const rightType = right.source.sourceType;
  const isRightPk = isPrimaryKey(rightKey, right);
  checkWindowing(
    left,
    right,
    rel,
    isRightPk && (left.kind !== 'source' || isPrimaryKey(leftKey, left)),
  );
  let joinKind: JoinKind;
  if (leftType === 'stream' && rightType === 'stream') {
    if (!rel.within) {
      throw new AnalysisError(
        'Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select',
        rel.span,
      );
    }
    joinKind = 'streamStream';
  } else if (leftType === 'stream') {
    if (rel.within) {
      throw new AnalysisError(
        'A window definition was provided for a Stream-Table join. These joins are not windowed. Please drop the window definition (i.e. the WITHIN clause) and try to execute your join again.',
        rel.within.span,
      );
    }
    if (!isRightPk) {
      throw new AnalysisError(
        `Invalid join condition: stream-table joins require to join on the table's primary key. Got ${printAst(leftAst)} = ${printAst(rightAst)}.\nTo join on another column, join a table keyed by it (for example CREATE TABLE … AS SELECT that column, LATEST_BY_OFFSET(…) FROM a stream GROUP BY that column).`,
        on.span,
      );
    }
    if (rel.joinType === 'right' || rel.joinType === 'full') {
      throw new AnalysisError(
        `Invalid join type: full-outer and right-outer joins are not supported for stream-table joins. Got ${leftSource} [${rel.joinType === 'full' ? 'FULL OUTER' : 'RIGHT OUTER'}] JOIN ${right.alias}.`,
        rel.span,
      );
    }
    joinKind = 'streamTable';
  } else if (rightType === 'stream') {
    throw new AnalysisError(
      `Invalid join order: table-stream joins are not supported; only stream-table joins. Got ${leftSource} [${rel.joinType.toUpperCase()}] JOIN ${right.alias}.\nPut the stream on the left: FROM ${right.alias} JOIN ${leftSource}.`,
      rel.span,
    );
  } else {
    if (rel.within) {
      throw new AnalysisError(
        'A window definition was provided for a Table-Table join. These joins are not windowed. Please drop the window definition (i.e. the WITHIN clause) and try to execute your join again.',
        rel.within.span,
      );
    }
    if (!isRightPk) {
      throw new AnalysisError(
        `Invalid join condition: table-table joins require to join on the primary key of the right input table. Got ${printAst(on.left)} = ${printAst(on.right)}.\nA foreign-key join looks up the right table by its primary key from any expression of the left table: swap the tables if that is the lookup meant.`,
        on.span,
      );
    }
    const leftIsPk =
      left.kind === 'source'
        ? isPrimaryKey(leftKey, left)
        : isJoinKey(leftKey, printAst(leftAst), left);
    if (leftIsPk) joinKind = 'tableTable';
    else {
      // ksqlDB refuses foreign-key joins after the first join of an n-way join; streamsql keys
      // them by the joined table's key (see join-keys.ts).
      if (rel.joinType !== 'inner' && rel.joinType !== 'left') {
        throw new AnalysisError(
          `${rel.joinType === 'full' ? 'FULL' : 'RIGHT'} OUTER JOIN on a foreign key is not supported`,
          rel.span,
        );
      }
      joinKind = 'foreignKey';
    }
  }

  const keyNames = [printAst(leftAst), printAst(rightAst)];
  // ksqlDB checks the join's own key, named after the left expression (`L.A` is `L_A`).
  checkKeyTypes([{ name: keyNames[0]!.replace('.', '_'), type: lt, namespace: 'key' }]);
  const { keys, equivalence } = joinKeys({
    joinType: rel.joinType,
    foreignKey: joinKind === 'foreignKey',
    left,
    leftKey,
    rightKey,
    leftName: keyNames[0]!,
    rightName: keyNames[1]!,
    keyType: lt,
    syntheticName: syntheticKeyName(
      [...collectSources(left), right].flatMap((s) => s.source.columns.map((c) => c.name)),
    ),
  });
  // A foreign-key join's key slot holds the left table's (first) primary key column.
  const first = keys[0]?.alternatives[0];
  const keyType = joinKind === 'foreignKey' && first?.k === 'column' ? first.type : lt;
  const schema: Column[] = [
    { name: 'ROWKEY', type: keyType, namespace: 'key' },
    ...left.schema.map((c) => ({
      ...c,
      namespace: c.namespace === 'key' ? ('value' as const) : c.namespace,
    })),
    ...right.schema.map((c) => ({
      ...c,
      namespace: c.namespace === 'key' ? ('value' as const) : c.namespace,
    })),
  ];
  return {
    kind: 'join',
    joinKind,
    joinType: rel.joinType,
    left,
    right,
    leftKey,
    rightKey,
    ...(rel.within ? { within: rel.within } : {}),
    ...(joinKind === 'foreignKey' ? { leftPrimaryKey: primaryKeyPositions(left) } : {}),
    outputType: leftType === 'table' && rightType === 'table' ? 'table' : 'stream',
    keys,
    equivalence,
    schema,
  };
}

/** Whether `e` (over a join's row) is that join's key: its key slot or an equivalent expression. */
function isJoinKey(e: TypedExpression, printed: string, join: JoinAnalysis): boolean {
  return (e.k === 'column' && e.index === 0) || join.equivalence.has(printed);
}

/** Where a table relation's primary key sits in its row: key columns, or a join's key slot. */
function primaryKeyPositions(rel: RelationAnalysis): number[] {
  if (rel.kind === 'source') {
    return rel.schema.flatMap((c, i) => (c.namespace === 'key' ? [i] : []));
  }
  if (rel.keys.length > 0 && rel.keys.every((k) => k.foreignKeyOf !== undefined)) {
    return rel.keys.map((k) => (k.alternatives[0]?.k === 'column' ? k.alternatives[0].index : 0));
  }
  return [0];
}

function isPrimaryKey(
  e: TypedExpression,
  rel: Extract<RelationAnalysis, { kind: 'source' }>,
): boolean {
  const keys = rel.schema.filter((c) => c.namespace === 'key');
  return keys.length === 1 && e.k === 'column' && rel.schema[e.index]?.namespace === 'key';
}

function checkWindowing(
  left: RelationAnalysis,
  right: Extract<RelationAnalysis, { kind: 'source' }>,
  rel: JoinRelation,
  onKeys: boolean,
): void {
  if (left.kind !== 'source') return;
  const lw = left.source.window;
  const rw = right.source.window;
  if (Boolean(lw) !== Boolean(rw)) {
    const describe = (alias: string, w: typeof lw) =>
      `\`${alias}\` is ${w ? `${w.type.toUpperCase()} windowed` : 'not windowed'}`;
    throw new AnalysisError(
      `Can not join windowed source to non-windowed source.\n${describe(left.alias, lw)}\n${describe(right.alias, rw)}`,
      rel.span,
    );
  }
  if (!lw || !rw) return;
  if ((lw.type === 'session') !== (rw.type === 'session')) {
    throw new AnalysisError(
      `Incompatible windowed sources.\nLeft source: ${lw.type.toUpperCase()}\nRight source: ${rw.type.toUpperCase()}\nSession windowed sources can only be joined to other session windowed sources, and may still not result in expected behaviour as session bounds must be an exact match for the join to work\nHopping and tumbling windowed sources can only be joined to other hopping and tumbling windowed sources`,
      rel.span,
    );
  }
  // Windowed rows join on their key and window; any other key would need a repartition.
  if (!onKeys) {
    throw new AnalysisError(
      'Implicit repartitioning of windowed sources is not supported. See https://github.com/confluentinc/ksql/issues/4385.\nWindowed sources join on their key and window: join on the key columns, or re-key the data before it is windowed.',
      rel.span,
    );
  }
  // ksqlDB compares the sides' key formats, window included, and would re-key on a mismatch,
  // which windowed sources cannot be. Schema Registry key formats are exempt: both sides are
  // written with the join's one key schema, and a time-windowed key holds only the window start,
  // so hopping and tumbling windows of different sizes meet on key and window start.
  const inferred = usesSchemaRegistry(left.source.keyFormat.format);
  if (!inferred && (lw.type !== rw.type || lw.sizeMs !== rw.sizeMs)) {
    throw new AnalysisError(
      'Implicit repartitioning of windowed sources is not supported. The windowed key formats differ, so the two sides cannot be co-partitioned.',
      rel.span,
    );
  }
}
