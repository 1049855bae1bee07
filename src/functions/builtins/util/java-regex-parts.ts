/**
 * The pieces util/java-regex.ts assembles JavaScript patterns from: Java's whitespace sets, its
 * property classes (`\p{Lower}`, `\p{javaUpperCase}`, `\p{IsLatin}`, `\p{Lu}`) as the text of a
 * JS class, and how characters are written inside and outside classes in `u` mode.
 */

export const SPACE = '\\t\\n\\x0B\\f\\r ';
export const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
export const VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: SPACE,
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: '\\t-\\r\\x1C-\\x1F\\p{Zs}\\p{Zl}\\p{Zp}',
  javaMirrored: '\\p{Bidi_M}',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{Alphabetic}',
  IsAlphabetic: '\\p{Alphabetic}',
  IsIdeographic: '\\p{Ideographic}',
  IsLetter: '\\p{L}',
  IsLowercase: '\\p{Lowercase}',
  IsUppercase: '\\p{Uppercase}',
  IsTitlecase: '\\p{Lt}',
  IsPunctuation: '\\p{P}',
  IsControl: '\\p{Cc}',
  IsWhite_Space: '\\p{White_Space}',
  IsWhiteSpace: '\\p{White_Space}',
  IsDigit: '\\p{Nd}',
  IsHex_Digit: '\\p{Hex_Digit}',
  IsHexDigit: '\\p{Hex_Digit}',
  IsJoin_Control: '\\p{Join_Control}',
  IsNoncharacter_Code_Point: '\\p{Noncharacter_Code_Point}',
  IsAssigned: '\\P{Cn}',
};

const CATEGORY =
  /^(?:Is|gc=|general_category=)?(C[cfnos]?|L[lmotu]?|LC|M[cen]?|N[dlo]?|P[cdefios]?|S[ckmo]?|Z[lps]?)$/;
const SCRIPT = /^(?:Is|sc=|script=)([A-Za-z_]+)$/;

/** One class item: the text inside a JS `[...]`, or a whole atom that cannot go inside one. */
export type ClassPart = { readonly inClass: string } | { readonly atom: string };

/** The inside of a JS class for a Java property name, or null when unknown (or a block). */
export function propertyClass(name: string): string | null {
  const posix = POSIX[name];
  if (posix !== undefined) return posix;
  const category = CATEGORY.exec(name);
  if (category) return `\\p{${category[1]}}`;
  const script = SCRIPT.exec(name);
  if (script) return `\\p{Script=${script[1]}}`;
  return null;
}

export function unionAtom(parts: readonly ClassPart[]): string {
  const inClass = parts
    .filter((p): p is { inClass: string } => 'inClass' in p)
    .map((p) => p.inClass);
  const atoms = parts.filter((p): p is { atom: string } => 'atom' in p).map((p) => p.atom);
  if (atoms.length === 0) return `[${inClass.join('')}]`;
  const all = inClass.length > 0 ? [`[${inClass.join('')}]`, ...atoms] : atoms;
  return all.length === 1 ? all[0]! : `(?:${all.join('|')})`;
}

export function codePointText(code: number): string {
  const c = String.fromCodePoint(code);
  if (JS_SYNTAX.has(c)) return `\\${c}`;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return c;
}

export function classText(code: number): string {
  const c = String.fromCodePoint(code);
  if (c === '\\' || c === ']' || c === '[' || c === '^' || c === '-') return `\\${c}`;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return c;
}
