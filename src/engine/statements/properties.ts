/** SET/UNSET session properties and DEFINE/UNDEFINE session variables. */
import type {
  DefineVariable,
  SetProperty,
  UndefineVariable,
  UnsetProperty,
} from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

export function setProperty(stmt: SetProperty, ctx: EngineContext): StatementResult {
  ctx.properties.set(stmt.name, stmt.value);
  return {
    kind: 'message',
    text: `Successfully changed local property '${stmt.name}' to '${stmt.value}'.`,
  };
}

export function unsetProperty(stmt: UnsetProperty, ctx: EngineContext): StatementResult {
  ctx.properties.delete(stmt.name);
  return { kind: 'message', text: `Successfully unset local property '${stmt.name}'.` };
}

/** Variable names are case-insensitive in ksqlDB. */
export function defineVariable(stmt: DefineVariable, ctx: EngineContext): StatementResult {
  ctx.variables.set(stmt.name.toLowerCase(), stmt.value);
  return { kind: 'message', text: `Variable ${stmt.name} defined.` };
}

export function undefineVariable(stmt: UndefineVariable, ctx: EngineContext): StatementResult {
  const existed = ctx.variables.delete(stmt.name.toLowerCase());
  return {
    kind: 'message',
    text: existed ? `Variable ${stmt.name} undefined.` : `Variable ${stmt.name} is not defined.`,
  };
}
