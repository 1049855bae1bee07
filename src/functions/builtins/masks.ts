/**
 * Masking functions (ksqlDB's Mask*, Masker): MASK, MASK_KEEP_LEFT, MASK_KEEP_RIGHT, MASK_LEFT,
 * MASK_RIGHT. Upper-case letters become 'X', lower-case 'x', digits 'n', anything else '-';
 * a NULL mask argument leaves that kind of character unmasked. As in ksqlDB, characters are
 * visited by UTF-16 unit, so a supplementary character counts twice.
 */
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition, ScalarSignature } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';

type Str = string | null;

interface Masker {
  readonly upper: number | null;
  readonly lower: number | null;
  readonly digit: number | null;
  readonly other: number | null;
}

const DEFAULT_MASKER: Masker = { upper: 0x58, lower: 0x78, digit: 0x6e, other: 0x2d };
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;

function maskCharacter(masker: Masker, codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  const mask = UPPER.test(c)
    ? masker.upper
    : LOWER.test(c)
      ? masker.lower
      : DIGIT.test(c)
        ? masker.digit
        : masker.other;
  return mask ?? codePoint;
}

function mask(masker: Masker, input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    out += String.fromCodePoint(maskCharacter(masker, input.codePointAt(i)!));
  }
  return out;
}

function maskCharOf(mask: Str): number | null {
  if (mask === null) return null;
  if (mask.length !== 1) {
    throw new ExecutionError(
      `Invalid mask character. Must be only single character, but was '${mask}'`,
    );
  }
  return mask.codePointAt(0)!;
}

function customMasker(upper: Str, lower: Str, digit: Str, other: Str): Masker {
  return {
    upper: maskCharOf(upper),
    lower: maskCharOf(lower),
    digit: maskCharOf(digit),
    other: maskCharOf(other),
  };
}

/** Which part of the input is masked: [start, end) given its length and numChars. */
type Region = (length: number, numChars: number) => readonly [number, number];

function partialMask(name: string, region: Region): ScalarSignature[] {
  const apply = (masker: Masker, input: Str, numChars: number | null): Str => {
    const n = primitive(numChars, name.toUpperCase());
    if (n < 0) {
      throw new ExecutionError(
        `function ${name} requires a non-negative number of characters to mask or skip`,
      );
    }
    if (input === null) return null;
    const [start, end] = region(input.length, n);
    return input.slice(0, start) + mask(masker, input.slice(start, end)) + input.slice(end);
  };
  return [
    {
      params: ['STRING input', 'INT numChars'],
      returns: 'STRING',
      impl: (input: Str, n: number | null) => apply(DEFAULT_MASKER, input, n),
    },
    {
      params: [
        'STRING input',
        'INT numChars',
        'STRING upper',
        'STRING lower',
        'STRING digit',
        'STRING other',
      ],
      returns: 'STRING',
      impl: (input: Str, n: number | null, u: Str, l: Str, d: Str, o: Str) =>
        apply(customMasker(u, l, d, o), input, n),
    },
  ];
}

const DEFAULT_RULES =
  " Default masking rules will replace all upper-case characters with 'X', all lower-case" +
  " characters with 'x', all digits with 'n', and any other character with '-'.";

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'mask',
    Category.STRING,
    `Returns a version of the input string with every character replaced by a mask.${DEFAULT_RULES}`,
    [
      {
        params: ['STRING input'],
        returns: 'STRING',
        impl: (input: Str) => (input === null ? null : mask(DEFAULT_MASKER, input)),
      },
      {
        params: ['STRING input', 'STRING upper', 'STRING lower', 'STRING digit', 'STRING other'],
        returns: 'STRING',
        impl: (input: Str, u: Str, l: Str, d: Str, o: Str) => {
          const masker = customMasker(u, l, d, o);
          return input === null ? null : mask(masker, input);
        },
      },
    ],
  ),
  scalar(
    'mask_keep_left',
    Category.STRING,
    `Returns a version of the input string with all but the specified number of left-most characters masked out.${DEFAULT_RULES}`,
    partialMask('mask_keep_left', (length, n) => [Math.min(n, length), length]),
  ),
  scalar(
    'mask_keep_right',
    Category.STRING,
    `Returns a version of the input string with all but the specified number of right-most characters masked out.${DEFAULT_RULES}`,
    partialMask('mask_keep_right', (length, n) => [0, Math.max(0, length - n)]),
  ),
  scalar(
    'mask_left',
    Category.STRING,
    `Returns a version of the input string with the specified number of characters, counting from the start of the string, masked out.${DEFAULT_RULES}`,
    partialMask('mask_left', (length, n) => [0, Math.min(n, length)]),
  ),
  scalar(
    'mask_right',
    Category.STRING,
    `Returns a version of the input string with the specified number of characters, counting back from the end of the string, masked out.${DEFAULT_RULES}`,
    partialMask('mask_right', (length, n) => [Math.max(0, length - n), length]),
  ),
];
