/**
 * Types `a + b` and friends as ksqlDB does: numerics widen to a common type, DECIMAL results take
 * ksqlDB's precision and scale, and `+` also concatenates strings.
 */
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import { formatType, isNumeric, STRING } from '../common/sql-types.js';
import { decimalResultType } from '../functions/decimal.js';
import { castTo, coerceTo, integerAsDecimal, widerNumeric } from './coercion.js';
import type { TypedExpression } from './typed-expression.js';

export function typeArithmetic(
  op: '+' | '-' | '*' | '/' | '%',
  left: TypedExpression,
  right: TypedExpression,
  span: Span,
): TypedExpression {
  let lt = left.k === 'unit' ? null : left.type;
  let rt = right.k === 'unit' ? null : right.type;
  if (lt === null && rt === null) {
    throw new AnalysisError(`Arithmetic on two NULLs: the result type is unknown`, span);
  }
  lt ??= rt;
  rt ??= lt;
  if (op === '+' && lt!.base === 'STRING' && rt!.base === 'STRING') {
    return {
      k: 'arith',
      op,
      left: castTo(left, STRING),
      right: castTo(right, STRING),
      type: STRING,
    };
  }
  if (!isNumeric(lt!) || !isNumeric(rt!)) {
    throw new AnalysisError(
      `Error processing expression: Unsupported arithmetic types. ${formatType(lt!)} ${formatType(rt!)}`,
      span,
    );
  }
  const common = widerNumeric(lt!, rt!);
  if (common.base === 'DECIMAL') {
    const ld = integerAsDecimal(lt!);
    const rd = integerAsDecimal(rt!);
    return {
      k: 'arith',
      op,
      left: coerceTo(left, ld, span, 'Arithmetic'),
      right: coerceTo(right, rd, span, 'Arithmetic'),
      type: decimalResultType(op, ld, rd),
    };
  }
  return {
    k: 'arith',
    op,
    left: castTo(left, common),
    right: castTo(right, common),
    type: common,
  };
}
