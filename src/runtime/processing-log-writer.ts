/**
 * Collects processing-log entries while a batch is processed and turns them into records for
 * the processing log topic, written in the same transaction as the batch's output.
 */
import type { ProducerRecord } from '../log/log.js';
import { createSerde } from '../serde/create-serde.js';
import {
  PROCESSING_LOG_COLUMNS,
  processingLogEntry,
  type ProcessingLogEntry,
} from './processing-log.js';
import type { Origin } from './record.js';
import type { ProcessingErrorKind, RawRecord, TaskContext } from './task-context.js';

const serde = createSerde('JSON', PROCESSING_LOG_COLUMNS, 'value');

export type ProcessingLogListener = (summary: string) => void;

export class BatchContext implements TaskContext {
  readonly entries: ProcessingLogEntry[] = [];

  constructor(
    readonly queryId: string,
    private readonly listener?: ProcessingLogListener,
  ) {}

  processingError(
    origin: Origin,
    error: unknown,
    where: ProcessingErrorKind,
    raw?: RawRecord,
  ): void {
    const entry = processingLogEntry(this.queryId, origin, error, where, raw, Date.now());
    this.entries.push(entry);
    this.listener?.(`${this.queryId}: ${entry.summary}`);
  }

  /** The entries as records for the processing log topic. */
  records(): ProducerRecord[] {
    return this.entries.map((e) => ({
      key: null,
      value: serde.serialize(e.row),
      timestamp: e.timestamp,
    }));
  }
}
