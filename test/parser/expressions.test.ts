import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/parser/parse.js';
import { col, expr, int, parseErrorOf, str } from './helpers.js';

describe('literals', () => {
  it('reads NULL, booleans and strings with doubled quotes', () => {
    expect(expr('NULL')).toEqual({ kind: 'null' });
    expect(expr('true')).toEqual({ kind: 'boolean', value: true });
    expect(expr('False')).toEqual({ kind: 'boolean', value: false });
    expect(expr("'it''s'")).toEqual(str("it's"));
    expect(expr("''")).toEqual(str(''));
    expect(expr("'a\nb'")).toEqual(str('a\nb'));
  });

  it('tells integers, decimals and doubles apart, keeping the text as written', () => {
    expect(expr('42')).toEqual(int('42'));
    expect(expr('3000000000')).toEqual(int('3000000000'));
    expect(expr('1.50')).toEqual({ kind: 'decimal', text: '1.50' });
    expect(expr('1.')).toEqual({ kind: 'decimal', text: '1.' });
    expect(expr('.5')).toEqual({ kind: 'decimal', text: '.5' });
    expect(expr('1.5E3')).toEqual({ kind: 'double', text: '1.5E3' });
    expect(expr('1E3')).toEqual({ kind: 'double', text: '1E3' });
    expect(expr('2e-3')).toEqual({ kind: 'double', text: '2e-3' });
  });

  it('folds a minus sign into the number that follows, as ksqlDB does', () => {
    expect(expr('-2147483648')).toEqual(int('-2147483648'));
    expect(expr('- 5')).toEqual(int('-5'));
    expect(expr('-1.5')).toEqual({ kind: 'decimal', text: '-1.5' });
    expect(expr('-9223372036854775808')).toEqual(int('-9223372036854775808'));
    expect(expr('-x')).toEqual({ kind: 'negate', operand: col('X') });
    expect(expr('-(1)')).toEqual({ kind: 'negate', operand: int('1') });
    expect(expr('+x')).toEqual(col('X'));
    expect(expr('a - -1')).toEqual({
      kind: 'arithmetic',
      op: '-',
      left: col('A'),
      right: int('-1'),
    });
    expect(expr('a-1')).toEqual({ kind: 'arithmetic', op: '-', left: col('A'), right: int('1') });
  });

  it('refuses numbers that do not fit, with ksqlDB’s messages', () => {
    expect(parseErrorOf(() => parseExpression('9223372036854775808')).message).toBe(
      'Invalid numeric literal: 9223372036854775808',
    );
    expect(parseErrorOf(() => parseExpression('-9223372036854775809')).message).toBe(
      'Invalid numeric literal: -9223372036854775809',
    );
    expect(parseErrorOf(() => parseExpression('1.7976931348623159E308')).message).toBe(
      'Number overflows DOUBLE: 1.7976931348623159E308',
    );
  });
});

describe('precedence', () => {
  it('binds OR < AND < NOT < comparison < + - < * / % < unary minus < postfix', () => {
    expect(expr('a OR b AND NOT c = d + e * -f[1]')).toEqual({
      kind: 'logical',
      op: 'or',
      left: col('A'),
      right: {
        kind: 'logical',
        op: 'and',
        left: col('B'),
        right: {
          kind: 'not',
          operand: {
            kind: 'comparison',
            op: '=',
            left: col('C'),
            right: {
              kind: 'arithmetic',
              op: '+',
              left: col('D'),
              right: {
                kind: 'arithmetic',
                op: '*',
                left: col('E'),
                right: {
                  kind: 'negate',
                  operand: { kind: 'subscript', base: col('F'), index: int('1') },
                },
              },
            },
          },
        },
      },
    });
  });

  it('associates binary operators to the left', () => {
    expect(expr('a - b - c')).toEqual({
      kind: 'arithmetic',
      op: '-',
      left: { kind: 'arithmetic', op: '-', left: col('A'), right: col('B') },
      right: col('C'),
    });
    expect(expr('a / b % c')).toMatchObject({ op: '%', left: { op: '/' } });
    expect(expr('a AND b AND c')).toMatchObject({ op: 'and', left: { op: 'and' } });
  });

  it('lets NOT bind tighter than AND', () => {
    expect(expr('NOT a AND b')).toEqual({
      kind: 'logical',
      op: 'and',
      left: { kind: 'not', operand: col('A') },
      right: col('B'),
    });
  });

  it('turns || into CONCAT, below + and -', () => {
    expect(expr("a || 'x' + b")).toEqual({
      kind: 'call',
      name: 'CONCAT',
      args: [col('A'), { kind: 'arithmetic', op: '+', left: str('x'), right: col('B') }],
      star: false,
    });
  });

  it('respects parentheses', () => {
    expect(expr('(a + b) * c')).toMatchObject({ op: '*', left: { op: '+' } });
  });
});

