import { describe, expect, it } from 'vitest';
import { call, resolve, t } from '../helpers.js';

describe('COALESCE, IFNULL, NULLIF', () => {
  it('returns the first non-NULL argument', () => {
    expect(call('COALESCE', ['INT', 'INT', 'INT'], null, 2, 3)).toBe(2);
    expect(call('COALESCE', ['STRING'], null)).toBeNull();
    expect(resolve('COALESCE', null, 'ARRAY<INT>').returnType).toEqual(t('ARRAY<INT>'));
  });

  it('needs arguments of one type', () => {
    expect(() => resolve('COALESCE', 'INT', 'BIGINT')).toThrow(/does not accept parameters/);
  });

  it('replaces NULL with an alternative', () => {
    expect(call('IFNULL', ['STRING', 'STRING'], null, 'x')).toBe('x');
    expect(call('IFNULL', ['STRING', 'STRING'], 'a', 'x')).toBe('a');
  });

  it('turns equal values into NULL, comparing collections by value', () => {
    expect(call('NULLIF', ['INT', 'INT'], 1, 1)).toBeNull();
    expect(call('NULLIF', ['INT', 'INT'], 1, 2)).toBe(1);
    expect(call('NULLIF', ['INT', 'INT'], null, 2)).toBeNull();
    expect(call('NULLIF', ['ARRAY<INT>', 'ARRAY<INT>'], [1, 2], [1, 2])).toBeNull();
  });
});
