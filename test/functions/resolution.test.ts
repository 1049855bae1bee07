import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/common/errors.js';
import type { FunctionDefinition, ScalarSignature } from '../../src/functions/definition.js';
import { createFunctionRegistry } from '../../src/functions/registry.js';
import type { ArgumentShape } from '../../src/functions/types.js';
import { arg, lambda, lit, registry, resolve, t } from './helpers.js';

function registryOf(...signatures: ScalarSignature[]) {
  const def: FunctionDefinition = {
    kind: 'scalar',
    name: 'f',
    category: 'TEST',
    description: 'test',
    signatures,
  };
  return createFunctionRegistry([def]);
}

function tagged(
  tag: string,
  params: string[],
  extra: Partial<ScalarSignature> = {},
): ScalarSignature {
  return { params, returns: 'STRING', impl: () => tag, ...extra };
}

function chosen(reg: ReturnType<typeof registryOf>, ...args: ArgumentShape[]): unknown {
  return reg.resolveScalar('F', args).invoke();
}

describe('signature resolution', () => {
  it('prefers an exact match to one through implicit casts', () => {
    const reg = registryOf(tagged('double', ['DOUBLE']), tagged('bigint', ['BIGINT']));
    expect(chosen(reg, arg('BIGINT'))).toBe('bigint');
    expect(chosen(reg, arg('DOUBLE'))).toBe('double');
  });

  it('widens INT to BIGINT to DECIMAL to DOUBLE, never back', () => {
    const reg = registryOf(tagged('double', ['DOUBLE']));
    expect(chosen(reg, arg('INT'))).toBe('double');
    expect(chosen(reg, arg('BIGINT'))).toBe('double');
    expect(chosen(reg, arg('DECIMAL(4, 2)'))).toBe('double');
    const narrow = registryOf(tagged('int', ['INT']));
    expect(() => chosen(narrow, arg('BIGINT'))).toThrow(AnalysisError);
    expect(() => chosen(narrow, arg('STRING'))).toThrow(AnalysisError);
  });

  it('reports which cast each argument needs', () => {
    const reg = registryOf(tagged('x', ['DOUBLE', 'DECIMAL', 'STRING']));
    const resolved = reg.resolveScalar('f', [arg('INT'), arg('BIGINT'), arg('STRING')]);
    expect(resolved.argTypes).toEqual([t('DOUBLE'), t('DECIMAL(19, 0)'), t('STRING')]);
    const ints = reg.resolveScalar('f', [arg('INT'), arg('INT'), arg('STRING')]);
    expect(ints.argTypes[1]).toEqual(t('DECIMAL(10, 0)'));
    const decimals = reg.resolveScalar('f', [arg('DOUBLE'), arg('DECIMAL(5, 1)'), arg('STRING')]);
    expect(decimals.argTypes[1]).toEqual(t('DECIMAL(5, 1)'));
  });

  it('converts STRING to the time types and to BYTES, and nothing else', () => {
    const reg = registryOf(tagged('ts', ['TIMESTAMP']));
    expect(reg.resolveScalar('f', [arg('STRING')]).argTypes).toEqual([t('TIMESTAMP')]);
    expect(chosen(registryOf(tagged('b', ['BYTES'])), arg('STRING'))).toBe('b');
    expect(() => chosen(registryOf(tagged('s', ['STRING'])), arg('INT'))).toThrow(AnalysisError);
    expect(() => chosen(registryOf(tagged('b', ['BOOLEAN'])), arg('STRING'))).toThrow(
      AnalysisError,
    );
  });

  it('casts array elements and map values, but not struct fields', () => {
    const reg = registryOf(
      tagged('arr', ['ARRAY<DOUBLE>']),
      tagged('map', ['MAP<STRING, BIGINT>']),
    );
    expect(reg.resolveScalar('f', [arg('ARRAY<INT>')]).argTypes).toEqual([t('ARRAY<DOUBLE>')]);
    expect(reg.resolveScalar('f', [arg('MAP<STRING, INT>')]).argTypes).toEqual([
      t('MAP<STRING, BIGINT>'),
    ]);
    const structs = registryOf(tagged('s', ['STRUCT<A BIGINT>']));
    expect(() => chosen(structs, arg('STRUCT<A INT>'))).toThrow(AnalysisError);
    expect(chosen(structs, arg('STRUCT<A BIGINT>'))).toBe('s');
    expect(chosen(registryOf(tagged('any', ['STRUCT'])), arg('STRUCT<X STRING>'))).toBe('any');
  });

  it('lets a NULL literal match any parameter', () => {
    const reg = registryOf(tagged('two', ['STRING', 'INT']));
    const resolved = reg.resolveScalar('f', [arg(null), arg('INT')]);
    expect(resolved.invoke()).toBe('two');
    expect(resolved.argTypes).toEqual([t('STRING'), t('INT')]);
  });

  it('prefers a non-variadic signature, then more parameters', () => {
    const reg = registryOf(
      tagged('variadic', ['STRING'], { variadic: true }),
      tagged('one', ['STRING']),
      tagged('two-variadic', ['STRING', 'STRING'], { variadic: true }),
    );
    expect(chosen(reg, arg('STRING'))).toBe('one');
    expect(chosen(reg, arg('STRING'), arg('STRING'), arg('STRING'))).toBe('two-variadic');
    expect(chosen(reg)).toBe('variadic');
  });

  it('passes variadic arguments spread, zero or more of them', () => {
    const reg = registryOf({
      params: ['INT n', 'STRING rest'],
      variadic: true,
      returns: 'INT',
      impl: (...args: unknown[]) => args.length,
    });
    expect(reg.resolveScalar('f', [arg('INT')]).invoke(1)).toBe(1);
    const three = reg.resolveScalar('f', [arg('INT'), arg('STRING'), arg('STRING')]);
    expect(three.argTypes).toEqual([t('INT'), t('STRING'), t('STRING')]);
    expect(() => reg.resolveScalar('f', [])).toThrow(/does not accept parameters \(\)/);
  });

  it('prefers fewer generic parameters', () => {
    const reg = registryOf(tagged('generic', ['T']), tagged('string', ['STRING']));
    expect(chosen(reg, arg('STRING'))).toBe('string');
    expect(chosen(reg, arg('INT'))).toBe('generic');
  });

  it('binds generics exactly, without implicit casts', () => {
    const reg = registryOf({ params: ['ARRAY<T>', 'T'], returns: 'T', impl: () => 1 });
    expect(reg.resolveScalar('f', [arg('ARRAY<INT>'), arg('INT')]).returnType).toEqual(t('INT'));
    expect(() => reg.resolveScalar('f', [arg('ARRAY<INT>'), arg('BIGINT')])).toThrow(
      /does not accept parameters \(ARRAY<INTEGER>, BIGINT\)/,
    );
    expect(() =>
      reg.resolveScalar('f', [arg('ARRAY<DECIMAL(4, 2)>'), arg('DECIMAL(5, 2)')]),
    ).toThrow(AnalysisError);
  });

  it('binds generics in map keys and values, and types NULL arguments from the bindings', () => {
    const reg = registryOf({ params: ['MAP<K, V>', 'K', 'V'], returns: 'ARRAY<V>', impl: () => 1 });
    const resolved = reg.resolveScalar('f', [arg('MAP<STRING, DOUBLE>'), arg(null), arg('DOUBLE')]);
    expect(resolved.returnType).toEqual(t('ARRAY<DOUBLE>'));
    expect(resolved.argTypes).toEqual([t('MAP<STRING, DOUBLE>'), t('STRING'), t('DOUBLE')]);
  });

  it('fails when the return type depends on a generic nothing binds', () => {
    expect(() => resolve('COALESCE', null, null)).toThrow(
      /Could not find mapping for generic type: T/,
    );
  });

  it('types lambdas from the generics bound by other arguments', () => {
    const seen: (readonly unknown[])[] = [];
    const resolved = resolve(
      'TRANSFORM',
      'MAP<STRING, INT>',
      lambda(2, (params) => {
        seen.push(params);
        return t('BIGINT');
      }),
      lambda(2, () => t('BOOLEAN')),
    );
    expect(seen).toEqual([[t('STRING'), t('INT')]]);
    expect(resolved.returnType).toEqual(t('MAP<BIGINT, BOOLEAN>'));
    expect(resolved.argTypes).toEqual([
      t('MAP<STRING, INT>'),
      { lambdaParams: [t('STRING'), t('INT')] },
      { lambdaParams: [t('STRING'), t('INT')] },
    ]);
  });

  it('matches lambdas by arity', () => {
    expect(
      resolve(
        'FILTER',
        'ARRAY<INT>',
        lambda(1, () => t('BOOLEAN')),
      ).returnType,
    ).toEqual(t('ARRAY<INT>'));
    expect(
      resolve(
        'FILTER',
        'MAP<STRING, INT>',
        lambda(2, () => t('BOOLEAN')),
      ).returnType,
    ).toEqual(t('MAP<STRING, INT>'));
    expect(() =>
      resolve(
        'FILTER',
        'ARRAY<INT>',
        lambda(2, () => t('BOOLEAN')),
      ),
    ).toThrow(/does not accept parameters \(ARRAY<INTEGER>, LAMBDA\)/);
  });

  it("checks a lambda's body against the generics already bound", () => {
    expect(
      resolve(
        'REDUCE',
        'ARRAY<INT>',
        lit('INT', 0),
        lambda(2, () => t('INT')),
      ).returnType,
    ).toEqual(t('INT'));
    expect(() =>
      resolve(
        'REDUCE',
        'ARRAY<BIGINT>',
        lit('INT', 0),
        lambda(2, () => t('BIGINT')),
      ),
    ).toThrow(/Cannot map S to both INTEGER and BIGINT/);
    expect(() =>
      resolve(
        'FILTER',
        'ARRAY<INT>',
        lambda(1, () => t('INT')),
      ),
    ).toThrow(/Cannot infer generics for LAMBDA \(T\) -> BOOLEAN/);
  });

  it('passes interval units to INTERVALUNIT parameters only', () => {
    const reg = registryOf({
      params: ['INTERVALUNIT', 'INT'],
      returns: 'STRING',
      impl: (u: unknown) => u,
    });
    const resolved = reg.resolveScalar('f', [{ kind: 'intervalUnit', unit: 'DAYS' }, arg('INT')]);
    expect(resolved.argTypes).toEqual([null, t('INT')]);
    expect(() => reg.resolveScalar('f', [arg('STRING'), arg('INT')])).toThrow(AnalysisError);
  });

  it('gives factories the call site: types after casts and literal values', () => {
    let site: unknown;
    const reg = registryOf({
      params: ['DOUBLE', 'STRING'],
      returns: 'STRING',
      create: (s) => {
        site = s;
        return () => 'made';
      },
    });
    const resolved = reg.resolveScalar('f', [arg('INT'), lit('STRING', 'x')]);
    expect(resolved.invoke()).toBe('made');
    expect(site).toEqual({ argTypes: [t('DOUBLE'), t('STRING')], literals: [undefined, 'x'] });
  });

  it('computes return types from the call site when the definition says so', () => {
    expect(resolve('ABS', 'DECIMAL(5, 2)').returnType).toEqual(t('DECIMAL(5, 2)'));
    expect(resolve('ROUND', 'DECIMAL(5, 2)').returnType).toEqual(t('DECIMAL(3, 0)'));
  });
});

