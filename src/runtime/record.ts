/** What flows between operators: a row with its timestamp and where it came from. */
import type { Header } from '../log/log.js';

export interface Rec {
  /** Positional values in the emitting node's schema. */
  row: unknown[];
  /** Milliseconds since the epoch: the record's event time. */
  timestamp: number;
  /** A table change that deletes its key (the row holds the key columns; values are null). */
  tombstone?: boolean;
  /**
   * For table changes: the key's previous row (null when the key is new), so filters and
   * aggregations can retract what it contributed. Absent for stream records.
   */
  old?: unknown[] | null;
  /** For windowed results: the window the row belongs to. */
  window?: WindowBounds;
  /** The input record this row descends from, for the processing log. */
  readonly origin: Origin;
}

export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}

export interface Origin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The input record's headers, which Kafka Streams forwards to every record it causes. */
  readonly headers?: readonly Header[];
}
