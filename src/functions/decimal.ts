/**
 * DECIMAL as ksqlDB computes it with Java's BigDecimal: the result types of `+ - * / %`
 * (SqlDecimal's rules), exact arithmetic that fails instead of rounding (ksqlDB evaluates
 * `a.op(b, new MathContext(precision, UNNECESSARY)).setScale(scale)`), and DecimalUtil's casts
 * into a DECIMAL(p, s) (overflow checks, HALF_UP rounding).
 *
 * Also the Java integer arithmetic the expression compiler needs: 32- and 64-bit wrap-around and
 * `/ by zero` errors.
 *
 * decimal.js values carry no scale; a DECIMAL(p, s) value is a Decimal whose digits fit s.
 */
import DecimalModule from 'decimal.js';
import type { Decimal as DecimalValue } from 'decimal.js';
import { ExecutionError } from '../common/errors.js';
import type { SqlType } from '../common/sql-types.js';

/**
 * The decimal.js constructor. Under NodeNext the package's CommonJS typings make the default
 * import look like the module namespace, while at run time it is the constructor itself.
 */
export const Decimal = DecimalModule as unknown as typeof DecimalModule.Decimal;
export type Decimal = DecimalValue;

/** Exact arithmetic: no rounding below a billion digits, plain (non-exponent) toString. */
const Exact = Decimal.clone({
  precision: 1e9,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

const ZERO = new Exact(0);

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

interface DecimalType {
  readonly precision: number;
  readonly scale: number;
}

/** Java's ArithmeticException, as ksqlDB surfaces it: the record goes to the processing log. */
export function arithmeticError(message: string): ExecutionError {
  return new ExecutionError(message);
}

// ---------------------------------------------------------------- result types

/** The DECIMAL a numeric type is treated as in decimal arithmetic (DecimalUtil.toSqlDecimal). */
export function toSqlDecimal(type: SqlType): DecimalType {
  switch (type.base) {
    case 'DECIMAL':
      return type;
    case 'INTEGER':
      return { precision: 10, scale: 0 };
    case 'BIGINT':
      return { precision: 19, scale: 0 };
    default:
      throw new Error(`Cannot convert ${type.base} to DECIMAL.`);
  }
}

/**
 * The type of `left op right` where one side is DECIMAL and the other DECIMAL, INT (as
 * DECIMAL(10, 0)) or BIGINT (as DECIMAL(19, 0)), per ksqlDB's SqlDecimal.
 */
export function decimalResultType(op: ArithmeticOperator, left: SqlType, right: SqlType): SqlType {
  const l = toSqlDecimal(left);
  const r = toSqlDecimal(right);
  const lInt = l.precision - l.scale;
  const rInt = r.precision - r.scale;
  switch (op) {
    case '+':
    case '-': {
      const scale = Math.max(l.scale, r.scale);
      return { base: 'DECIMAL', precision: scale + Math.max(lInt, rInt) + 1, scale };
    }
    case '*':
      return {
        base: 'DECIMAL',
        precision: l.precision + r.precision + 1,
        scale: l.scale + r.scale,
      };
    case '/': {
      const scale = Math.max(6, l.scale + r.precision + 1);
      return { base: 'DECIMAL', precision: lInt + r.scale + scale, scale };
    }
    case '%': {
      const scale = Math.max(l.scale, r.scale);
      return { base: 'DECIMAL', precision: Math.min(lInt, rInt) + scale, scale };
    }
  }
}

// ---------------------------------------------------------------- arithmetic

/**
 * `(a, b) => a op b` for non-null DECIMAL operands, producing a value of `resultType` (from
 * decimalResultType). Throws, as BigDecimal does with RoundingMode.UNNECESSARY, when the exact
 * result does not fit: a non-terminating quotient, too many digits, division by zero.
 */
export function decimalArithmetic(
  op: ArithmeticOperator,
  resultType: SqlType,
): (a: Decimal, b: Decimal) => Decimal {
  const { precision, scale } = toSqlDecimal(resultType);
  const fit = (d: Decimal): Decimal => requireExact(d, precision, scale);
  switch (op) {
    case '+':
      return (a, b) => fit(new Exact(a).plus(b));
    case '-':
      return (a, b) => fit(new Exact(a).minus(b));
    case '*':
      return (a, b) => fit(new Exact(a).times(b));
    case '/':
      return (a, b) => fit(divide(a, b, precision));
    case '%':
      return (a, b) => fit(remainder(a, b, precision));
  }
}

/** `-a` (BigDecimal.negate with the type's MathContext: exact). */
export function decimalNegate(a: Decimal): Decimal {
  return new Exact(a).neg();
}

function requireExact(d: Decimal, precision: number, scale: number): Decimal {
  if (d.sd() > precision || d.decimalPlaces() > scale) {
    throw arithmeticError('Rounding necessary');
  }
  return d.isZero() ? ZERO : d;
}

function checkDivisor(a: Decimal, b: Decimal): void {
  if (b.isZero()) throw arithmeticError(a.isZero() ? 'Division undefined' : 'Division by zero');
}

const truncatingByPrecision = new Map<number, typeof Decimal>();

function truncating(precision: number): typeof Decimal {
  let ctor = truncatingByPrecision.get(precision);
  if (ctor === undefined) {
    ctor = Exact.clone({ precision, rounding: Decimal.ROUND_DOWN });
    truncatingByPrecision.set(precision, ctor);
  }
  return ctor;
}

/** BigDecimal.divide(b, MathContext(precision, UNNECESSARY)): exact or an error. */
function divide(a: Decimal, b: Decimal, precision: number): Decimal {
  checkDivisor(a, b);
  const q = new (truncating(precision))(a).div(b);
  if (!new Exact(q).times(b).eq(a)) throw arithmeticError('Rounding necessary');
  return new Exact(q);
}

/** BigDecimal.remainder(b, MathContext(precision, UNNECESSARY)): sign of the dividend. */
function remainder(a: Decimal, b: Decimal, precision: number): Decimal {
  checkDivisor(a, b);
  const x = new Exact(a);
  const quotient = x.dividedToIntegerBy(b);
  if (quotient.sd() > precision) throw arithmeticError('Division impossible');
  return x.minus(quotient.times(b));
}

// ---------------------------------------------------------------- casts into DECIMAL(p, s)

function ensureMax(value: Decimal, precision: number, scale: number): void {
  const digits = precision - scale;
  if (value.abs().gte(new Exact(10).pow(digits))) {
    throw arithmeticError(
      `Numeric field overflow: A field with precision ${precision} and scale ${scale} ` +
        `must round to an absolute value less than 10^${digits}. Got ${toPlainString(value)}`,
    );
  }
}

/** DecimalUtil.cast(BigDecimal, p, s): overflow check, then HALF_UP to the scale. */
export function decimalToDecimal(value: Decimal, precision: number, scale: number): Decimal {
  const exact = new Exact(value);
  ensureMax(exact, precision, scale);
  return exact.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
}

/** DecimalUtil.cast(long, p, s): rounded to p digits (MathContext), then the overflow check. */
export function integerToDecimal(
  value: number | bigint,
  precision: number,
  scale: number,
): Decimal {
  const exact = new Exact(value.toString()).toSignificantDigits(precision, Decimal.ROUND_HALF_UP);
  ensureMax(exact, precision, scale);
  return exact;
}

/**
 * DecimalUtil.cast(double, p, s): the double's exact binary value rounded HALF_UP to p
 * significant digits, the overflow check, then HALF_UP to the scale.
 */
export function doubleToDecimal(value: number, precision: number, scale: number): Decimal {
  const exact = exactDecimalOfDouble(value).toSignificantDigits(precision, Decimal.ROUND_HALF_UP);
  ensureMax(exact, precision, scale);
  return exact.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
}

/** DecimalUtil.cast(String, p, s): `new BigDecimal(s.trim())`, overflow check, HALF_UP. */
export function stringToDecimal(value: string, precision: number, scale: number): Decimal {
  const exact = parseJavaBigDecimal(javaTrim(value));
  ensureMax(exact, precision, scale);
  return exact.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
}

/** `new BigDecimal(double)`: every finite double is an exact binary fraction m / 2^e. */
export function exactDecimalOfDouble(value: number): Decimal {
  if (!Number.isFinite(value)) throw new ExecutionError('Infinite or NaN');
  if (Number.isInteger(value)) return new Exact(BigInt(value).toString());
  let mantissa = value;
  let exponent = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent++;
  }
  return new Exact(`${BigInt(mantissa) * 5n ** BigInt(exponent)}e-${exponent}`);
}

const JAVA_BIG_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `new BigDecimal(String)`: optional sign, digits with an optional point, optional exponent. */
export function parseJavaBigDecimal(text: string): Decimal {
  if (!JAVA_BIG_DECIMAL.test(text)) {
    throw new ExecutionError(`Character array is not a valid decimal number: ${text}`);
  }
  return new Exact(text);
}

/** Java's String.trim(): strips characters up to U+0020 from both ends. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Any integral, decimal or string value as an exact Decimal. */
export function toDecimal(value: number | bigint | string | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isInteger(value)) return exactDecimalOfDouble(value);
  return new Exact(typeof value === 'object' ? value : value.toString());
}

