import { describe, expect, it } from 'vitest';
import { call } from '../helpers.js';

const S = 'STRING';
const I = 'INT';

describe('masking functions', () => {
  it('masks every character with the default rules', () => {
    expect(call('mask', [S], 'My Test $123')).toBe('Xx-Xxxx--nnn');
    expect(call('mask', [S], null)).toBeNull();
  });

  it('uses the given masks, NULL leaving that kind unmasked', () => {
    expect(call('mask', [S, S, S, S, S], 'My Test $123', '*', null, '1', null)).toBe(
      '*y *est $111',
    );
    expect(() => call('mask', [S, S, S, S, S], 'x', 'ab', null, null, null)).toThrow(
      /Must be only single character/,
    );
  });

  it('keeps or masks the left or right characters', () => {
    expect(call('mask_keep_left', [S, I], 'My Test $123', 4)).toBe('My Txxx--nnn');
    expect(call('mask_keep_right', [S, I], 'My Test $123', 4)).toBe('Xx-Xxxx-$123');
    expect(call('mask_left', [S, I], 'My Test $123', 4)).toBe('Xx-Xest $123');
    expect(call('mask_right', [S, I], 'My Test $123', 4)).toBe('My Test -nnn');
    expect(call('mask_left', [S, I], 'ab', 10)).toBe('xx');
    expect(call('mask_keep_left', [S, I, S, S, S, S], 'Ab1!', 1, 'U', 'L', 'D', 'O')).toBe('ALDO');
  });

  it('rejects a negative count, even for a NULL input', () => {
    expect(() => call('mask_left', [S, I], null, -1)).toThrow(/non-negative/);
    expect(call('mask_left', [S, I], null, 1)).toBeNull();
  });

  it('treats letters and digits beyond ASCII by their Unicode category', () => {
    expect(call('mask', [S], 'Éé٣')).toBe('Xxn');
  });
});
