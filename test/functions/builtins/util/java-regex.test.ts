import { describe, expect, it } from 'vitest';
import {
  compileJavaRegex,
  PatternSyntaxError,
} from '../../../../src/functions/builtins/util/java-regex.js';

function find(pattern: string, input: string): string | null {
  const { regex } = compileJavaRegex(pattern);
  regex.lastIndex = 0;
  return regex.exec(input)?.[0] ?? null;
}

describe('Java regular expressions on JavaScript', () => {
  it('keeps \\s to ASCII whitespace and rewrites \\h, \\v, \\R', () => {
    expect(find('a\\sb', 'a\u00a0b')).toBeNull();
    expect(find('a\\sb', 'a\tb')).toBe('a\tb');
    expect(find('a\\hb', 'a\u00a0b')).toBe('a\u00a0b');
    expect(find('a\\vb', 'a\u2028b')).toBe('a\u2028b');
    expect(find('a\\Rb', 'a\r\nb')).toBe('a\r\nb');
  });

  it('anchors \\A, \\z and \\Z, and lets $ match before a final line terminator', () => {
    expect(find('\\Aab', 'ab')).toBe('ab');
    expect(find('b\\z', 'ab\n')).toBeNull();
    expect(find('b\\Z', 'ab\n')).toBe('b');
    expect(find('b$', 'ab\n')).toBe('b');
    expect(find('b$', 'ab\nc')).toBeNull();
  });

  it('does not match \\u0085 with a dot', () => {
    expect(find('a.b', 'a\u0085b')).toBeNull();
    expect(find('(?s)a.b', 'a\u0085b')).toBe('a\u0085b');
  });

  it('applies leading inline flags, and refuses them elsewhere', () => {
    expect(find('(?i)abc', 'xABCx')).toBe('ABC');
    expect(find('(?m)^b', 'a\nb')).toBe('b');
    expect(find('(?x) a b  # comment', 'ab')).toBe('ab');
    expect(() => compileJavaRegex('a(?i)b')).toThrow(PatternSyntaxError);
    expect(() => compileJavaRegex('(?i:a)')).toThrow(PatternSyntaxError);
  });

  it('quotes \\Q…\\E and unescapes Java literal escapes', () => {
    expect(find('\\Q.*+\\E', 'a.*+b')).toBe('.*+');
    expect(find('\\x{41}\\0102\\u0043\\e', 'ABC\u001b')).toBe('ABC\u001b');
    expect(find('a\\-b\\"', 'a-b"')).toBe('a-b"');
    expect(() => compileJavaRegex('\\y')).toThrow(PatternSyntaxError);
  });

  it('translates POSIX, java and Unicode property classes', () => {
    expect(find('\\p{Lower}+', 'ABcdé')).toBe('cd');
    expect(find('\\p{Alpha}+', '12ab3')).toBe('ab');
    expect(find('\\p{Punct}', 'ab!')).toBe('!');
    expect(find('\\p{L}+', '12été')).toBe('été');
    expect(find('\\p{IsLatin}+', 'ωab')).toBe('ab');
    expect(find('\\p{javaUpperCase}', 'aÉ')).toBe('É');
    expect(find('\\P{Digit}+', '12ab')).toBe('ab');
    expect(find('\\pL', '1x')).toBe('x');
    expect(() => compileJavaRegex('\\p{InGreek}')).toThrow(PatternSyntaxError);
  });

  it('supports nested, negated and intersected classes', () => {
    expect(find('[a-c[x-z]]+', 'mmaxbz')).toBe('axbz');
    expect(find('[a-z&&[^aeiou]]+', 'aebcd')).toBe('bcd');
    expect(find('[^a[b]]+', 'abcd')).toBe('cd');
    expect(find('[\\s\\d]+', 'a 1\t2b')).toBe(' 1\t2');
    expect(find('[^\\s]+', ' ab ')).toBe('ab');
    expect(find('[]a]+', 'x]a]')).toBe(']a]');
  });

  it('reads possessive quantifiers and atomic groups as their plain forms', () => {
    expect(find('a*+b', 'aaab')).toBe('aaab');
    expect(find('(?>ab)c', 'abc')).toBe('abc');
  });

  it('counts groups, and reads back-references as Java does', () => {
    expect(compileJavaRegex('(a)(?:b)(?<n>c)').groupCount).toBe(2);
    expect(find('(a)\\11', 'aa1')).toBe('aa1');
    expect(find('(?<x>a)\\k<x>', 'xaa')).toBe('aa');
  });

  it('rejects invalid patterns', () => {
    expect(() => compileJavaRegex('(')).toThrow(PatternSyntaxError);
    expect(() => compileJavaRegex('a{')).toThrow(PatternSyntaxError);
    expect(() => compileJavaRegex('[a')).toThrow(PatternSyntaxError);
  });
});
