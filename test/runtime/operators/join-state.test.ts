import { describe, expect, it } from 'vitest';
import { joinKeyString } from '../../../src/runtime/operators/join-state.js';

describe('joinKeyString', () => {
  it('keys session windows by start and end, time windows by start only', () => {
    const a = { start: 0, end: 5000 };
    const b = { start: 0, end: 2000 };
    expect(joinKeyString(1, a)).not.toBe(joinKeyString(1, b));
    expect(joinKeyString(1, a, true)).toBe(joinKeyString(1, b, true));
    expect(joinKeyString(1, a, true)).not.toBe(joinKeyString(1, { start: 1000, end: 6000 }, true));
    expect(joinKeyString(1, undefined)).not.toBe(joinKeyString(1, a));
  });
});
