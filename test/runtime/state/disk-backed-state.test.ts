/**
 * The cache under DiskBackedState's layers: hot keys are served without reading and decoding the
 * file, and no write to the file (flush, replay, changelog replay, clear) leaves a stale value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskBackedState } from '../../../src/runtime/state/disk-backed-state.js';
import { DiskKeyValue } from '../../../src/runtime/state/disk-key-value.js';

interface Value {
  readonly n: number;
}

let dir: string;
let file: DiskKeyValue;
let decodes: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamsql-disk-state-'));
  file = DiskKeyValue.open(join(dir, 'store'));
  decodes = 0;
});

afterEach(async () => {
  await file.close();
  rmSync(dir, { recursive: true, force: true });
});

const bytes = (v: Value): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

function newState(cacheEntries?: number): DiskBackedState<Value> {
  return new DiskBackedState<Value>(
    file,
    bytes,
    (b) => {
      decodes++;
      return JSON.parse(b.toString('utf8')) as Value;
    },
    cacheEntries,
  );
}

/** Takes the dirty layer, lands it (as its transaction committed) and writes it to the file. */
function commitAndFlush(state: DiskBackedState<Value>, offset: number): void {
  state.landed(state.take(), { offset });
  state.flush();
}

describe('DiskBackedState cache', () => {
  it('serves a key read again without reading the file', () => {
    file.write([['a', bytes({ n: 1 })]], { offset: 1 });
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    expect(state.get('a')).toEqual({ n: 1 });
    expect(decodes).toBe(1);
  });

  it('caches keys read from the file, not keys only written to it', () => {
    const state = newState();
    state.put('a', { n: 1 });
    commitAndFlush(state, 1);
    expect(decodes).toBe(0);
    expect(state.get('a')).toEqual({ n: 1 });
    expect(state.get('a')).toEqual({ n: 1 });
    expect(decodes).toBe(1);
  });

  it('reads the new value of a key after an overwrite is flushed to the file', () => {
    file.write([['a', bytes({ n: 1 })]], { offset: 1 });
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    state.put('a', { n: 2 });
    commitAndFlush(state, 2);
    expect(state.get('a')).toEqual({ n: 2 });
    // The file agrees with what the cache said.
    expect(newState().get('a')).toEqual({ n: 2 });
  });

  it('reads a key deleted and flushed as absent, and one created after a miss as present', () => {
    file.write([['a', bytes({ n: 1 })]], { offset: 1 });
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    expect(state.get('b')).toBeUndefined();
    expect(state.delete('a')).toBe(true);
    state.put('b', { n: 3 });
    commitAndFlush(state, 2);
    expect(state.get('a')).toBeUndefined();
    expect(state.get('b')).toEqual({ n: 3 });
    expect(state.delete('a')).toBe(false);
  });

  it('reads replayed values, written straight to the file, over what it had cached', () => {
    file.write(
      [
        ['a', bytes({ n: 1 })],
        ['b', bytes({ n: 1 })],
      ],
      { offset: 2 },
    );
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    expect(state.get('b')).toEqual({ n: 1 });
    state.put('a', { n: 2 });
    state.delete('b');
    state.writeReplayed({ offset: 4 });
    expect(state.get('a')).toEqual({ n: 2 });
    expect(state.get('b')).toBeUndefined();
    // Changelog records replayed without decoding them.
    state.writeEncoded(
      [
        ['a', bytes({ n: 5 })],
        ['b', bytes({ n: 6 })],
      ],
      { offset: 6 },
    );
    expect(state.get('a')).toEqual({ n: 5 });
    expect(state.get('b')).toEqual({ n: 6 });
    expect(file.checkpoint()).toEqual({ offset: 6 });
  });

  it('forgets its cached values when the file is cleared', () => {
    file.write([['a', bytes({ n: 1 })]], { offset: 1 });
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    state.clear();
    expect(state.get('a')).toBeUndefined();
    expect(file.checkpoint()).toBeUndefined();
  });

  it('stays correct when the cache is much smaller than the store', () => {
    const state = newState(8);
    for (let round = 1; round <= 3; round++) {
      for (let i = 0; i < 100; i++) state.put(`k${i}`, { n: i * round });
      commitAndFlush(state, round);
      for (let i = 0; i < 100; i++) expect(state.get(`k${i}`)).toEqual({ n: i * round });
    }
    // Most reads missed the small cache and decoded the file's bytes.
    expect(decodes).toBeGreaterThan(200);
  });

  it('lists the file entries with the layers over them', () => {
    file.write([['a', bytes({ n: 1 })]], { offset: 1 });
    const state = newState();
    expect(state.get('a')).toEqual({ n: 1 });
    state.put('a', { n: 2 });
    state.put('b', { n: 1 });
    commitAndFlush(state, 2);
    expect(new Map(state.entries())).toEqual(
      new Map([
        ['a', { n: 2 }],
        ['b', { n: 1 }],
      ]),
    );
  });
});
