/**
 * The parts of the extension API that ksqlDB's UDAF factories, VariadicArgs and type-aware UDFs
 * need: initial arguments, a repeating parameter in the middle, and `create(context)`.
 */
import { describe, expect, it } from 'vitest';
import { toDefinitions } from '../../../src/functions/extensions/to-definitions.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { arg, lit, t } from '../helpers.js';

function registryWith(extension: unknown) {
  const registry = builtinRegistry();
  registry.replaceSource('ext.js', toDefinitions(extension));
  return registry;
}

describe('the extension call context', () => {
  it('passes initial arguments to create and only the column arguments to add', () => {
    const seen: unknown[] = [];
    const registry = registryWith({
      aggregate: [
        {
          name: 'weighted',
          description: 'sum of lengths times a weight, plus the lengths of labels',
          signatures: [
            {
              signature: '(STRING) -> BIGINT',
              initArgs: '(INT weight, STRING... labels)',
              create: (ctx: { initArgs: unknown[]; argTypes: unknown[] }) => {
                seen.push(ctx);
                const [weight, ...labels] = ctx.initArgs as [number, ...string[]];
                const start = BigInt(labels.join('').length);
                return {
                  init: () => start,
                  add: (acc: bigint, ...args: unknown[]) => {
                    seen.push(args);
                    return acc + BigInt((args[0] as string).length * weight);
                  },
                };
              },
            },
          ],
        },
      ],
    });
    const agg = registry.resolveAggregate('WEIGHTED', [
      arg('STRING'),
      lit('INT', 3),
      lit('STRING', 'ab'),
      lit('STRING', 'c'),
    ]);
    expect(agg.returnType).toEqual(t('BIGINT'));
    expect(seen[0]).toEqual({ argTypes: [t('STRING')], initArgs: [3, 'ab', 'c'] });
    const acc = agg.add(agg.init(), ['xyz', 3, 'ab', 'c']);
    expect(seen[1]).toEqual(['xyz']);
    expect(agg.result(acc)).toBe(3n + 9n);
  });

  it('refuses an initial argument that is not a literal, in ksqlDB’s words', () => {
    const registry = registryWith({
      aggregate: [
        {
          name: 'seeded',
          description: 'x',
          signatures: [
            {
              signature: '(BIGINT) -> BIGINT',
              initArgs: '(INT seed)',
              init: () => 0n,
              add: (acc: bigint) => acc,
            },
          ],
        },
      ],
    });
    expect(() =>
      registry.resolveAggregate('seeded', [
        arg('BIGINT'),
        { kind: 'value', type: t('INT'), text: 'COL2' },
      ]),
    ).toThrow(
      "Parameter 2 passed to function SEEDED must be a literal constant, but was expression: 'COL2'",
    );
  });

  it('matches a repeating parameter in the middle, fixed parameters on both sides', () => {
    const registry = registryWith({
      aggregate: [
        {
          name: 'mid',
          description: 'x',
          signatures: [
            {
              signature: '(BIGINT, STRING...) -> BIGINT',
              initArgs: '(INT a, INT b)',
              init: () => 0n,
              add: (acc: bigint, n: bigint, ...strings: string[]) =>
                acc + n + BigInt(strings.length),
            },
          ],
        },
      ],
    });
    const ints = [lit('INT', 1), lit('INT', 2)];
    const none = registry.resolveAggregate('mid', [arg('BIGINT'), ...ints]);
    expect(none.result(none.add(none.init(), [5n, 1, 2]))).toBe(5n);
    const two = registry.resolveAggregate('mid', [
      arg('BIGINT'),
      arg('STRING'),
      arg('STRING'),
      ...ints,
    ]);
    expect(two.result(two.add(two.init(), [5n, 'a', 'b', 1, 2]))).toBe(7n);
    expect(() => registry.resolveAggregate('mid', [arg('BIGINT'), arg('INT'), ...ints])).toThrow(
      /does not accept parameters \(BIGINT, INTEGER, INTEGER, INTEGER\)[\s\S]*mid\(BIGINT, STRING\.\.\., INTEGER a, INTEGER b\)/,
    );
  });

  it('builds a scalar per call site from the argument types, with state of its own', () => {
    const registry = registryWith({
      scalar: [
        {
          name: 'scaled',
          description: 'a decimal as text at its scale, numbered per call site',
          signatures: [
            {
              signature: '(DECIMAL) -> STRING',
              create: ({ argTypes }: { argTypes: { base: string; scale?: number }[] }) => {
                let calls = 0;
                return (d: { toFixed(n: number): string }) =>
                  `${++calls}:${d.toFixed(argTypes[0]!.scale!)}`;
              },
            },
          ],
        },
      ],
    });
    const one = registry.resolveScalar('scaled', [arg('DECIMAL(5, 2)')]);
    const other = registry.resolveScalar('scaled', [arg('DECIMAL(5, 3)')]);
    const value = { toFixed: (n: number) => (1.5).toFixed(n) };
    expect(one.invoke(value)).toBe('1:1.50');
    expect(one.invoke(value)).toBe('2:1.50');
    expect(other.invoke(value)).toBe('1:1.500');
  });

  it('refuses impl and create together, and a create that returns no function', () => {
    const spec = (sig: Record<string, unknown>) => ({
      scalar: [{ name: 'f', description: 'x', signatures: [{ signature: '() -> INT', ...sig }] }],
    });
    expect(() => toDefinitions(spec({ impl: () => 1, create: () => () => 1 }))).toThrow(
      /'impl' or 'create', not both/,
    );
    const registry = registryWith(spec({ create: () => 42 }));
    expect(() => registry.resolveScalar('f', [])).toThrow(/'create' must return a function/);
  });

  it('refuses, at load, initial arguments that cannot be told apart from the columns', () => {
    const agg = (sig: Record<string, unknown>) => ({
      aggregate: [
        {
          name: 'a',
          description: 'x',
          signatures: [{ init: () => 0, add: (acc: number) => acc, ...sig }],
        },
      ],
    });
    expect(() =>
      toDefinitions(agg({ signature: '(STRING...) -> INT', initArgs: '(INT...)' })),
    ).toThrow(/function a: initArgs: .*only one parameter may repeat/);
    expect(() =>
      toDefinitions(agg({ signature: '(STRING) -> INT', initArgs: '(INT..., INT)' })),
    ).toThrow(/only the last initial argument may repeat/);
    expect(() => toDefinitions(agg({ signature: '(STRING) -> INT', create: () => ({}) }))).toThrow(
      /'create' or the methods, not both/,
    );
  });
});
