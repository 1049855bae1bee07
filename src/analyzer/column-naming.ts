/**
 * ksqlDB's names for unaliased SELECT items: a column keeps its name, `a->b` is named after its
 * last field, anything else is `KSQL_COL_n` (n counting generated names in SELECT order), and
 * clashes get `_1`, `_2`, … suffixes.
 */
import type { Expression } from '../parser/ast.js';

export function defaultName(e: Expression): string | undefined {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'dereference':
      return e.field;
    default:
      return undefined;
  }
}

/**
 * Hands out KSQL_COL_n names, skipping names already taken and, as ksqlDB's ColumnAliasGenerator,
 * the names of the source's columns (`reserved`).
 */
export class GeneratedNames {
  private next = 0;
  constructor(
    private readonly taken: Set<string>,
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {}

  generate(): string {
    for (;;) {
      const name = `KSQL_COL_${this.next++}`;
      if (!this.taken.has(name) && !this.reserved.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }
}

/**
 * Makes `name` unique among `taken` (and `reserved`) with ksqlDB's `_1`, `_2` suffixes, and
 * takes it. A struct field's name is kept apart from the source's columns that way
 * (`itemid->itemid` is ITEMID_1 beside a column ITEMID).
 */
export function uniqueName(
  name: string,
  taken: Set<string>,
  reserved: ReadonlySet<string> = new Set(),
): string {
  let candidate = name;
  for (let i = 1; taken.has(candidate) || reserved.has(candidate); i++) candidate = `${name}_${i}`;
  taken.add(candidate);
  return candidate;
}

/**
 * ksqlDB's message for a persistent query's SELECT item named like a reserved column: an alias
 * that renames another expression is refused as an alias; an item that is the reserved column
 * itself (`ROWTIME`, `l.ROWTIME AS ROWTIME`) is refused as selected.
 */
export function reservedNameMessage(name: string, ast: Expression, aliased: boolean): string {
  const itself = !aliased || defaultName(ast) === name;
  return itself
    ? `Reserved column name in select: \`${name}\`. Please remove or alias the column.`
    : `\`${name}\` is a reserved column name. You cannot use it as an alias for a column.`;
}
