/** What statement handlers may reach of the engine. */
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';
import type { PersistentQuery } from '../runtime/persistent-query.js';
import type { Command } from './command-topic.js';
import type { ScriptOptions } from './engine.js';
import type { Metastore } from './metastore.js';
import type { PullTableViews } from './pull-table-view.js';
import type { StatementResult } from './results.js';

export interface EngineContext {
  readonly log: Log;
  readonly metastore: Metastore;
  readonly functions: FunctionRegistry;
  /** The schema registry of AVRO, PROTOBUF and JSON_SR serdes. */
  readonly schemaRegistry: SchemaRegistry;
  readonly queries: Map<string, PersistentQuery>;
  /** Where persistent queries keep their state stores' files; absent: in memory. */
  readonly stateDir?: string;
  /** What pull queries read of tables. */
  readonly pullViews: PullTableViews;
  /** Session properties (SET). */
  readonly properties: Map<string, string>;
  /** Session variables (DEFINE). */
  readonly variables: Map<string, string>;
  /** True while the command topic is replayed: nothing is recorded again. */
  readonly replaying: boolean;
  /** During replay: the command being replayed (its query id and plan are reused). */
  readonly replayCommand?: Command;
  nextQueryId(prefix: string): string;
  recordCommand(command: Command): Promise<void>;
  notice(message: string): void;
  drain(): Promise<void>;
  executeScript(text: string, options: ScriptOptions): Promise<StatementResult[]>;
}

/** The auto.offset.reset in force: ksqlDB's default is `latest`. */
export function offsetReset(ctx: EngineContext): 'earliest' | 'latest' {
  const v =
    ctx.properties.get('auto.offset.reset') ?? ctx.properties.get('ksql.streams.auto.offset.reset');
  return v?.toLowerCase() === 'earliest' ? 'earliest' : 'latest';
}

export function propertiesObject(ctx: EngineContext): Record<string, string> {
  return Object.fromEntries(ctx.properties);
}
