/**
 * Regular-expression functions (ksqlDB's RegexpExtract, RegexpExtractAll, RegexpReplace,
 * RegexpSplitToArray), with Java's regex syntax translated by util/java-regex.ts. A pattern given
 * as a literal is compiled once per call site; other patterns are compiled when they change.
 * An invalid pattern fails the call, as in ksqlDB.
 */
import { ExecutionError } from '../../common/errors.js';
import type { CallSite, FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import {
  guavaSplit,
  javaSplit,
  matches,
  parseReplacement,
  replaceAll,
} from './util/java-matching.js';
import { compileJavaRegex, type JavaRegex } from './util/java-regex.js';

type Str = string | null;
type Int = number | null;

interface Compiled extends JavaRegex {
  readonly matchesEmpty: boolean;
}

function compile(pattern: string): Compiled {
  let compiled: JavaRegex;
  try {
    compiled = compileJavaRegex(pattern);
  } catch (error) {
    throw new ExecutionError(
      `Invalid regular expression pattern: ${pattern}. ${(error as Error).message}`,
    );
  }
  compiled.regex.lastIndex = 0;
  const empty = compiled.regex.exec('');
  return { ...compiled, matchesEmpty: empty !== null && empty[0] === '' };
}

/** A compiler for one call site's pattern argument: compiled ahead when it is a literal. */
function patternsFor(site: CallSite, index: number): (pattern: string) => Compiled {
  let lastPattern: string | undefined;
  let last: Compiled | ExecutionError | undefined;
  const get = (pattern: string): Compiled => {
    if (pattern !== lastPattern) {
      lastPattern = pattern;
      try {
        last = compile(pattern);
      } catch (error) {
        last = error as ExecutionError;
      }
    }
    if (last instanceof ExecutionError) throw last;
    return last!;
  };
  const literal = site.literals[index];
  if (typeof literal === 'string') {
    try {
      get(literal);
    } catch {
      // reported by each call, as ksqlDB does
    }
  }
  return get;
}

function extract(site: CallSite) {
  const patterns = patternsFor(site, 0);
  return (pattern: Str, input: Str, group: Int = 0): Str => {
    if (pattern === null || input === null || group === null) return null;
    const compiled = patterns(pattern);
    if (group > compiled.groupCount) return null;
    if (group < 0) throw new ExecutionError(`No group ${group}`);
    compiled.regex.lastIndex = 0;
    const match = compiled.regex.exec(input);
    return match ? (match[group] ?? null) : null;
  };
}

function extractAll(site: CallSite) {
  const patterns = patternsFor(site, 0);
  return (pattern: Str, input: Str, group: Int = 0): Str[] | null => {
    if (pattern === null || input === null || group === null) return null;
    const compiled = patterns(pattern);
    if (group > compiled.groupCount) return null;
    if (group < 0) throw new ExecutionError(`No group ${group}`);
    return [...matches(input, compiled)].map((m) => m[group] ?? null);
  };
}

function replace(site: CallSite) {
  const patterns = patternsFor(site, 1);
  let lastKey: string | undefined;
  let lastParts: ReturnType<typeof parseReplacement> = [];
  return (input: Str, pattern: Str, replacement: Str): Str => {
    if (input === null || pattern === null || replacement === null) return null;
    const compiled = patterns(pattern);
    const key = `${pattern}\u0000${replacement}`;
    if (key !== lastKey) {
      lastParts = parseReplacement(replacement, compiled);
      lastKey = key;
    }
    return replaceAll(input, compiled, lastParts);
  };
}

function split(site: CallSite) {
  const patterns = patternsFor(site, 1);
  return (input: Str, pattern: Str): string[] | null => {
    if (input === null || pattern === null) return null;
    const compiled = patterns(pattern);
    return pattern === '' || compiled.matchesEmpty
      ? javaSplit(input, compiled)
      : guavaSplit(input, compiled);
  };
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'regexp_extract',
    Category.REGULAR_EXPRESSION,
    'extract the first subtring matched by a regex pattern',
    [
      { params: ['STRING pattern', 'STRING input'], returns: 'STRING', create: extract },
      {
        params: ['STRING pattern', 'STRING input', 'INT group'],
        returns: 'STRING',
        create: extract,
      },
    ],
  ),
  scalar(
    'regexp_extract_all',
    Category.REGULAR_EXPRESSION,
    'Extracts the all subtrings matched by a regex pattern',
    [
      { params: ['STRING pattern', 'STRING input'], returns: 'ARRAY<STRING>', create: extractAll },
      {
        params: ['STRING pattern', 'STRING input', 'INT group'],
        returns: 'ARRAY<STRING>',
        create: extractAll,
      },
    ],
  ),
  scalar(
    'regexp_replace',
    Category.REGULAR_EXPRESSION,
    'Replaces all matches of a regexp in a string with a new substring.',
    [
      {
        params: ['STRING str', 'STRING regexp', 'STRING newStr'],
        returns: 'STRING',
        create: replace,
      },
    ],
  ),
  scalar(
    'regexp_split_to_array',
    Category.REGULAR_EXPRESSION,
    'Splits a string into an array of substrings based on a regexp.',
    [{ params: ['STRING string', 'STRING regexp'], returns: 'ARRAY<STRING>', create: split }],
  ),
];
