import { describe, expect, it } from 'vitest';
import {
  murmurHashBigInt,
  murmurHashDouble,
  murmurHashLong,
  murmurHashString,
} from '../../../../src/functions/builtins/aggregates/support/murmur-hash.js';

// Hashes computed by stream-lib's MurmurHash.hash(Object) in Java.
describe('murmur hash (stream-lib)', () => {
  it.each([
    [0, 0],
    [1, 1527037976],
    [-1, -2037786185],
    [123456, 148129653],
    [-2147483648, 1331745164],
  ])('hashes Integer %i', (value, hash) => {
    expect(murmurHashLong(value, value < 0 ? -1 : 0)).toBe(hash);
  });

  it.each([
    [1n << 40n, -937224101],
    [-5n, 615997438],
    [9223372036854775807n, 310834921],
  ])('hashes Long %s', (value, hash) => {
    expect(murmurHashBigInt(value)).toBe(hash);
  });

  it.each([
    [1.5, -1688758945],
    [-0, 630388283],
    [0, 0],
    [1e300, -654847078],
  ])('hashes Double %d', (value, hash) => {
    expect(murmurHashDouble(value)).toBe(hash);
  });

  it.each([
    ['', -1285986640],
    ['a', 713507990],
    ['ab', -1797532438],
    ['abc', -1465591341],
    ['abcd', 1555318719],
    ['abcde', -392878951],
    ['héllo wörld', 1630776496],
    ['日本語', 93139837],
    ['true', 1948193093],
  ])('hashes String %j as its UTF-8 bytes', (value, hash) => {
    expect(murmurHashString(value)).toBe(hash);
  });
});
