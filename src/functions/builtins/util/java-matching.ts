/**
 * What ksqlDB's regular-expression functions do with a compiled pattern, with Java's semantics:
 * String.replaceAll's replacement syntax (`$1`, `${name}`, `\$`), Pattern.split (trailing empty
 * strings dropped, no empty leading string for a zero-width match at the start) and Guava's
 * Splitter.on(Pattern) (every empty string kept).
 */
import { ExecutionError } from '../../../common/errors.js';
import type { JavaRegex } from './java-regex.js';

/** One piece of a parsed replacement: literal text, a group number, or a group name. */
type ReplacementPart = string | number | { readonly name: string };

/** Parses a Java replacement string against the pattern it will be used with. */
export function parseReplacement(
  replacement: string,
  pattern: JavaRegex,
): readonly ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) {
        throw new ExecutionError('character to be escaped is missing');
      }
      literal += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) {
        throw new ExecutionError('Illegal group reference: group index is missing');
      }
      if (literal) parts.push(literal);
      literal = '';
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        const name = replacement.slice(i + 1, end);
        if (end < 0 || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) {
          throw new ExecutionError("named capturing group is missing trailing '}'");
        }
        if (!pattern.regex.source.includes(`(?<${name}>`)) {
          throw new ExecutionError(`No group with name {${name}}`);
        }
        parts.push({ name });
        i = end;
        continue;
      }
      const first = replacement.charCodeAt(i) - 48;
      if (first < 0 || first > 9) throw new ExecutionError('Illegal group reference');
      let group = first;
      while (i + 1 < replacement.length) {
        const digit = replacement.charCodeAt(i + 1) - 48;
        if (digit < 0 || digit > 9 || group * 10 + digit > pattern.groupCount) break;
        group = group * 10 + digit;
        i++;
      }
      if (group > pattern.groupCount) throw new ExecutionError(`No group ${group}`);
      parts.push(group);
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

export function replaceAll(
  input: string,
  pattern: JavaRegex,
  replacement: readonly ReplacementPart[],
): string {
  const regex = pattern.regex;
  regex.lastIndex = 0;
  return input.replace(regex, (...match: unknown[]) => {
    const groups = match[match.length - 1];
    let out = '';
    for (const part of replacement) {
      if (typeof part === 'string') out += part;
      else if (typeof part === 'number') out += (match[part] as string | undefined) ?? '';
      else out += ((groups as Record<string, string | undefined>)[part.name] ?? '') as string;
    }
    return out;
  });
}

/** Every match, as Matcher.find() visits them. */
export function* matches(input: string, pattern: JavaRegex): Generator<RegExpExecArray> {
  const regex = pattern.regex;
  regex.lastIndex = 0;
  for (;;) {
    const match = regex.exec(input);
    if (!match) return;
    if (match[0] === '') regex.lastIndex = advance(input, regex.lastIndex);
    yield match;
  }
}

function advance(input: string, index: number): number {
  const code = input.codePointAt(index);
  return index + (code !== undefined && code > 0xffff ? 2 : 1);
}

/** Pattern.split(input) with limit 0. */
export function javaSplit(input: string, pattern: JavaRegex): string[] {
  const pieces: string[] = [];
  let index = 0;
  let found = false;
  for (const match of matches(input, pattern)) {
    const end = match.index + match[0].length;
    if (index === 0 && match.index === 0 && end === 0) continue;
    found = true;
    pieces.push(input.slice(index, match.index));
    index = end;
  }
  if (!found) return [input];
  pieces.push(input.slice(index));
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

/** Guava's Splitter.on(pattern).splitToList(input). */
export function guavaSplit(input: string, pattern: JavaRegex): string[] {
  const regex = pattern.regex;
  const pieces: string[] = [];
  let offset = 0;
  let nextStart = 0;
  while (offset !== -1) {
    const start = nextStart;
    regex.lastIndex = offset;
    const match = offset <= input.length ? regex.exec(input) : null;
    let end: number;
    if (match) {
      end = match.index;
      offset = match.index + match[0].length;
    } else {
      end = input.length;
      offset = -1;
    }
    if (offset === nextStart) {
      offset++;
      if (offset > input.length) offset = -1;
      continue;
    }
    pieces.push(input.slice(start, end));
    nextStart = offset;
  }
  return pieces;
}
