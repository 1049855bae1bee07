/**
 * What executing a statement gives back, for the CLI to format: a message, a table of rows
 * (SHOW, DESCRIBE, pull queries), or the rows of a push query as they arrive (through
 * `ExecutionOptions.onPushRow`).
 */
import type { SqlType } from '../common/sql-types.js';

export interface ResultColumn {
  readonly name: string;
  readonly type: SqlType;
}

export type StatementResult =
  | { readonly kind: 'message'; readonly text: string; readonly queryId?: string }
  | {
      readonly kind: 'table';
      /** What the rows are, e.g. `Streams`, `Topics`, `Query`. */
      readonly title: string;
      readonly columns: readonly ResultColumn[];
      readonly rows: readonly (readonly unknown[])[];
    }
  | { readonly kind: 'text'; readonly title: string; readonly text: string }
  | { readonly kind: 'pushQueryDone'; readonly rows: number };

/** Callbacks a caller gives for push queries and PRINT, which stream their output. */
export interface StreamingHandlers {
  /** The columns of a push query, before its first row. */
  onPushHeader?(columns: readonly ResultColumn[]): void;
  onPushRow?(values: readonly unknown[], columns: readonly ResultColumn[]): void;
  /** A line of PRINT output. */
  onPrintLine?(line: string): void;
  /** Whether a running push query or PRINT should stop (Ctrl-C). */
  cancelled?(): boolean;
}
