/**
 * A stream or a table known to the engine: its columns, topic, formats and how its
 * records are timestamped. What CREATE STREAM/TABLE declares and DESCRIBE shows.
 */
import type { Column } from '../common/schema.js';
import type { FormatName, SerdeOptions } from '../serde/serde.js';

export interface FormatInfo {
  readonly format: FormatName;
  readonly options: SerdeOptions;
}

/** How a windowed source's keys are windowed (ksqlDB's WINDOW_TYPE / WINDOW_SIZE). */
export interface WindowInfo {
  readonly type: 'tumbling' | 'hopping' | 'session';
  readonly sizeMs?: number;
}

export interface TimestampInfo {
  readonly column: string;
  /** TIMESTAMP_FORMAT, a Java DateTimeFormatter pattern, for STRING columns. */
  readonly format?: string;
}

export interface DataSource {
  readonly name: string;
  readonly sourceType: 'stream' | 'table';
  readonly topic: string;
  /** Key, value and header columns, in declaration order within each namespace (no pseudo columns). */
  readonly columns: readonly Column[];
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  readonly timestamp?: TimestampInfo;
  readonly window?: WindowInfo;
  /** CREATE SOURCE STREAM/TABLE: no INSERT, no DROP … DELETE TOPIC. */
  readonly readOnly: boolean;
  /** The id of the persistent query that writes this source (CSAS/CTAS), if any. */
  readonly writtenBy?: string;
  /** The statement that created it. */
  readonly sql: string;
}
