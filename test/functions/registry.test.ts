import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/common/errors.js';
import type { FunctionDefinition } from '../../src/functions/definition.js';
import { builtinRegistry, createFunctionRegistry } from '../../src/functions/registry.js';
import { arg, t } from './helpers.js';

const userFunction: FunctionDefinition = {
  kind: 'scalar',
  name: 'my_udf',
  category: 'OTHER',
  description: 'a user function',
  signatures: [{ params: ['INT x'], returns: 'INT', impl: (x: number) => x + 1 }],
};

describe('function registry', () => {
  it('finds functions by name, in any case', () => {
    const registry = builtinRegistry();
    expect(registry.kindOf('ucase')).toBe('scalar');
    expect(registry.kindOf('UCase')).toBe('scalar');
    expect(registry.kindOf('nope')).toBeUndefined();
    expect(registry.resolveScalar('UcAsE', [arg('STRING')]).invoke('abc')).toBe('ABC');
  });

  it('takes user functions, remembering where they came from', () => {
    const registry = builtinRegistry();
    registry.register([userFunction], 'my-udfs.js');
    expect(registry.resolveScalar('MY_UDF', [arg('INT')]).invoke(1)).toBe(2);
    expect(registry.describe('my_udf')?.source).toBe('my-udfs.js');
    expect(builtinRegistry().kindOf('my_udf')).toBeUndefined();
  });

  it('adds signatures to a function of the same name, refusing duplicates', () => {
    const registry = createFunctionRegistry([userFunction]);
    registry.register([
      {
        ...userFunction,
        signatures: [{ params: ['STRING s'], returns: 'STRING', impl: (s: string) => s }],
      },
    ]);
    expect(registry.resolveScalar('my_udf', [arg('STRING')]).returnType).toEqual(t('STRING'));
    expect(() => registry.register([userFunction])).toThrow(
      /same name and parameter types already exists/,
    );
  });

  it('refuses a name already used by another kind of function', () => {
    const registry = createFunctionRegistry([userFunction]);
    const aggregate: FunctionDefinition = {
      kind: 'aggregate',
      name: 'MY_UDF',
      category: 'AGGREGATE',
      description: '',
      signatures: [],
    };
    expect(() => registry.register([aggregate])).toThrow(AnalysisError);
  });

  it('resolves only the kind asked for', () => {
    const registry = createFunctionRegistry([userFunction]);
    expect(() => registry.resolveAggregate('my_udf', [arg('INT')])).toThrow(
      "Can not find any aggregate functions with the name 'MY_UDF'",
    );
    expect(() => registry.resolveTable('my_udf', [arg('INT')])).toThrow(
      "Can not find any table functions with the name 'MY_UDF'",
    );
  });

  it('resolves aggregates without implicit casts and table functions with them', () => {
    const registry = createFunctionRegistry([
      {
        kind: 'aggregate',
        name: 'agg',
        category: 'AGGREGATE',
        description: '',
        signatures: [
          {
            params: ['BIGINT'],
            returns: 'BIGINT',
            create: () => ({
              init: () => 0n,
              add: (acc) => acc,
              result: (acc) => acc,
              toState: (acc) => String(acc),
              fromState: (s) => BigInt(s as string),
            }),
          },
        ],
      },
      {
        kind: 'table',
        name: 'tab',
        category: 'TABLE',
        description: '',
        signatures: [{ params: ['ARRAY<BIGINT>'], returns: 'BIGINT', impl: (xs: bigint[]) => xs }],
      },
    ]);
    expect(registry.resolveAggregate('agg', [arg('BIGINT')]).argTypes).toEqual([t('BIGINT')]);
    expect(() => registry.resolveAggregate('agg', [arg('INT')])).toThrow(
      /does not accept parameters/,
    );
    const table = registry.resolveTable('tab', [arg('ARRAY<INT>')]);
    expect(table.argTypes).toEqual([t('ARRAY<BIGINT>')]);
    expect(table.returnType).toEqual(t('BIGINT'));
  });

  it('lists and describes functions for SHOW FUNCTIONS and DESCRIBE FUNCTION', () => {
    const registry = builtinRegistry();
    const names = registry.list().map((f) => f.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('SUBSTRING');
    const described = registry.describe('lpad');
    expect(described).toMatchObject({ name: 'LPAD', kind: 'scalar', category: 'STRING' });
    expect(described?.signatures[0]).toEqual({
      params: 'STRING input, INTEGER targetLen, STRING padding',
      returns: 'STRING',
    });
    expect(registry.describe('concat')?.signatures[0]?.params).toBe('STRING... inputs');
    expect(registry.describe('nope')).toBeUndefined();
  });
});