describe('predicates', () => {
  it('parses every comparison operator, with != as <>', () => {
    for (const op of ['=', '<>', '<', '<=', '>', '>=']) {
      expect(expr(`a ${op} 1`)).toEqual({
        kind: 'comparison',
        op,
        left: col('A'),
        right: int('1'),
      });
    }
    expect(expr('a != 1')).toMatchObject({ kind: 'comparison', op: '<>' });
  });

  it('parses IS [NOT] NULL and IS [NOT] DISTINCT FROM', () => {
    expect(expr('a IS NULL')).toEqual({ kind: 'isNull', operand: col('A'), negated: false });
    expect(expr('a is not null')).toEqual({ kind: 'isNull', operand: col('A'), negated: true });
    expect(expr('a IS DISTINCT FROM b')).toMatchObject({ op: 'isDistinctFrom' });
    expect(expr('a IS NOT DISTINCT FROM b')).toMatchObject({ op: 'isNotDistinctFrom' });
  });

  it('parses [NOT] BETWEEN, [NOT] IN and [NOT] LIKE with ESCAPE', () => {
    expect(expr('a NOT BETWEEN 1 AND 2 + 3')).toEqual({
      kind: 'between',
      operand: col('A'),
      low: int('1'),
      high: { kind: 'arithmetic', op: '+', left: int('2'), right: int('3') },
      negated: true,
    });
    expect(expr('a BETWEEN 1 AND 2 AND b')).toMatchObject({
      kind: 'logical',
      left: { kind: 'between', negated: false },
    });
    expect(expr('a IN (1, b = 2)')).toEqual({
      kind: 'in',
      operand: col('A'),
      list: [int('1'), { kind: 'comparison', op: '=', left: col('B'), right: int('2') }],
      negated: false,
    });
    expect(expr('a NOT IN (1)')).toMatchObject({ kind: 'in', negated: true });
    expect(expr("a LIKE 'x%'")).toEqual({
      kind: 'like',
      operand: col('A'),
      pattern: str('x%'),
      negated: false,
    });
    expect(expr("a NOT LIKE 'x!%' ESCAPE '!'")).toMatchObject({ escape: '!', negated: true });
  });

  it('refuses a second comparison, an empty IN list and a long ESCAPE', () => {
    parseErrorOf(() => parseExpression('a = b = c'));
    parseErrorOf(() => parseExpression('a IN ()'));
    expect(parseErrorOf(() => parseExpression("a LIKE 'x' ESCAPE 'ab'")).message).toMatch(
      /single character escape/,
    );
  });
});

describe('primaries', () => {
  it('reads column references, qualified or not', () => {
    expect(expr('src.col')).toEqual(col('COL', 'SRC'));
    expect(expr('`Src`.`col`')).toEqual(col('col', 'Src'));
    expect(expr('s . c')).toEqual(col('C', 'S'));
  });

  it('reads struct dereference and subscripts, left to right', () => {
    expect(expr('s.a->b->`c`[1]')).toEqual({
      kind: 'subscript',
      base: {
        kind: 'dereference',
        base: { kind: 'dereference', base: col('A', 'S'), field: 'B' },
        field: 'c',
      },
      index: int('1'),
    });
    expect(expr("m['k']")).toEqual({ kind: 'subscript', base: col('M'), index: str('k') });
  });

  it('reads function calls, COUNT(*) and calls without arguments', () => {
    expect(expr('count(*)')).toEqual({ kind: 'call', name: 'COUNT', args: [], star: true });
    expect(expr('COUNT()')).toEqual({ kind: 'call', name: 'COUNT', args: [], star: false });
    expect(expr('substring(a, 1, 2)')).toEqual({
      kind: 'call',
      name: 'SUBSTRING',
      args: [col('A'), int('1'), int('2')],
      star: false,
    });
    expect(expr('`myUdf`(a)')).toMatchObject({ kind: 'call', name: 'MYUDF' });
  });

  it('reads lambdas as function arguments', () => {
    expect(expr('TRANSFORM(arr, x => x + 1)')).toEqual({
      kind: 'call',
      name: 'TRANSFORM',
      args: [
        col('ARR'),
        {
          kind: 'lambda',
          params: ['X'],
          body: { kind: 'arithmetic', op: '+', left: col('X'), right: int('1') },
        },
      ],
      star: false,
    });
    expect(expr('REDUCE(m, 0, (s, k, v) => s + v)')).toMatchObject({
      args: [{}, {}, { kind: 'lambda', params: ['S', 'K', 'V'] }],
    });
    expect(expr('TRANSFORM(a, (obj) => obj)')).toMatchObject({
      args: [{}, { kind: 'lambda', params: ['OBJ'], body: col('OBJ') }],
    });
  });

  it('reads a bare reserved time unit as an interval unit argument', () => {
    expect(expr('TIMESTAMPADD(MILLISECONDS, 5, ts)')).toEqual({
      kind: 'call',
      name: 'TIMESTAMPADD',
      args: [{ kind: 'intervalUnit', unit: 'MILLISECONDS' }, int('5'), col('TS')],
      star: false,
    });
    expect(expr('DATEADD(days, -5, d)')).toMatchObject({
      args: [{ kind: 'intervalUnit', unit: 'DAYS' }, int('-5'), col('D')],
    });
    expect(expr('f(MILLISECOND)')).toMatchObject({ args: [{ unit: 'MILLISECONDS' }] });
    expect(expr('f(YEARS, WEEKS, NANOSECONDS)')).toMatchObject({
      args: [{ unit: 'YEARS' }, { unit: 'WEEKS' }, { unit: 'NANOSECONDS' }],
    });
  });

  it('keeps the unreserved singular units (DAY, HOUR, MINUTE, SECOND) as column names', () => {
    expect(expr('f(first, second, day)')).toMatchObject({
      args: [col('FIRST'), col('SECOND'), col('DAY')],
    });
  });

  it('reads searched and simple CASE', () => {
    expect(expr("CASE WHEN a < 2 THEN 'small' WHEN a < 4 THEN 'medium' ELSE 'large' END")).toEqual({
      kind: 'searchedCase',
      whens: [
        {
          when: { kind: 'comparison', op: '<', left: col('A'), right: int('2') },
          then: str('small'),
        },
        {
          when: { kind: 'comparison', op: '<', left: col('A'), right: int('4') },
          then: str('medium'),
        },
      ],
      else: str('large'),
    });
    expect(expr('CASE a + 1 WHEN 1 THEN x END')).toEqual({
      kind: 'simpleCase',
      operand: { kind: 'arithmetic', op: '+', left: col('A'), right: int('1') },
      whens: [{ when: int('1'), then: col('X') }],
    });
  });

  it('reads CAST and the ARRAY, MAP and STRUCT constructors', () => {
    expect(expr('CAST(a AS DECIMAL(4, 2))')).toEqual({
      kind: 'cast',
      operand: col('A'),
      type: { kind: 'decimalType', precision: 4, scale: 2 },
    });
    expect(expr('ARRAY[1, a]')).toEqual({ kind: 'array', items: [int('1'), col('A')] });
    expect(expr('ARRAY[]')).toEqual({ kind: 'array', items: [] });
    expect(expr("MAP('a' := 1, b := c)")).toEqual({
      kind: 'map',
      entries: [
        { key: str('a'), value: int('1') },
        { key: col('B'), value: col('C') },
      ],
    });
    expect(expr('STRUCT(f1 := a, `f2` := 1)')).toEqual({
      kind: 'struct',
      fields: [
        { name: 'F1', value: col('A') },
        { name: 'f2', value: int('1') },
      ],
    });
    expect(expr('STRUCT()')).toEqual({ kind: 'struct', fields: [] });
  });

  it('reads MAP, ARRAY and STRUCT as names when they are not constructors', () => {
    expect(expr('map')).toEqual(col('MAP'));
    expect(expr('MAP(x)')).toEqual({ kind: 'call', name: 'MAP', args: [col('X')], star: false });
    expect(expr('struct->f')).toEqual({ kind: 'dereference', base: col('STRUCT'), field: 'F' });
  });
});

