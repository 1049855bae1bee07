/**
 * Case results as text, to cross from a worker thread to the main one: outputs keep their exact
 * numbers (lossless JSON), and are read back with the same reader as QTT records.
 */
import { stringify } from 'lossless-json';
import { isJsonArray, parseJsonText } from './json-text.js';
import { readRecord } from './qtt-fields.js';
import type { CaseResult, CaseStatus } from './run-case.js';

export interface WireResult {
  readonly file: string;
  readonly name: string;
  readonly status: CaseStatus;
  readonly outputs: string;
  readonly error?: string;
  readonly durationMs: number;
}

export function toWire(result: CaseResult): WireResult {
  return {
    file: result.file,
    name: result.name,
    status: result.status,
    outputs: stringify(result.outputs) ?? '[]',
    ...(result.error !== undefined ? { error: result.error } : {}),
    durationMs: result.durationMs,
  };
}

export function fromWire(wire: WireResult): CaseResult {
  const parsed = parseJsonText(wire.outputs, false);
  const outputs = isJsonArray(parsed) ? parsed.map((r, i) => readRecord(r, `outputs[${i}]`)) : [];
  return {
    file: wire.file,
    name: wire.name,
    status: wire.status,
    outputs,
    ...(wire.error !== undefined ? { error: wire.error } : {}),
    durationMs: wire.durationMs,
  };
}