describe('resolution errors', () => {
  it("words a mismatch as ksqlDB's UdfIndex does", () => {
    expect(() => resolve('LPAD', 'STRING', 'STRING')).toThrow(
      "Function 'LPad' does not accept parameters (STRING, STRING).\n" +
        'Valid alternatives are:\n' +
        'LPad(STRING input, INTEGER targetLen, STRING padding)\n' +
        'LPad(BYTES input, INTEGER targetLen, BYTES padding)\n' +
        'For detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;',
    );
  });

  it('words an ambiguity as ksqlDB does', () => {
    expect(() => resolve('greatest', 'INT', 'BIGINT')).toThrow(
      /^Function 'greatest' cannot be resolved due to ambiguous method parameters \(INTEGER, BIGINT\)\.\nUse CAST\(\)/,
    );
    expect(() => resolve('greatest', null, null, null, null)).toThrow(
      /ambiguous method parameters \(null, null, null, null\)/,
    );
    expect(() => resolve('greatest', 'INT', 'BIGINT', 'DECIMAL(50, 30)')).toThrow(
      /ambiguous method parameters \(INTEGER, BIGINT, DECIMAL\(50, 30\)\)/,
    );
  });

  it('shows variadic parameters with an ellipsis', () => {
    expect(() => resolve('greatest')).toThrow(/greatest\(INTEGER val, INTEGER\.\.\. vals\)/);
    expect(() => resolve('greatest', 'STRING', 'INT')).toThrow(
      /^Function 'greatest' does not accept parameters \(STRING, INTEGER\)\./,
    );
  });

  it('names unknown functions in upper case', () => {
    expect(() => resolve('wont_find_me', 'INT')).toThrow(
      "Can't find any functions with the name 'WONT_FIND_ME'",
    );
  });

  it('carries the span of the call', () => {
    const span = { line: 3, col: 7, offset: 40 };
    const errorOf = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect((errorOf(() => registry.resolveScalar('nope', [], span)) as AnalysisError).span).toEqual(
      span,
    );
    const mismatch = errorOf(() =>
      registry.resolveScalar('greatest', [arg('STRING'), arg('INT')], span),
    );
    expect((mismatch as AnalysisError).span).toEqual(span);
    const generic = errorOf(() => registry.resolveScalar('COALESCE', [arg(null)], span));
    expect((generic as AnalysisError).span).toEqual(span);
  });
});
