/**
 * A CREATE … AS SELECT or INSERT INTO … SELECT as ksqlDB prints it after sanitizing, which is the
 * text its statement errors end with (`…\nStatement: CREATE TABLE OUTPUT AS SELECT\n  TEST.F2
 * F2,\n  COUNT(*) KSQL_COL_0\nFROM TEST TEST\nGROUP BY TEST.F2\nEMIT CHANGES`): the source is
 * aliased (by its own name unless the query names one), every column is qualified by that alias,
 * every SELECT item has its alias (the names ksqlDB gives unaliased ones), one item a line.
 *
 * Only queries over one source without a WINDOW clause or lambdas are printed (undefined
 * otherwise): a join needs its names resolved to qualify them, and a window's units are not
 * kept by the parser.
 */
import { defaultName, GeneratedNames } from '../analyzer/column-naming.js';
import { printAst } from '../analyzer/print-ast.js';
import type { Expression, Properties, Query, Statement } from '../parser/ast.js';

/** `sourceColumns`: the column names of a source, which generated names must not take. */
export function ksqlStatementText(
  stmt: Statement,
  sourceColumns: (source: string) => readonly string[],
): string | undefined {
  let head: string;
  if (stmt.kind === 'createAsSelect') {
    const create = `CREATE ${stmt.orReplace ? 'OR REPLACE ' : ''}${stmt.sourceType.toUpperCase()}`;
    const ifNotExists = stmt.ifNotExists ? ' IF NOT EXISTS' : '';
    head = `${create}${ifNotExists} ${name(stmt.name)}${withClause(stmt.properties)} AS `;
  } else if (stmt.kind === 'insertInto') {
    head = `INSERT INTO ${name(stmt.target)}${withClause(stmt.properties)} `;
  } else {
    return undefined;
  }
  const query = queryText(stmt.query, sourceColumns);
  return query === undefined ? undefined : head + query;
}

function queryText(
  q: Query,
  sourceColumns: (source: string) => readonly string[],
): string | undefined {
  if (q.from.kind !== 'source' || q.window || hasLambda(q)) return undefined;
  const alias = q.from.alias ?? q.from.name;
  const qualified = (e: Expression): string => printAst(qualify(e, alias) as Expression);
  const explicit = new Set(
    q.select.flatMap((s) => (s.kind === 'selectExpression' && s.alias ? [s.alias] : [])),
  );
  const generated = new GeneratedNames(explicit, new Set(sourceColumns(q.from.name)));
  const items: string[] = [];
  for (const item of q.select) {
    if (item.kind === 'structAll') return undefined;
    if (item.kind === 'allColumns') {
      items.push(item.source ? `${name(item.source)}.*` : '*');
      continue;
    }
    const alias = item.alias ?? defaultName(item.expression) ?? generated.generate();
    items.push(`${qualified(item.expression)} ${name(alias)}`);
  }
  const lines = [`SELECT\n  ${items.join(',\n  ')}`, `FROM ${name(q.from.name)} ${name(alias)}`];
  if (q.where) lines.push(`WHERE ${qualified(q.where)}`);
  if (q.groupBy) lines.push(`GROUP BY ${q.groupBy.map(qualified).join(', ')}`);
  if (q.partitionBy) lines.push(`PARTITION BY ${q.partitionBy.map(qualified).join(', ')}`);
  if (q.having) lines.push(`HAVING ${qualified(q.having)}`);
  // A persistent query emits changes unless it says otherwise.
  lines.push(`EMIT ${(q.emit ?? 'changes').toUpperCase()}`);
  if (q.limit !== undefined) lines.push(`LIMIT ${q.limit}`);
  return lines.join('\n');
}

/** WITH (…) as ksqlDB prints it: ` WITH (KEY_FORMAT='KAFKA', PARTITIONS=1)`. */
function withClause(properties: Properties): string {
  const entries = Object.entries(properties);
  if (entries.length === 0) return '';
  const value = (v: Properties[string]): string =>
    typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  return ` WITH (${entries.map(([k, v]) => `${k}=${value(v)}`).join(', ')})`;
}

/** A name, quoted with backticks when it is not an upper-case identifier. */
function name(n: string): string {
  return /^[A-Z_][A-Z0-9_]*$/.test(n) ? n : `\`${n.replace(/`/g, '``')}\``;
}

/** The expression tree with every unqualified column qualified by `alias`. */
function qualify(node: unknown, alias: string): unknown {
  if (Array.isArray(node)) return node.map((n) => qualify(n, alias));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (record.kind === 'column' && record.source === undefined) return { ...record, source: alias };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, qualify(v, alias)]));
}

function hasLambda(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasLambda);
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  return record.kind === 'lambda' || Object.values(record).some(hasLambda);
}
