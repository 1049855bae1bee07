/**
 * What an operator may reach while it processes a batch: the processing log, and the query it
 * belongs to (for messages).
 */
import type { Origin } from './record.js';

export interface TaskContext {
  readonly queryId: string;
  /** Records a failure for one input record; the record is dropped and processing goes on. */
  processingError(
    origin: Origin,
    error: unknown,
    where: ProcessingErrorKind,
    raw?: RawRecord,
  ): void;
}

export type ProcessingErrorKind =
  | { readonly kind: 'deserialization'; readonly target: 'key' | 'value' }
  | { readonly kind: 'processing'; readonly operator: string }
  | { readonly kind: 'serialization'; readonly target: 'key' | 'value'; readonly topic: string };

/** The bytes of the record that failed, when there are bytes to show. */
export interface RawRecord {
  readonly bytes: Buffer | null;
}
