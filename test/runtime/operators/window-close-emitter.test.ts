import { describe, expect, it } from 'vitest';
import { NO_EMIT, windowsToEmit } from '../../../src/runtime/operators/window-close-emitter.js';
import type { WindowSpec } from '../../../src/runtime/windows.js';

function tumbling(sizeMs: number, graceMs: number): WindowSpec {
  return { kind: 'tumbling', sizeMs, advanceMs: sizeMs, gapMs: 0, graceMs, retentionMs: 0 };
}

describe('windowsToEmit (EMIT FINAL of time windows)', () => {
  it('emits nothing until a window has closed', () => {
    expect(windowsToEmit(tumbling(2, 1), 2, NO_EMIT)).toBeNull();
  });

  it('emits the first window once stream time passes its end plus grace', () => {
    expect(windowsToEmit(tumbling(2, 0), 2, NO_EMIT)).toEqual({ from: 0, to: 0, closeTime: 2 });
  });

  it('does not emit again while the close time stands still', () => {
    expect(windowsToEmit(tumbling(2, 0), 2, 2)).toBeNull();
  });

  it('only reaches back as far as the window store retains (size + grace)', () => {
    // Stream time 5: windows [0,2) and [2,4) are closed, but the store holding [4,6) no longer
    // returns windows starting before 4 - 3 = 1.
    expect(windowsToEmit(tumbling(2, 1), 5, NO_EMIT)).toEqual({ from: 1, to: 2, closeTime: 4 });
  });

  it('starts after the windows of the last emit', () => {
    const hopping: WindowSpec = {
      kind: 'hopping',
      sizeMs: 5,
      advanceMs: 2,
      gapMs: 0,
      graceMs: 1,
      retentionMs: 0,
    };
    expect(windowsToEmit(hopping, 6, NO_EMIT)).toEqual({ from: 0, to: 0, closeTime: 5 });
    expect(windowsToEmit(hopping, 10, 5)).toEqual({ from: 4, to: 4, closeTime: 9 });
  });

  it('skips the fetch when no new window closed since the last emit', () => {
    // Close time 5 -> 6 with size 10: both ends of the range lie in the same window.
    expect(windowsToEmit(tumbling(10, 0), 16, 15)).toBeNull();
  });
});