describe('spans', () => {
  it('gives every node the line, column and offset where it starts', () => {
    const e = parseExpression('a +\n  f(b)');
    expect(e).toMatchObject({
      kind: 'arithmetic',
      span: { line: 1, col: 1, offset: 0 },
      left: { span: { line: 1, col: 1, offset: 0 } },
      right: {
        kind: 'call',
        span: { line: 2, col: 3, offset: 6 },
        args: [{ span: { line: 2, col: 5, offset: 8 } }],
      },
    });
  });

  it('starts a negative literal at its sign and a postfix expression at its base', () => {
    expect(parseExpression('  -5').span).toEqual({ line: 1, col: 3, offset: 2 });
    expect(parseExpression('x->y[1]').span).toEqual({ line: 1, col: 1, offset: 0 });
  });
});

describe('MAP and STRUCT', () => {
  it('refuses entries with and without := mixed, and non-name STRUCT fields', () => {
    expect(parseErrorOf(() => parseExpression("MAP('a' := 1, 2)")).message).toBe(
      'every entry of MAP(…) must be written `key := value`',
    );
    expect(parseErrorOf(() => parseExpression('STRUCT(a.b := 1)')).message).toBe(
      'a STRUCT field name must be an identifier',
    );
    expect(parseErrorOf(() => parseExpression('MAP(x => 1 := 2)')).message).toBe(
      'a MAP key must be an expression',
    );
  });
});

describe('deep nesting', () => {
  it('parses nested calls and constructors in linear time', () => {
    const nested = (open: string, close: string, depth: number): string =>
      open.repeat(depth) + '1' + close.repeat(depth);
    const started = performance.now();
    for (const [open, close] of [
      ['MAP(', ')'],
      ['STRUCT(', ')'],
      ['f(', ')'],
      ['ARRAY[', ']'],
      ['(', ')'],
    ] as const) {
      expect(parseExpression(nested(open, close, 40))).toBeDefined();
      parseErrorOf(() => parseExpression(nested(open, close, 40).replace('1', '1 2')));
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a statement nested too deeply for the stack with a ParseError', () => {
    const error = parseErrorOf(() =>
      parseExpression('('.repeat(20_000) + '1' + ')'.repeat(20_000)),
    );
    expect(error.message).toBe('the statement is too deeply nested to parse');
  });
});
