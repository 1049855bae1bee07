/** Stamped values (see offset-sequence.ts) to and from JSON state. */
import { observeSequence, type Stamped } from './offset-sequence.js';
import { decodeValue, encodeValue, type Json } from './state-codec.js';

export function encodeStamped(entry: Stamped): Json {
  return { seq: entry.seq, val: encodeValue(entry.val) };
}

export function decodeStamped(state: unknown): Stamped {
  const { seq, val } = state as { seq: number; val: unknown };
  observeSequence(seq);
  return { seq, val: decodeValue(val) };
}
