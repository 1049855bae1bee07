/**
 * ALTER STREAM|TABLE name ADD [COLUMN] col type, …: adds value columns to a source declared with
 * CREATE STREAM/TABLE, with ksqlDB's refusals (source streams and tables, CREATE … AS SELECT
 * results, columns that exist). Records already in the topic read the new columns as null.
 */
import { resolveType } from '../../analyzer/resolve-type.js';
import { AnalysisError } from '../../common/errors.js';
import { RESERVED_COLUMN_NAMES, type Column } from '../../common/schema.js';
import type { AlterSource } from '../../parser/ast.js';
import { propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function alterSource(stmt: AlterSource, ctx: EngineContext): Promise<StatementResult> {
  const source = ctx.metastore.getSource(stmt.name);
  if (!source) throw new AnalysisError(`Source ${stmt.name} does not exist.`, stmt.span);
  if (source.sourceType !== stmt.sourceType) {
    throw new AnalysisError(
      `Incompatible data source type is ${source.sourceType.toUpperCase()}, but statement was ALTER ${stmt.sourceType.toUpperCase()}`,
      stmt.span,
    );
  }
  if (source.readOnly) {
    throw new AnalysisError(
      `Cannot alter ${stmt.sourceType} '${source.name}': ALTER operations are not supported on source ${stmt.sourceType}s.`,
      stmt.span,
    );
  }
  if (source.writtenBy) {
    throw new AnalysisError(
      'ALTER command is not supported for CREATE ... AS statements.',
      stmt.span,
    );
  }
  const added: Column[] = [];
  for (const el of stmt.columns) {
    if (el.constraint) {
      throw new AnalysisError('ALTER can only add value columns.', el.span);
    }
    if (RESERVED_COLUMN_NAMES.has(el.name)) {
      throw new AnalysisError(`'${el.name}' is a reserved column name.`, el.span);
    }
    if ([...source.columns, ...added].some((c) => c.name === el.name)) {
      throw new AnalysisError(
        `Cannot add column \`${el.name}\` to schema. A column with the same name already exists.`,
        el.span,
      );
    }
    added.push({
      name: el.name,
      type: resolveType(el.type, (n) => ctx.metastore.getType(n)),
      namespace: 'value',
    });
  }
  // Value columns stay together, before the header columns.
  const firstHeader = source.columns.findIndex((c) => c.namespace === 'header');
  const at = firstHeader < 0 ? source.columns.length : firstHeader;
  const columns = [...source.columns.slice(0, at), ...added, ...source.columns.slice(at)];
  ctx.metastore.putSource({ ...source, columns });
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  const kind = stmt.sourceType === 'stream' ? 'Stream' : 'Table';
  return { kind: 'message', text: `${kind} ${source.name} altered.` };
}
