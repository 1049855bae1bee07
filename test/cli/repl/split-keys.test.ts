import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../../src/cli/repl/input/split-keys.js';

const none = {} as Key;

describe('splitting a chunk of input into keys', () => {
  it('leaves single keys and plain text alone', () => {
    expect(splitKeys('a', none)).toEqual([['a', none]]);
    expect(splitKeys('select 1;\r', none)).toEqual([['select 1;\r', none]]);
  });

  it('makes control characters keys of their own', () => {
    const keys = splitKeys('\u0003\u000cshow topics;\r\u0004', none);
    expect(keys.map(([input, key]) => [input, key.ctrl])).toEqual([
      ['c', true],
      ['l', true],
      ['show topics;\r', false],
      ['d', true],
    ]);
    expect(splitKeys('ab\u007f\t', none).map(([i, k]) => [i, k.delete, k.tab])).toEqual([
      ['ab', false, false],
      ['', true, false],
      ['', false, true],
    ]);
  });
});
