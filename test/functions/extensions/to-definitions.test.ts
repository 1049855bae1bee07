import { describe, expect, it } from 'vitest';
import { toDefinitions } from '../../../src/functions/extensions/to-definitions.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { arg, t } from '../helpers.js';

describe('toDefinitions', () => {
  it('hands a scalar implementation to the registry, an undefined result read as NULL', () => {
    const impl = (s: string | null, n: number | null) =>
      s === null ? undefined : s.repeat(n ?? 1);
    const registry = builtinRegistry();
    registry.replaceSource(
      'rep.js',
      toDefinitions({
        scalar: [
          {
            name: 'rep',
            description: 'repeats',
            signatures: [{ signature: '(STRING, INT) -> STRING', impl }],
          },
        ],
      }),
    );
    const resolved = registry.resolveScalar('REP', [arg('STRING'), arg('INT')]);
    expect(resolved.invoke('ab', 2)).toBe('abab');
    expect(resolved.invoke(null, 2)).toBeNull();
    expect(resolved.returnType).toEqual(t('STRING'));
    expect(registry.describe('rep')).toMatchObject({
      kind: 'scalar',
      category: 'OTHER',
      source: 'rep.js',
    });
  });

  it('spreads an aggregate’s arguments and keeps its accumulator storable', () => {
    const registry = builtinRegistry();
    registry.replaceSource(
      'span.js',
      toDefinitions({
        aggregate: [
          {
            name: 'span',
            description: 'max - min',
            signatures: [
              {
                signature: '(DOUBLE, DOUBLE) -> DOUBLE',
                init: () => ({ lo: null, hi: null }),
                add: (acc: { lo: number | null; hi: number | null }, a: number, b: number) => ({
                  lo: Math.min(acc.lo ?? a, a, b),
                  hi: Math.max(acc.hi ?? b, a, b),
                }),
                result: (acc: { lo: number | null; hi: number | null }) =>
                  acc.lo === null || acc.hi === null ? null : acc.hi - acc.lo,
              },
            ],
          },
        ],
      }),
    );
    const agg = registry.resolveAggregate('span', [arg('DOUBLE'), arg('DOUBLE')]);
    let acc = agg.init();
    acc = agg.add(acc, [1, 4]);
    acc = agg.add(acc, [-2, 3]);
    const restored = agg.fromState(JSON.parse(JSON.stringify(agg.toState(acc))));
    expect(agg.result(restored)).toBe(6);
    expect(agg.undo).toBeUndefined();
    expect(agg.merge).toBeUndefined();
  });

  it('refuses malformed exports with the function and the reason', () => {
    expect(() => toDefinitions(null)).toThrow(/must export an object/);
    expect(() => toDefinitions({ scalars: [] })).toThrow(/unknown key 'scalars'/);
    expect(() => toDefinitions({ scalar: [{ name: 'a b' }] })).toThrow(/needs a name/);
    expect(() =>
      toDefinitions({ scalar: [{ name: 'f', description: 'd', signatures: [] }] }),
    ).toThrow(/function f: 'signatures' must be a non-empty list/);
    expect(() =>
      toDefinitions({
        scalar: [{ name: 'f', description: 'd', signatures: [{ signature: '(INT) -> INT' }] }],
      }),
    ).toThrow(/function f: 'impl' must be a function/);
    expect(() =>
      toDefinitions({
        table: [
          {
            name: 'f',
            description: 'd',
            signatures: [{ signature: '(NUMBER) -> INT', impl: () => [] }],
          },
        ],
      }),
    ).toThrow(/function f: bad type .*unknown type 'NUMBER'/);
  });
});

describe('replaceSource', () => {
  const shout = (name: string) =>
    toDefinitions({
      scalar: [
        {
          name,
          description: 'd',
          signatures: [{ signature: '(STRING) -> STRING', impl: (s: string) => s }],
        },
      ],
    });

  it('refuses a name that a built-in or another file owns, leaving the registry as it was', () => {
    const registry = builtinRegistry();
    expect(() => registry.replaceSource('a.js', shout('ucase'))).toThrow(
      /UCASE already exists \(built-in\)/,
    );
    registry.replaceSource('a.js', shout('loud'));
    expect(() => registry.replaceSource('b.js', [...shout('quiet'), ...shout('loud')])).toThrow(
      /LOUD already exists \(a\.js\)/,
    );
    expect(registry.kindOf('quiet')).toBeUndefined();
  });

  it('replaces the functions of a file as a whole and removes them with it', () => {
    const registry = builtinRegistry();
    registry.replaceSource('a.js', shout('loud'));
    registry.replaceSource('a.js', shout('louder'));
    expect(registry.kindOf('loud')).toBeUndefined();
    expect(registry.kindOf('louder')).toBe('scalar');
    registry.removeSource('a.js');
    expect(registry.kindOf('louder')).toBeUndefined();
    expect(registry.kindOf('ucase')).toBe('scalar');
  });
});
