/**
 * The one error hierarchy. Each message starts with its phase (as DataFusion's do), and errors
 * about statement text carry the span they are about, so the CLI can print `FILE:LINE:COL: message`.
 */
import type { Span } from './span.js';

export abstract class StreamSqlError extends Error {
  abstract readonly phase: string;
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = new.target.name;
  }
  /** The message with its phase, as shown to users. */
  get display(): string {
    return `${this.phase}: ${this.message}`;
  }
}

/** Statement text that does not parse. */
export class ParseError extends StreamSqlError {
  // In ksqlDB's words, which its users (and its tests) look for.
  readonly phase = 'Syntax Error';
  constructor(
    message: string,
    span: Span,
    readonly expected: readonly string[] = [],
  ) {
    super(message, span);
  }
}

/** A statement that parses but does not make sense: unknown names, wrong types, ksqlDB's checks. */
export class AnalysisError extends StreamSqlError {
  readonly phase = 'analysis error';
}

/** A query that cannot be planned. */
export class PlanError extends StreamSqlError {
  readonly phase = 'plan error';
}

/** A failure while running: names the query and where the record came from when known. */
export class ExecutionError extends StreamSqlError {
  readonly phase = 'execution error';
  constructor(
    message: string,
    readonly where: {
      queryId?: string;
      operator?: string;
      topic?: string;
      partition?: number;
      offset?: number;
    } = {},
  ) {
    super(message);
  }
}

/** A ksqlDB feature that streamsql does not support yet; names the feature. */
export class UnsupportedError extends StreamSqlError {
  readonly phase = 'unsupported';
}

/** A broken invariant inside streamsql. */
export class InternalError extends StreamSqlError {
  readonly phase = 'internal error (this is a bug)';
}