// ---------------------------------------------------------------- printing

/** BigDecimal.toPlainString() of a value whose scale is `scale`. */
export function toPlainString(value: Decimal, scale?: number): string {
  return scale === undefined ? new Exact(value).toFixed() : value.toFixed(scale);
}

/**
 * BigDecimal.toString() of a value with scale `scale` (>= 0): plain, unless the adjusted
 * exponent is below -6, then scientific (`1E-7`, `1.0E-7`, `0E-8`).
 */
export function javaBigDecimalToString(value: Decimal, scale: number): string {
  const unscaled = new Exact(value).abs().times(new Exact(10).pow(scale)).toFixed(0);
  const adjusted = -scale + (unscaled.length - 1);
  if (scale === 0 || adjusted >= -6) return value.toFixed(scale);
  const sign = value.isNegative() && !value.isZero() ? '-' : '';
  const fraction = unscaled.length > 1 ? `.${unscaled.slice(1)}` : '';
  return `${sign}${unscaled[0]}${fraction}E${adjusted}`;
}

// ---------------------------------------------------------------- Java integer arithmetic

const divideByZero = (): ExecutionError => arithmeticError('/ by zero');

export const intAdd = (a: number, b: number): number => (a + b) | 0;
export const intSub = (a: number, b: number): number => (a - b) | 0;
export const intMul = (a: number, b: number): number => Math.imul(a, b);
export function intDiv(a: number, b: number): number {
  if (b === 0) throw divideByZero();
  return (a / b) | 0;
}
export function intMod(a: number, b: number): number {
  if (b === 0) throw divideByZero();
  return (a % b) | 0;
}

export const longAdd = (a: bigint, b: bigint): bigint => BigInt.asIntN(64, a + b);
export const longSub = (a: bigint, b: bigint): bigint => BigInt.asIntN(64, a - b);
export const longMul = (a: bigint, b: bigint): bigint => BigInt.asIntN(64, a * b);
export function longDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divideByZero();
  return BigInt.asIntN(64, a / b);
}
export function longMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divideByZero();
  return a % b;
}

/** Java's double `%`: truncated remainder with the dividend's sign (as JavaScript's). */
export const doubleMod = (a: number, b: number): number => a % b;
