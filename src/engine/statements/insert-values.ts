/** INSERT INTO source [(columns)] VALUES (…): one record, serialized in the source's formats. */
import { coerceTo } from '../../analyzer/coercion.js';
import { typeExpression } from '../../analyzer/expression-typer.js';
import { printAst } from '../../analyzer/print-ast.js';
import { Scope } from '../../analyzer/scope.js';
import { AnalysisError } from '../../common/errors.js';
import { ROWTIME, type Column } from '../../common/schema.js';
import { BIGINT } from '../../common/sql-types.js';
import type { InsertValues } from '../../parser/ast.js';
import { compileExpression } from '../../runtime/compile-expression.js';
import { createSerde } from '../../serde/create-serde.js';
import { runtimeOptions } from '../../serde/runtime-options.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function insertValues(
  stmt: InsertValues,
  ctx: EngineContext,
): Promise<StatementResult> {
  const source = ctx.metastore.getSource(stmt.target);
  if (!source) {
    throw new AnalysisError(
      `Cannot insert values into an unknown stream/table: \`${stmt.target}\`` +
        otherCaseHint(stmt.target, ctx),
      stmt.targetSpan,
    );
  }
  if (source.readOnly) {
    throw new AnalysisError(
      `Cannot insert values into read-only ${source.sourceType}: ${source.name}`,
      stmt.targetSpan,
    );
  }
  const userColumns = source.columns.filter((c) => c.namespace !== 'header');
  // Without a column list every column is meant, header columns too (and refused below).
  const names = stmt.columns ?? source.columns.map((c) => c.name);
  const headers = names.filter((n) =>
    source.columns.some((c) => c.name === n && c.namespace === 'header'),
  );
  if (headers.length > 0) {
    throw new AnalysisError(`Cannot insert into HEADER columns: ${headers.join(', ')}`, stmt.span);
  }
  if (names.length !== stmt.values.length) {
    throw new AnalysisError(
      `Expected number columns and values to match: [${names.join(', ')}], [${stmt.values.map(printAst).join(', ')}]`,
      stmt.span,
    );
  }
  const scope = new Scope([]);
  const values = new Map<string, unknown>();
  names.forEach((name, i) => {
    const column: Column | undefined =
      name === ROWTIME
        ? { name, type: BIGINT, namespace: 'pseudo' }
        : userColumns.find((c) => c.name === name);
    if (!column)
      throw new AnalysisError(`Column name \`${name}\` does not exist.`, stmt.values[i]!.span);
    const typed = coerceTo(
      typeExpression(stmt.values[i]!, {
        scope,
        functions: ctx.functions,
        customTypes: (n) => ctx.metastore.getType(n),
        clause: 'VALUES',
      }),
      column.type,
      stmt.values[i]!.span,
      `Expected type ${column.type.base} for field ${name}`,
    );
    values.set(name, compileExpression(typed, ctx.functions)([]));
  });
  const keys = source.columns.filter((c) => c.namespace === 'key');
  const vals = source.columns.filter((c) => c.namespace === 'value');
  const keySerde = createSerde(
    source.keyFormat.format,
    keys,
    'key',
    runtimeOptions(source.keyFormat, source.topic, ctx.schemaRegistry),
  );
  const valueSerde = createSerde(
    source.valueFormat.format,
    vals,
    'value',
    runtimeOptions(source.valueFormat, source.topic, ctx.schemaRegistry),
  );
  const rowtime = values.get(ROWTIME);
  await ctx.log.append(source.topic, [
    {
      key:
        keys.length === 0 ? null : keySerde.serialize(keys.map((c) => values.get(c.name) ?? null)),
      value: valueSerde.serialize(vals.map((c) => values.get(c.name) ?? null)),
      timestamp: rowtime === undefined || rowtime === null ? Date.now() : Number(rowtime),
    },
  ]);
  // ksqlDB's CLI acknowledges INSERT … VALUES silently.
  return { kind: 'message', text: '' };
}

/**
 * ksqlDB's hint when a source of the same name in another case exists: quoting is what makes a
 * name case-sensitive.
 */
function otherCaseHint(target: string, ctx: EngineContext): string {
  const upper = target.toUpperCase();
  const other = ctx.metastore.allSources().find((s) => s.name.toUpperCase() === upper);
  if (!other) return '';
  return other.name === upper
    ? `\nDid you mean ${other.name}? Hint: try removing double quotes from the source name.`
    : `\nDid you mean "${other.name}"? Hint: wrap the source name in double quotes to make it case-sensitive.`;
}
