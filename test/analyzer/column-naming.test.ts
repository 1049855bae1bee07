import { describe, expect, it } from 'vitest';
import { GeneratedNames, uniqueName } from '../../src/analyzer/column-naming.js';

describe('column naming', () => {
  it('generates KSQL_COL_n names that skip both taken and source column names', () => {
    const taken = new Set(['KSQL_COL_1']);
    const names = new GeneratedNames(taken, new Set(['KSQL_COL_0', 'KSQL_COL_3']));
    expect([names.generate(), names.generate(), names.generate()]).toEqual([
      'KSQL_COL_2',
      'KSQL_COL_4',
      'KSQL_COL_5',
    ]);
  });

  it('suffixes a name that is taken, or reserved by a source column', () => {
    const taken = new Set<string>();
    expect(uniqueName('ITEMID', taken, new Set(['ITEMID']))).toBe('ITEMID_1');
    expect(uniqueName('ITEMID', taken)).toBe('ITEMID');
    expect(uniqueName('ITEMID', taken)).toBe('ITEMID_2');
  });
});
