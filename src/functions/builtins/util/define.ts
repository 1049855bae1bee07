/**
 * Small helpers for declaring built-in scalar functions: the definition shape, ksqlDB's function
 * categories, and the error a Java primitive parameter raises when it receives NULL.
 */
import { ExecutionError } from '../../../common/errors.js';
import type { ScalarFunctionDefinition, ScalarSignature } from '../../definition.js';

/** ksqlDB's FunctionCategory names, as SHOW FUNCTIONS prints them. */
export const Category = {
  MATHEMATICAL: 'MATHEMATICAL',
  STRING: 'STRING',
  REGULAR_EXPRESSION: 'REGULAR EXPRESSION',
  JSON: 'JSON',
  ARRAY: 'ARRAY',
  MAP: 'MAP',
  URL: 'URL',
  CONDITIONAL: 'CONDITIONAL',
  LAMBDA: 'LAMBDA',
  CONVERSIONS: 'CONVERSIONS',
  OTHER: 'OTHER',
} as const;

export function scalar(
  name: string,
  category: string,
  description: string,
  signatures: readonly ScalarSignature[],
): ScalarFunctionDefinition {
  return { kind: 'scalar', name, category, description, signatures };
}

/**
 * The value of an argument that ksqlDB's implementation takes as a Java primitive (`int`,
 * `boolean`): NULL there fails the call, as the unboxing does in ksqlDB.
 */
export function primitive<T>(value: T | null, functionName: string): T {
  if (value === null || value === undefined) {
    throw new ExecutionError(
      `Function ${functionName} does not accept a NULL value for this argument`,
    );
  }
  return value;
}
