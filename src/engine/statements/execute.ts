/** Dispatches a parsed statement to its handler (one file per kind of statement). */
import type { Statement } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { ScriptOptions } from '../engine.js';
import type { StatementResult } from '../results.js';
import { assertSchema, assertTopic } from './assert.js';
import { createAsSelect, insertIntoSelect } from './persistent-queries.js';
import { createSource } from './create-source.js';
import { describeFunction, describeSource } from './describe.js';
import { dropSource } from './drop-source.js';
import { explain } from './explain.js';
import { insertValues } from './insert-values.js';
import { alterSource } from './alter-source.js';
import { printTopic } from './print.js';
import { defineVariable, setProperty, undefineVariable, unsetProperty } from './properties.js';
import { runScript } from './run-script.js';
import { select } from './select.js';
import { show } from './show.js';
import { terminate } from './terminate.js';
import { createType, dropType } from './types.js';

export async function executeStatement(
  stmt: Statement,
  ctx: EngineContext,
  options: ScriptOptions,
): Promise<StatementResult> {
  switch (stmt.kind) {
    case 'createSource':
      return createSource(stmt, ctx);
    case 'createAsSelect':
      return createAsSelect(stmt, ctx);
    case 'insertInto':
      return insertIntoSelect(stmt, ctx);
    case 'insertValues':
      return insertValues(stmt, ctx);
    case 'select':
      return select(stmt, ctx, options);
    case 'dropSource':
      return dropSource(stmt, ctx);
    case 'terminate':
      return terminate(stmt, ctx);
    case 'show':
      return show(stmt, ctx);
    case 'describe':
      return describeSource(stmt, ctx);
    case 'describeFunction':
      return describeFunction(stmt, ctx);
    case 'explain':
      return explain(stmt, ctx);
    case 'setProperty':
      return setProperty(stmt, ctx);
    case 'unsetProperty':
      return unsetProperty(stmt, ctx);
    case 'defineVariable':
      return defineVariable(stmt, ctx);
    case 'undefineVariable':
      return undefineVariable(stmt, ctx);
    case 'print':
      return printTopic(stmt, ctx, options);
    case 'runScript':
      return runScript(stmt, ctx, options);
    case 'createType':
      return createType(stmt, ctx);
    case 'dropType':
      return dropType(stmt, ctx);
    case 'assertTopic':
      return assertTopic(stmt, ctx);
    case 'assertSchema':
      return assertSchema(stmt);
    case 'alterSource':
      return alterSource(stmt, ctx);
    default: {
      const never: never = stmt;
      throw new Error(`unknown statement ${(never as Statement).kind}`);
    }
  }
}
