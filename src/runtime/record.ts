/** What flows between operators: a row with its timestamp and where it came from. */

export interface Rec {
  /** Positional values in the emitting node's schema. */
  row: unknown[];
  /** Milliseconds since the epoch: the record's event time. */
  timestamp: number;
  /** A table change that deletes its key (the row holds the key columns; values are null). */
  tombstone?: boolean;
  /** The input record this row descends from, for the processing log. */
  readonly origin: Origin;
}

export interface Origin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}
