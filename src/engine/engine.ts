/**
 * The engine: owns the metastore, the running queries and the command topic, executes
 * statements, and drives queries (drain until caught up, or run until stopped). Statement
 * kinds are handled in engine/statements/, one concept per file.
 */
import { StreamSqlError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { FunctionRegistry } from '../functions/types.js';
import type { Log } from '../log/log.js';
import type { Statement } from '../parser/ast.js';
import { parseStatement } from '../parser/parse.js';
import { splitStatements } from '../parser/split-statements.js';
import { substituteVariables } from '../parser/variables.js';
import type { PersistentQuery } from '../runtime/persistent-query.js';
import {
  appendCommand,
  COMMAND_TOPIC,
  ensureCommandTopic,
  readCommandsFrom,
  type Command,
} from './command-topic.js';
import type { EngineContext } from './engine-context.js';
import { Metastore } from './metastore.js';
import { PullTableViews } from './pull-table-view.js';
import { registerProcessingLog } from './processing-log-source.js';
import type { StatementResult, StreamingHandlers } from './results.js';
import { executeStatement } from './statements/execute.js';
import { LogSchemaRegistry } from '../serde/schema-registry/log-registry.js';
import type { SchemaRegistry } from '../serde/schema-registry/registry.js';

export interface EngineOptions {
  readonly log: Log;
  readonly functions: FunctionRegistry;
  /** Notices for the user (processing-log entries, restored queries): stderr in the CLI. */
  readonly onNotice?: (message: string) => void;
  /** Initial properties, as if SET before the first statement. */
  readonly properties?: Readonly<Record<string, string>>;
  /**
   * The schema registry (an external one, by --schema-registry-url). Default: the log's own,
   * kept in its `_schemas` topic.
   */
  readonly schemaRegistry?: SchemaRegistry;
  /**
   * Where persistent queries keep their state stores, one directory per query (the CLI's:
   * `<data-dir>/state`). Absent: in memory, rebuilt from the changelogs on every start.
   */
  readonly stateDir?: string;
  /** Called once the engine has closed its log (the CLI gives up its state directory). */
  readonly onClosed?: () => void;
}

export interface ScriptOptions extends StreamingHandlers {
  /** The script's file name, for messages. */
  readonly file?: string;
  /** Keep push queries running after they catch up (until LIMIT or cancelled). */
  readonly follow?: boolean;
  /** Called with each statement's result as soon as it is done. */
  readonly onResult?: (result: StatementResult, statement: Statement) => void;
}

/** An error located in a script: `FILE:LINE:COL: message` for the CLI. */
export class ScriptError extends Error {
  constructor(
    override readonly cause: StreamSqlError | Error,
    readonly line: number,
    readonly col: number,
  ) {
    super(cause instanceof StreamSqlError ? cause.display : cause.message);
  }
}

export class Engine {
  readonly metastore = new Metastore();
  readonly queries = new Map<string, PersistentQuery>();
  readonly properties = new Map<string, string>();
  readonly variables = new Map<string, string>();
  private queryCounter = 0;
  private readonly pullViews: PullTableViews;
  private readonly ctx: EngineContext;
  /** The next command-topic offset to apply; those this engine recorded itself are skipped. */
  private commandOffset = 0;
  private readonly ownCommands = new Set<number>();
  /** Commands being appended, whose offsets ownCommands does not hold yet. */
  private recording = 0;

  private constructor(
    private readonly options: EngineOptions,
    readonly schemaRegistry: SchemaRegistry,
  ) {
    for (const [k, v] of Object.entries(options.properties ?? {})) this.properties.set(k, v);
    // Pull views keep files only on the embedded log; on Kafka they stay in memory for now.
    this.pullViews = new PullTableViews(
      options.log.backend === 'embedded' ? options.stateDir : undefined,
    );
    this.ctx = {
      log: options.log,
      metastore: this.metastore,
      functions: options.functions,
      schemaRegistry,
      queries: this.queries,
      ...(options.stateDir !== undefined ? { stateDir: options.stateDir } : {}),
      pullViews: this.pullViews,
      properties: this.properties,
      variables: this.variables,
      replaying: false,
      nextQueryId: (prefix) => `${prefix}_${this.queryCounter++}`,
      recordCommand: async (command) => {
        this.recording++;
        try {
          this.ownCommands.add(await appendCommand(options.log, command));
        } finally {
          this.recording--;
        }
      },
      notice: (m) => options.onNotice?.(m),
      drain: () => this.drain(),
      executeScript: (text, opts) => this.executeScript(text, opts),
    };
  }

  /** Opens an engine on a log, replaying its command topic: every stream, table and query comes back. */
  static async open(options: EngineOptions): Promise<Engine> {
    const registry = options.schemaRegistry ?? (await LogSchemaRegistry.open(options.log));
    const engine = new Engine(options, registry);
    await ensureCommandTopic(options.log);
    await registerProcessingLog(engine.ctx);
    const { commands, next } = await readCommandsFrom(options.log, 0);
    await engine.replay(commands.map((c) => c.command));
    engine.commandOffset = next;
    return engine;
  }

  get log(): Log {
    return this.options.log;
  }

  get functions(): FunctionRegistry {
    return this.options.functions;
  }

  private async replay(commands: readonly Command[]): Promise<void> {
    const saved = new Map(this.properties);
    try {
      for (const command of commands) {
        this.properties.clear();
        for (const [k, v] of Object.entries(command.properties)) this.properties.set(k, v);
        const n = command.queryId ? Number(/_(\d+)$/.exec(command.queryId)?.[1]) : NaN;
        if (Number.isInteger(n)) this.queryCounter = Math.max(this.queryCounter, n + 1);
        const stmt = parseStatement(command.statement);
        await executeStatement(stmt, { ...this.ctx, replaying: true, replayCommand: command }, {});
      }
    } finally {
      // The session's own properties come back even when a replayed statement failed.
      this.properties.clear();
      for (const [k, v] of saved) this.properties.set(k, v);
    }
  }

  /**
   * Runs a script statement by statement, stopping at the first failure with a ScriptError that
   * says where. Variables (DEFINE) apply to the statements after them.
   */
  async executeScript(script: string, options: ScriptOptions = {}): Promise<StatementResult[]> {
    const results: StatementResult[] = [];
    for (const piece of splitStatements(script)) {
      let stmt: Statement;
      try {
        stmt = parseStatement(substituteVariables(piece.text, this.variables));
      } catch (err) {
        throw located(err, piece);
      }
      try {
        const result = await executeStatement(stmt, this.ctx, options);
        results.push(result);
        options.onResult?.(result, stmt);
      } catch (err) {
        throw located(err, piece, stmt.span);
      }
    }
    return results;
  }

  /**
   * Runs every persistent query until none has anything left to consume and every commit has
   * landed (a query's last commit may still feed another query: then they run again).
   */
  async drain(): Promise<void> {
    for (;;) {
      let consumed = 0;
      for (const q of this.queries.values()) {
        consumed += await this.guard(q, () => q.step());
      }
      if (consumed > 0) continue;
      let landed = false;
      for (const q of this.queries.values()) {
        if (await this.guard(q, () => q.flush())) landed = true;
      }
      if (!landed) return;
    }
  }

  /** Runs one call on a query; a failure fails the query, which the others outlive. */
  private async guard<T>(q: PersistentQuery, call: () => Promise<T>): Promise<T | 0> {
    try {
      return await call();
    } catch (err) {
      q.fail(err);
      this.options.onNotice?.(`Query ${q.plan.queryId} failed: ${q.error}`);
      return 0;
    }
  }

  /**
   * Applies the statements other processes (sharing this log and service id) recorded since
   * this engine last read the command topic, as a restart would replay them: their streams,
   * tables and queries appear here too. Returns how many were applied. A statement that fails
   * here is reported and skipped; the others still apply.
   */
  async applyNewCommands(): Promise<number> {
    if (this.recording > 0) return 0;
    const { commands, next } = await readCommandsFrom(this.log, this.commandOffset);
    this.commandOffset = next;
    let applied = 0;
    for (const { offset, command } of commands) {
      if (this.ownCommands.delete(offset)) continue;
      try {
        await this.replay([command]);
        applied++;
        this.options.onNotice?.(
          `Applied a statement recorded by another process: ${command.statement}`,
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.options.onNotice?.(
          `Could not apply a statement recorded by another process (${command.statement}): ${message}`,
        );
      }
    }
    return applied;
  }

  /**
   * Runs the persistent queries until `stopped()` says so, sleeping while there is nothing to do,
   * and takes up statements that other processes record meanwhile.
   */
  async runUntil(stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      await this.applyNewCommands();
      await this.drain();
      const topics = [...new Set([...this.queries.values()].flatMap((q) => q.sourceTopics))];
      await this.log.waitForRecords([...topics, COMMAND_TOPIC], 200);
    }
  }

  async close(): Promise<void> {
    for (const q of this.queries.values()) await this.guard(q, () => q.flush());
    for (const q of this.queries.values()) await this.guard(q, () => q.closeState());
    await this.pullViews.close();
    await this.schemaRegistry.close().catch(() => undefined);
    await this.options.log.close();
    this.options.onClosed?.();
  }
}

/** Puts an error's position into the script's coordinates. */
function located(err: unknown, piece: { line: number; col: number }, fallback?: Span): ScriptError {
  const error = err instanceof Error ? err : new Error(String(err));
  const span = error instanceof StreamSqlError ? (error.span ?? fallback) : fallback;
  if (!span || span.line === 0) return new ScriptError(error, piece.line, piece.col);
  const line = piece.line + span.line - 1;
  const col = span.line === 1 ? piece.col + span.col - 1 : span.col;
  return new ScriptError(error, line, col);
}
