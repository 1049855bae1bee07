/**
 * The checkpoint file, `<dataDir>/checkpoint.json`: the state the journal starts from. Written
 * (atomically) after every segment is fsynced and before the journal is emptied, it holds the
 * consumer offsets and each partition's end offset at that instant. Recovery replays the journal
 * over it, and cuts off any segment data beyond what the two account for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecutionError } from '../../common/errors.js';
import { writeFileAtomicSync } from './fs-util.js';
import type { OffsetsSnapshot } from './offsets-store.js';

export interface Checkpoint {
  readonly version: 1;
  /** Topic → end offset per partition. */
  readonly ends: Record<string, number[]>;
  readonly offsets: OffsetsSnapshot;
}

export const CHECKPOINT_FILE = 'checkpoint.json';

export function readCheckpoint(dataDir: string): Checkpoint | undefined {
  const file = path.join(dataDir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
  if (parsed.version !== 1) {
    throw new ExecutionError(
      `${file} has version ${String(parsed.version)}, which this streamsql cannot read`,
    );
  }
  return parsed;
}

export function writeCheckpoint(dataDir: string, checkpoint: Checkpoint, durable: boolean): void {
  writeFileAtomicSync(path.join(dataDir, CHECKPOINT_FILE), JSON.stringify(checkpoint), durable);
}
