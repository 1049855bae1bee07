/**
 * The messages of function resolution, worded as ksqlDB's UdfIndex and FunctionRegistry word them,
 * so that scripts and tests written against ksqlDB see the same errors.
 */
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import type { SqlType } from '../common/sql-types.js';
import { formatParamType, type ParamType } from './type-pattern.js';
import type { ArgumentShape } from './types.js';

/** What a signature shows in messages: its patterns and parameter names. */
export interface ShownSignature {
  readonly params: readonly ParamType[];
  readonly paramNames: readonly (string | undefined)[];
  readonly variadic: boolean;
  /** The repeating parameter's index (-1 when there is none). */
  readonly variadicAt: number;
}

/** A SQL type as ksqlDB prints it without escaping: `STRUCT<a INTEGER>`, `DECIMAL(4, 2)`. */
export function formatArgumentType(type: SqlType): string {
  switch (type.base) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ARRAY':
      return `ARRAY<${formatArgumentType(type.items)}>`;
    case 'MAP':
      return `MAP<${formatArgumentType(type.key)}, ${formatArgumentType(type.value)}>`;
    case 'STRUCT':
      return `STRUCT<${type.fields.map((f) => `${f.name} ${formatArgumentType(f.type)}`).join(', ')}>`;
    default:
      return type.base;
  }
}

function formatArgument(arg: ArgumentShape): string {
  switch (arg.kind) {
    case 'value':
      return arg.type === null ? 'null' : formatArgumentType(arg.type);
    case 'lambda':
      return 'LAMBDA';
    case 'intervalUnit':
      return arg.unit;
  }
}

export function formatArguments(args: readonly ArgumentShape[]): string {
  return `(${args.map(formatArgument).join(', ')})`;
}

/** One parameter list as DESCRIBE FUNCTION and the error messages show it. */
export function formatParams(signature: ShownSignature): string {
  return signature.params
    .map((param, i) => {
      const variadic = signature.variadic && i === signature.variadicAt;
      const type = formatParamType(param) + (variadic ? '...' : '');
      const name = signature.paramNames[i];
      return name ? `${type} ${name}` : type;
    })
    .join(', ');
}

function alternatives(name: string, signatures: readonly ShownSignature[]): string {
  return signatures.map((s) => `${name}(${formatParams(s)})`).join('\n');
}

const DESCRIBE_HINT =
  'For detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;';

export function noMatchingSignature(
  name: string,
  args: readonly ArgumentShape[],
  signatures: readonly ShownSignature[],
  span?: Span,
): AnalysisError {
  return new AnalysisError(
    `Function '${name}' does not accept parameters ${formatArguments(args)}.\n` +
      `Valid alternatives are:\n${alternatives(name, signatures)}\n${DESCRIBE_HINT}`,
    span,
  );
}

export function ambiguousSignature(
  name: string,
  args: readonly ArgumentShape[],
  signatures: readonly ShownSignature[],
  span?: Span,
): AnalysisError {
  return new AnalysisError(
    `Function '${name}' cannot be resolved due to ambiguous method parameters ${formatArguments(args)}.\n` +
      'Use CAST() to explicitly cast your parameters to one of the supported function calls.\n' +
      `Valid function calls are:\n${alternatives(name, signatures)}\n${DESCRIBE_HINT}`,
    span,
  );
}

export function unknownFunction(
  name: string,
  kind: 'scalar' | 'aggregate' | 'table',
  span?: Span,
): AnalysisError {
  const upper = name.toUpperCase();
  switch (kind) {
    case 'scalar':
      return new AnalysisError(`Can't find any functions with the name '${upper}'`, span);
    case 'aggregate':
      return new AnalysisError(
        `Can not find any aggregate functions with the name '${upper}'`,
        span,
      );
    case 'table':
      return new AnalysisError(`Can not find any table functions with the name '${upper}'`, span);
  }
}
