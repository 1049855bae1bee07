/**
 * The HyperLogLog estimator of ksqlDB's COUNT_DISTINCT: stream-lib's `HyperLogLog` with
 * log2m = 14 (16384 five-bit registers). Registers are held one per byte; the estimate is computed
 * exactly as stream-lib does, so the same hashes give the same counts as ksqlDB.
 */
import { javaRound } from './java-arithmetic.js';

export const LOG2M = 14;
export const REGISTERS = 1 << LOG2M;

const ALPHA_MM = (0.7213 / (1 + 1.079 / REGISTERS)) * REGISTERS * REGISTERS;

export type Registers = Uint8Array;

export function emptyRegisters(): Registers {
  return new Uint8Array(REGISTERS);
}

/** `offerHashed(int)`: the registers with the hash recorded (the same object when unchanged). */
export function offerHash(registers: Registers, hash: number): Registers {
  const index = hash >>> (32 - LOG2M);
  const rank = Math.clz32((hash << LOG2M) | ((1 << (LOG2M - 1)) + 1)) + 1;
  if (registers[index]! >= rank) return registers;
  const next = registers.slice();
  next[index] = rank;
  return next;
}

export function mergeRegisters(a: Registers, b: Registers): Registers {
  const merged = a.slice();
  for (let i = 0; i < REGISTERS; i++) if (b[i]! > merged[i]!) merged[i] = b[i]!;
  return merged;
}

export function cardinality(registers: Registers): bigint {
  let registerSum = 0;
  let zeros = 0;
  for (let j = 0; j < REGISTERS; j++) {
    const value = registers[j]!;
    registerSum += 1 / (1 << value);
    if (value === 0) zeros++;
  }
  const estimate = ALPHA_MM * (1 / registerSum);
  if (estimate <= (5 / 2) * REGISTERS) {
    return javaRound(REGISTERS * Math.log(REGISTERS / zeros));
  }
  return javaRound(estimate);
}

/** Registers as JSON: the set ones as [index, value, …] pairs when few, else base64 bytes. */
export function registersToState(registers: Registers): unknown {
  const pairs: number[] = [];
  for (let i = 0; i < REGISTERS; i++) {
    if (registers[i] !== 0) pairs.push(i, registers[i]!);
    if (pairs.length > REGISTERS / 4) return { dense: Buffer.from(registers).toString('base64') };
  }
  return { sparse: pairs };
}

export function registersFromState(state: unknown): Registers {
  const { dense, sparse } = state as { dense?: string; sparse?: number[] };
  if (dense !== undefined) return new Uint8Array(Buffer.from(dense, 'base64'));
  const registers = emptyRegisters();
  const pairs = sparse ?? [];
  for (let i = 0; i + 1 < pairs.length; i += 2) registers[pairs[i]!] = pairs[i + 1]!;
  return registers;
}
