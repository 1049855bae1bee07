import { describe, expect, it } from 'vitest';
import { typeExpression } from '../../src/analyzer/expression-typer.js';
import { Scope } from '../../src/analyzer/scope.js';
import { Decimal } from '../../src/common/decimal.js';
import type { SqlType } from '../../src/common/sql-types.js';
import { builtinRegistry, createFunctionRegistry } from '../../src/functions/registry.js';
import { parseExpression } from '../../src/parser/parse.js';
import { compileExpression } from '../../src/runtime/compile-expression.js';

const functions = createFunctionRegistry([]);

const columns: { name: string; type: SqlType }[] = [
  { name: 'I', type: { base: 'INTEGER' } },
  { name: 'L', type: { base: 'BIGINT' } },
  { name: 'D', type: { base: 'DOUBLE' } },
  { name: 'S', type: { base: 'STRING' } },
  { name: 'B', type: { base: 'BOOLEAN' } },
  { name: 'DEC', type: { base: 'DECIMAL', precision: 4, scale: 2 } },
  { name: 'A', type: { base: 'ARRAY', items: { base: 'INTEGER' } } },
  { name: 'M', type: { base: 'MAP', key: { base: 'STRING' }, value: { base: 'INTEGER' } } },
  {
    name: 'ST',
    type: { base: 'STRUCT', fields: [{ name: 'F', type: { base: 'STRING' } }] },
  },
];
const scope = new Scope(
  columns.map((c, index) => ({ ...c, source: 'T', index })),
  ['T'],
);

function evaluate(sql: string, row: unknown[]): unknown {
  const typed = typeExpression(parseExpression(sql), {
    scope,
    functions,
    customTypes: () => undefined,
    clause: 'SELECT',
  });
  return compileExpression(typed, functions)(row);
}

const row = [
  7,
  10n,
  2.5,
  'abc',
  true,
  new Decimal('1.25'),
  [1, 2, 3],
  new Map([['k', 5]]),
  { F: 'x' },
];
const nulls = columns.map(() => null);

describe('compiled expressions', () => {
  it('does integer arithmetic with Java int wrap-around', () => {
    expect(evaluate('I + 1', row)).toBe(8);
    expect(evaluate('2147483647 + I', row)).toBe(-2147483642);
    expect(evaluate('I / 2', row)).toBe(3);
    expect(evaluate('I % 4', row)).toBe(3);
  });

  it('widens INT to BIGINT and keeps BIGINT exact', () => {
    expect(evaluate('I + L', row)).toBe(17n);
    expect(evaluate('L * 922337203685477581', row)).toBe(-9223372036854775806n);
  });

  it('throws on integer division by zero, so the record goes to the processing log', () => {
    expect(() => evaluate('I / 0', row)).toThrow(/by zero/);
  });

  it('propagates NULL through arithmetic and comparisons', () => {
    expect(evaluate('I + 1', nulls)).toBeNull();
    expect(evaluate('I > 1', nulls)).toBe(false);
    expect(evaluate('I IS NULL', nulls)).toBe(true);
    expect(evaluate('I IS NOT NULL', row)).toBe(true);
  });

  it('applies three-valued AND/OR', () => {
    expect(evaluate('B AND I > 100', nulls)).toBe(false);
    expect(evaluate('I > 100 AND B', nulls)).toBe(false);
    expect(evaluate('false AND B', nulls)).toBe(false);
    expect(evaluate('true OR B', nulls)).toBe(true);
    expect(evaluate('NOT B', row)).toBe(false);
  });

  it('compares mixed numeric types after widening', () => {
    expect(evaluate('I < D * 3', row)).toBe(true);
    expect(evaluate('L = 10', row)).toBe(true);
    expect(evaluate('DEC > 1.2', row)).toBe(true);
  });

  it('reads string literals as the type they are compared with', () => {
    expect(evaluate("L = '10'", row)).toBe(true);
    expect(() => evaluate("L = 'ten'", row)).toThrow(/invalid input syntax for type BIGINT/);
  });

  it('evaluates BETWEEN, IN and LIKE', () => {
    expect(evaluate('I BETWEEN 5 AND 7', row)).toBe(true);
    expect(evaluate('I NOT BETWEEN 5 AND 7', row)).toBe(false);
    expect(evaluate('I IN (1, 7)', row)).toBe(true);
    expect(evaluate('I IN (1, NULL)', row)).toBeNull();
    expect(evaluate('I NOT IN (1, 2)', row)).toBe(true);
    expect(evaluate("S LIKE 'a%'", row)).toBe(true);
    expect(evaluate("S LIKE '_b_'", row)).toBe(true);
    expect(evaluate("S NOT LIKE 'b%'", row)).toBe(true);
    expect(evaluate("'a%c' LIKE 'a!%c' ESCAPE '!'", row)).toBe(true);
    expect(evaluate("'abc' LIKE 'a!%c' ESCAPE '!'", row)).toBe(false);
  });

  it('evaluates CASE with the first true branch and ELSE', () => {
    expect(
      evaluate("CASE WHEN I > 10 THEN 'big' WHEN I > 5 THEN 'mid' ELSE 'small' END", row),
    ).toBe('mid');
    expect(evaluate("CASE WHEN I > 10 THEN 'big' END", row)).toBeNull();
    expect(evaluate("CASE I WHEN 7 THEN 'seven' ELSE 'other' END", row)).toBe('seven');
  });

  it('reads structs, arrays (1-based, negative from the end) and maps', () => {
    expect(evaluate('ST->F', row)).toBe('x');
    expect(evaluate('A[1]', row)).toBe(1);
    expect(evaluate('A[-1]', row)).toBe(3);
    expect(evaluate('A[10]', row)).toBeNull();
    expect(evaluate("M['k']", row)).toBe(5);
    expect(evaluate("M['nope']", row)).toBeNull();
    expect(evaluate('ST->F', nulls)).toBeNull();
  });

  it('builds arrays, maps and structs', () => {
    expect(evaluate('ARRAY[I, 1]', row)).toEqual([7, 1]);
    expect(evaluate("MAP('a' := I)", row)).toEqual(new Map([['a', 7]]));
    expect(evaluate('STRUCT(X := I, Y := S)', row)).toEqual({ X: 7, Y: 'abc' });
  });

  it('does DECIMAL arithmetic exactly', () => {
    const sum = evaluate('DEC + 1.25', row) as Decimal;
    expect(sum.toString()).toBe('2.5');
  });

  it('compares with IS DISTINCT FROM treating NULLs as equal', () => {
    expect(evaluate('I IS DISTINCT FROM NULL', row)).toBe(true);
    expect(evaluate('I IS NOT DISTINCT FROM NULL', nulls)).toBe(true);
    expect(evaluate('I IS DISTINCT FROM 7', row)).toBe(false);
  });

  it('fails a lambda call whose body does arithmetic on NULL, as ksqlDB unboxes its parameters', () => {
    const builtins = builtinRegistry();
    const typed = typeExpression(parseExpression('TRANSFORM(A, x => x + 5)'), {
      scope,
      functions: builtins,
      customTypes: () => undefined,
      clause: 'SELECT',
    });
    const transform = compileExpression(typed, builtins);
    const withNull = [...row.slice(0, 6), [5, null], ...row.slice(7)];
    expect(transform(row)).toEqual([6, 7, 8]);
    expect(() => transform(withNull)).toThrow(/NULL value inside a lambda/);
    const errors: unknown[] = [];
    expect(transform.safe(withNull, errors)).toBeNull();
    expect(errors).toHaveLength(1);
  });
});
