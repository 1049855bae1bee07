/**
 * The key of a stream record without a value, as ksqlDB computes it: a key expression that reads
 * only the record's key columns is evaluated on them; any other (one that reads a value column,
 * a header or a pseudo column such as ROWTIME) is NULL, for ksqlDB evaluates it on the value the
 * record does not have. So `PARTITION BY (NAME IS NULL)` gives a null key, not TRUE.
 *
 * Table deletes keep computing their key from the row they delete: their key expressions read
 * the columns of that row (a join's key columns, for one, are value columns of the joined row).
 */
import { typeOf, walk, type TypedExpression } from '../analyzer/typed-expression.js';
import type { PlanNode, ProjectNode } from '../planner/plan.js';

export function tombstoneKeyExpressions(node: ProjectNode): TypedExpression[] {
  const keyCount = node.schema.filter((c) => c.namespace === 'key').length;
  const keys = node.expressions.slice(0, keyCount);
  if (!readsStreamSource(node.input)) return keys;
  const input = node.input.schema;
  return keys.map((e) =>
    readsOnlyKeys(e, input) ? e : { k: 'literal', type: typeOf(e), value: null },
  );
}

function readsOnlyKeys(e: TypedExpression, input: PlanNode['schema']): boolean {
  let only = true;
  walk(e, (n) => {
    if (n.k === 'column' && input[n.index]?.namespace !== 'key') only = false;
  });
  return only;
}

/** Whether records reach this node from a stream source without a join or an aggregate. */
function readsStreamSource(node: PlanNode): boolean {
  switch (node.type) {
    case 'source':
      return node.sourceType === 'stream';
    case 'filter':
    case 'flatMap':
    case 'repartition':
      return readsStreamSource(node.input);
    default:
      return false;
  }
}
