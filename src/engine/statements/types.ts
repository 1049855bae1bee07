/** CREATE TYPE / DROP TYPE: named custom types usable wherever a type is written. */
import { resolveType } from '../../analyzer/resolve-type.js';
import { AnalysisError } from '../../common/errors.js';
import { formatType } from '../../common/sql-types.js';
import type { CreateType, DropType } from '../../parser/ast.js';
import { propertiesObject, type EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export async function createType(stmt: CreateType, ctx: EngineContext): Promise<StatementResult> {
  const existing = ctx.metastore.getType(stmt.name);
  if (existing) {
    if (stmt.ifNotExists) return { kind: 'message', text: `Type ${stmt.name} already exists.` };
    throw new AnalysisError(
      `Cannot register custom type '${stmt.name}' since it is already registered with type: ${formatType(existing)}`,
      stmt.span,
    );
  }
  const type = resolveType(stmt.type, (n) => ctx.metastore.getType(n));
  ctx.metastore.putType(stmt.name, type);
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  return {
    kind: 'message',
    text: `Registered custom type with name '${stmt.name}' and SQL type ${formatType(type)}`,
  };
}

export async function dropType(stmt: DropType, ctx: EngineContext): Promise<StatementResult> {
  if (!ctx.metastore.deleteType(stmt.name)) {
    if (stmt.ifExists) return { kind: 'message', text: `Type ${stmt.name} does not exist.` };
    throw new AnalysisError(`Type ${stmt.name} does not exist.`, stmt.span);
  }
  if (!ctx.replaying)
    await ctx.recordCommand({ v: 1, statement: stmt.text, properties: propertiesObject(ctx) });
  return { kind: 'message', text: `Dropped type '${stmt.name}'` };
}
