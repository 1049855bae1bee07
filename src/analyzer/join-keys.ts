/**
 * The key of a join's result, as ksqlDB's JoinTree: the join equivalence set (expressions that
 * evaluate to the key: both sides of the criteria, plus a child join's set when the criteria
 * use its key; empty for FULL OUTER joins), and the viable key columns (the column references
 * in that set, which the projection may select for the key). With none the key is the synthetic
 * `ROWKEY`. A foreign-key join is keyed by the left table's primary key columns (after another
 * join, by that join's key).
 */
import type { Column } from '../common/schema.js';
import type { SqlType } from '../common/sql-types.js';
import type { KeyAlternatives, RelationAnalysis } from './analyze-from.js';
import type { TypedExpression } from './typed-expression.js';

export interface JoinKeyInput {
  readonly joinType: 'inner' | 'left' | 'right' | 'full';
  readonly foreignKey: boolean;
  readonly left: RelationAnalysis;
  /** The criteria's sides, typed over the left relation's row and the right source's row. */
  readonly leftKey: TypedExpression;
  readonly rightKey: TypedExpression;
  /** The criteria's sides as ksqlDB prints them, qualified (`L.A`, `ABS(R.B)`). */
  readonly leftName: string;
  readonly rightName: string;
  readonly keyType: SqlType;
  /** `ROWKEY`, or `ROWKEY_n` past the highest such name of the joined sources. */
  readonly syntheticName: string;
}

export interface JoinKeys {
  readonly keys: readonly KeyAlternatives[];
  /** Printed expressions equal to the key, for the joins above this one. */
  readonly equivalence: ReadonlySet<string>;
}

export function joinKeys(j: JoinKeyInput): JoinKeys {
  const offsetRight = 1 + j.left.schema.length;
  if (j.foreignKey) return foreignKeyKeys(j.left);
  const equivalence = new Set<string>();
  if (j.joinType !== 'full') {
    const own = [j.leftName, j.rightName];
    own.forEach((n) => equivalence.add(n));
    const lefts = j.left.kind === 'join' ? j.left.equivalence : new Set<string>();
    if (own.some((n) => lefts.has(n))) lefts.forEach((n) => equivalence.add(n));
  }
  const candidates: { name: string; expr: TypedExpression }[] = [];
  if (j.left.kind === 'join') {
    for (const k of j.left.keys) {
      k.alternatives.forEach((a, i) =>
        candidates.push({ name: k.names[i]!, expr: shiftColumns(a, 1) }),
      );
    }
  }
  if (j.leftKey.k === 'column')
    candidates.push({ name: j.leftName, expr: shiftColumns(j.leftKey, 1) });
  if (j.rightKey.k === 'column') {
    candidates.push({ name: j.rightName, expr: shiftColumns(j.rightKey, offsetRight) });
  }
  const seen = new Set<string>();
  const viable = candidates.filter((c) => {
    if (!equivalence.has(c.name) || seen.has(c.name) || c.expr.k !== 'column') return false;
    seen.add(c.name);
    return true;
  });
  if (viable.length === 0) {
    return {
      keys: [
        {
          alternatives: [{ k: 'column', index: 0, name: j.syntheticName, type: j.keyType }],
          names: [j.syntheticName],
          synthetic: true,
          join: true,
        },
      ],
      equivalence,
    };
  }
  return {
    keys: [
      { alternatives: viable.map((v) => v.expr), names: viable.map((v) => v.name), join: true },
    ],
    equivalence,
  };
}

/** One key per primary key column of the left table; the left row is in every result. */
function foreignKeyKeys(left: RelationAnalysis): JoinKeys {
  if (left.kind === 'join') {
    // After another join: keyed as the joined table on the left (its key slot is always set).
    return {
      keys: left.keys.map((k) => ({
        ...k,
        alternatives: k.alternatives.map((a) => shiftColumns(a, 1)),
      })),
      equivalence: new Set(left.equivalence),
    };
  }
  const keys: KeyAlternatives[] = [];
  const equivalence = new Set<string>();
  left.schema.forEach((c: Column, i) => {
    if (c.namespace !== 'key') return;
    const name = `${left.alias}.${c.name}`;
    keys.push({
      alternatives: [{ k: 'column', index: 1 + i, name: c.name, type: c.type }],
      names: [name],
      foreignKeyOf: left.alias,
    });
    equivalence.add(name);
  });
  return { keys, equivalence };
}

/** `e` with every column index moved by `by` (into a join row that embeds its input's row). */
export function shiftColumns(e: TypedExpression, by: number): TypedExpression {
  if (e.k === 'column') return { ...e, index: e.index + by };
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (v && typeof v === 'object' && 'k' in v) out[k] = shiftColumns(v as TypedExpression, by);
    else if (Array.isArray(v))
      out[k] = v.map((x: unknown) =>
        x && typeof x === 'object' && 'k' in x ? shiftColumns(x as TypedExpression, by) : x,
      );
  }
  return out as TypedExpression;
}

/** ksqlDB's ColumnNames.generateSyntheticJoinKey: ROWKEY, else one past the highest ROWKEY_n. */
export function syntheticKeyName(columnNames: Iterable<string>): string {
  let highest = -1;
  for (const name of columnNames) {
    const m = /^ROWKEY(?:_(\d+))?$/.exec(name);
    if (m) highest = Math.max(highest, m[1] === undefined ? 0 : Number(m[1]));
  }
  return highest < 0 ? 'ROWKEY' : `ROWKEY_${highest + 1}`;
}
