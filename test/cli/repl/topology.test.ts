import { describe, expect, it } from 'vitest';
import { drawTopology, parsePlan } from '../../../src/cli/repl/format/topology.js';

const EXPLAIN = [
  'ID                   : CSAS_BIG_0',
  'Sink                 : BIG (topic: BIG)',
  '',
  'Execution plan',
  '--------------',
  ' > [ PROJECT ] | Schema: ID INTEGER KEY, N STRING',
  '   > [ FILTER ] (AMOUNT > 1) | Schema: ID INTEGER KEY, NAME STRING, AMOUNT DOUBLE',
  '     > [ SOURCE ] S (topic: s) | Schema: ID INTEGER KEY, NAME STRING, AMOUNT DOUBLE',
].join('\n');

describe('EXPLAIN topology drawing', () => {
  it('reads the plan tree, with the sink as its root', () => {
    const root = parsePlan(EXPLAIN)!;
    expect(root.kind).toBe('SINK');
    expect(root.inputs[0]!.kind).toBe('PROJECT');
    expect(root.inputs[0]!.inputs[0]!.details).toEqual(['(AMOUNT > 1)']);
    expect(parsePlan('no plan here')).toBeUndefined();
  });

  it('draws sources on top flowing down into the sink', () => {
    expect(drawTopology(EXPLAIN, 100)).toEqual([
      '┌────────────────────┐',
      '│ SOURCE             │',
      '│ S (topic: s)       │',
      '│ → ID, NAME, AMOUNT │',
      '└────────────────────┘',
      '           │',
      '           ▼',
      '┌────────────────────┐',
      '│ FILTER             │',
      '│ (AMOUNT > 1)       │',
      '│ → ID, NAME, AMOUNT │',
      '└────────────────────┘',
      '           │',
      '           ▼',
      '┌────────────────────┐',
      '│ PROJECT            │',
      '│ → ID, N            │',
      '└────────────────────┘',
      '           │',
      '           ▼',
      '┌────────────────────┐',
      '│ SINK               │',
      '│ BIG (topic: BIG)   │',
      '└────────────────────┘',
    ]);
  });

  it('merges the branches of a node with two inputs', () => {
    const join = [
      'Execution plan',
      '--------------',
      ' > [ JOIN ] INNER ON A.ID = B.ID | Schema: ID INTEGER KEY, X STRING',
      '   > [ SOURCE ] A (topic: a) | Schema: ID INTEGER KEY',
      '   > [ SOURCE ] B (topic: b) | Schema: ID INTEGER KEY, X STRING',
    ].join('\n');
    const lines = drawTopology(join, 100)!;
    expect(lines.some((l) => l.includes('└') && l.includes('┬') && l.includes('┘'))).toBe(true);
    expect(lines[1]).toMatch(/^│ SOURCE\s+│ {3}│ SOURCE\s+│$/);
    expect(lines.at(-3)).toMatch(/INNER ON A\.ID = B\.ID/);
    // The merged line leads into the join's box, centred between the two sources.
    const arrow = lines.findIndex((l) => l.trim() === '▼');
    expect(lines[arrow + 1]!.trimStart().startsWith('┌')).toBe(true);
  });

  it('gives up when the diagram cannot fit', () => {
    expect(drawTopology(EXPLAIN, 10)).toBeUndefined();
  });
});
