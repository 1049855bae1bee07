/**
 * Mathematical functions returning DOUBLE (ksqlDB's udf/math): EXP, LN, LOG, POWER, SQRT, CBRT,
 * DEGREES, RADIANS, RANDOM, PI, the trigonometric functions, and ABS and SIGN. Each takes INT,
 * BIGINT and DOUBLE overloads, as in ksqlDB, so that integer arguments match exactly.
 * Note: ksqlDB's one-argument LOG is the natural logarithm (its implementation calls Math.log),
 * whatever its documentation says; so is this one.
 */
import type { Decimal } from '../../common/decimal.js';
import type { FunctionDefinition, ScalarSignature } from '../definition.js';
import { Category, scalar } from './util/define.js';

type Num = number | bigint | null;

const RADIANS_TO_DEGREES = 57.29577951308232;
const DEGREES_TO_RADIANS = 0.017453292519943295;

/** INT, BIGINT and DOUBLE overloads of a one-argument DOUBLE function. */
function unary(paramName: string, fn: (x: number) => number): ScalarSignature[] {
  return (['INT', 'BIGINT', 'DOUBLE'] as const).map((type) => ({
    params: [`${type} ${paramName}`],
    returns: 'DOUBLE',
    impl: (x: Num) => (x === null ? null : fn(Number(x))),
  }));
}

/** INT, BIGINT and DOUBLE overloads of a two-argument DOUBLE function. */
function binary(names: [string, string], fn: (a: number, b: number) => number): ScalarSignature[] {
  return (['INT', 'BIGINT', 'DOUBLE'] as const).map((type) => ({
    params: [`${type} ${names[0]}`, `${type} ${names[1]}`],
    returns: 'DOUBLE',
    impl: (a: Num, b: Num) => (a === null || b === null ? null : fn(Number(a), Number(b))),
  }));
}

function logBase(base: number, value: number): number {
  return base <= 0 || base === 1 ? NaN : Math.log(value) / Math.log(base);
}

/** (int) Math.signum(x): NaN is 0. */
function signOfDouble(x: number | null): number | null {
  return x === null ? null : x > 0 ? 1 : x < 0 ? -1 : 0;
}

function trig(name: string, description: string, fn: (x: number) => number): FunctionDefinition {
  return scalar(name, Category.MATHEMATICAL, description, unary('value', fn));
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'Abs',
    Category.MATHEMATICAL,
    'Returns the absolute value of its argument. If the argument is not negative, the argument is returned. If the argument is negative, the negation of the argument is returned.',
    [
      {
        params: ['INT val'],
        returns: 'INT',
        impl: (x: number | null) => (x === null ? null : Math.abs(x) | 0),
      },
      {
        params: ['BIGINT val'],
        returns: 'BIGINT',
        impl: (x: bigint | null) => (x === null ? null : BigInt.asIntN(64, x < 0n ? -x : x)),
      },
      {
        params: ['DOUBLE val'],
        returns: 'DOUBLE',
        impl: (x: number | null) => (x === null ? null : Math.abs(x)),
      },
      {
        params: ['DECIMAL val'],
        returns: (site) => site.argTypes[0]!,
        impl: (x: Decimal | null) => (x === null ? null : x.abs()),
      },
    ],
  ),
  scalar('sign', Category.MATHEMATICAL, 'The sign of a value.', [
    {
      params: ['INT value'],
      returns: 'INT',
      impl: (x: number | null) => (x === null ? null : Math.sign(x)),
    },
    {
      params: ['BIGINT value'],
      returns: 'INT',
      impl: (x: bigint | null) => (x === null ? null : x > 0n ? 1 : x < 0n ? -1 : 0),
    },
    { params: ['DOUBLE value'], returns: 'INT', impl: signOfDouble },
  ]),
  scalar('exp', Category.MATHEMATICAL, 'The exponential of a value.', unary('exponent', Math.exp)),
  scalar(
    'ln',
    Category.MATHEMATICAL,
    'The natural logarithm of a value.',
    unary('value', Math.log),
  ),
  scalar('log', Category.MATHEMATICAL, 'The logarithm of a value.', [
    ...unary('value', Math.log),
    ...binary(['base', 'value'], logBase),
  ]),
  scalar(
    'power',
    Category.MATHEMATICAL,
    'Given a base and an exponent, returns the result of the base raised to the exponent.',
    binary(['base', 'exponent'], (base, exponent) => Math.pow(base, exponent)),
  ),
  scalar('sqrt', Category.MATHEMATICAL, 'The square root of a value.', unary('value', Math.sqrt)),
  scalar('cbrt', Category.MATHEMATICAL, 'The cube root of a value.', unary('value', Math.cbrt)),
  scalar(
    'degrees',
    Category.MATHEMATICAL,
    'Converts a value in radians to a value in degrees.',
    unary('value', (x) => x * RADIANS_TO_DEGREES),
  ),
  scalar(
    'radians',
    Category.MATHEMATICAL,
    'Converts a value in degrees to a value in radians.',
    unary('value', (x) => x * DEGREES_TO_RADIANS),
  ),
  scalar(
    'random',
    Category.MATHEMATICAL,
    'Returns a random number greater than or equal to 0.0 and less than 1.0.',
    [{ params: [], returns: 'DOUBLE', impl: () => Math.random() }],
  ),
  scalar('pi', Category.MATHEMATICAL, 'Returns an approximate value of PI.', [
    { params: [], returns: 'DOUBLE', impl: () => Math.PI },
  ]),
  trig('sin', 'Returns the sine of an angle in radians.', Math.sin),
  trig('cos', 'Returns the cosine of an angle in radians.', Math.cos),
  trig('tan', 'Returns the tangent of an angle in radians.', Math.tan),
  trig('cot', 'Returns the cotangent of an angle in radians.', (x) => Math.cos(x) / Math.sin(x)),
  trig('asin', 'Returns the inverse (arc) sine of a value, in radians.', Math.asin),
  trig('acos', 'Returns the inverse (arc) cosine of a value, in radians.', Math.acos),
  trig('atan', 'Returns the inverse (arc) tangent of a value, in radians.', Math.atan),
  trig('sinh', 'Returns the hyperbolic sine of a value.', Math.sinh),
  trig('cosh', 'Returns the hyperbolic cosine of a value.', Math.cosh),
  trig('tanh', 'Returns the hyperbolic tangent of a value.', Math.tanh),
  scalar(
    'atan2',
    Category.MATHEMATICAL,
    'Returns the inverse (arc) tangent of y / x, in radians.',
    binary(['y', 'x'], Math.atan2),
  ),
];
