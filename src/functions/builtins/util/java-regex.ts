/**
 * Java regular expressions (java.util.regex.Pattern, which ksqlDB's REGEXP_* functions use) run
 * on JavaScript's RegExp, in `u` mode, after translating what differs:
 * - `\s` is ASCII whitespace only, as in Java; `\h`, `\v` (vertical whitespace in Java), `\R`,
 *   `\A`, `\z`, `\Z`, `\Q…\E`, `\e`, `\a`, `\0nn` octal and `\x{…}` are rewritten;
 * - `.` does not match `\u0085` either, and `$` also matches before a final line terminator;
 * - `\p{…}`: POSIX classes (`\p{Lower}`, `\p{Alnum}`, … ASCII-only as in Java), `\p{javaLowerCase}`
 *   and friends, categories (`\p{Lu}`, `\p{IsL}`), scripts (`\p{IsLatin}`), binary properties
 *   (`\p{IsAlphabetic}`); Unicode blocks (`\p{InGreek}`) are not supported;
 * - character classes may nest (`[a-d[m-p]]`) and intersect (`[a-z&&[^aeiou]]`);
 * - flags written at the start (`(?i)`, `(?s)`, `(?m)`, `(?x)`, `(?d)`, `(?u)`) apply; inline flags
 *   anywhere else are not supported;
 * - possessive quantifiers (`a*+`) and atomic groups (`(?>…)`) are matched as their greedy and
 *   non-atomic forms: the same matches except where backtracking into them would change the
 *   outcome. `\G` is not supported;
 * - `(?i)` folds case as Unicode does (Java folds ASCII only unless `(?u)` is also given).
 * Unsupported features and syntax errors throw PatternSyntaxError.
 */
import {
  classText,
  codePointText,
  HSPACE,
  propertyClass,
  SPACE,
  unionAtom,
  VSPACE,
  type ClassPart,
} from './java-regex-parts.js';

export class PatternSyntaxError extends Error {}

export interface JavaRegex {
  /** The translated expression, with the `g` flag (callers reset lastIndex). */
  readonly regex: RegExp;
  readonly groupCount: number;
}

interface Flags {
  caseInsensitive: boolean;
  multiline: boolean;
  dotAll: boolean;
  comments: boolean;
  unixLines: boolean;
}

export function compileJavaRegex(pattern: string): JavaRegex {
  const translator = new Translator(pattern);
  const source = translator.translate();
  let regex: RegExp;
  try {
    regex = new RegExp(source, translator.flags.caseInsensitive ? 'giu' : 'gu');
  } catch (error) {
    throw new PatternSyntaxError(`${(error as Error).message} in pattern ${pattern}`);
  }
  const groupCount = new RegExp(`${source}|`, 'u').exec('')!.length - 1;
  return { regex, groupCount };
}

class Translator {
  readonly flags: Flags = {
    caseInsensitive: false,
    multiline: false,
    dotAll: false,
    comments: false,
    unixLines: false,
  };
  private pos = 0;
  private groups = 0;
  private emitted = false;

  constructor(private readonly pattern: string) {}

  translate(): string {
    let out = '';
    while (this.pos < this.pattern.length) out += this.next();
    return out;
  }

  private next(): string {
    const c = this.pattern[this.pos]!;
    if (this.flags.comments && this.skipComment()) return '';
    if (c === '(' && this.flagGroup()) return '';
    this.emitted = true;
    this.pos++;
    switch (c) {
      case '\\':
        return this.escape();
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '.':
        return this.flags.dotAll
          ? '[\\s\\S]'
          : this.flags.unixLines
            ? '[^\\n]'
            : '[^\\n\\r\\x85\\u2028\\u2029]';
      case '$':
        return this.dollar();
      case '^':
        return this.flags.multiline ? `(?:^|(?<=${this.terminatorBehind()})(?=[\\s\\S]))` : '^';
      case '*':
      case '+':
      case '?':
        return c + this.quantifierSuffix();
      case '{':
        return this.braces();
      case '}':
      case ']':
        return `\\${c}`;
      default:
        return c;
    }
  }

  private braces(): string {
    const match = /^(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos));
    if (!match) throw this.error('Illegal repetition');
    this.pos += match[0].length;
    return `{${match[1]}${match[2] ?? ''}}${this.quantifierSuffix()}`;
  }

  private quantifierSuffix(): string {
    const c = this.pattern[this.pos];
    if (c === '?') {
      this.pos++;
      return '?';
    }
    if (c === '+') this.pos++;
    return '';
  }

  private dollar(): string {
    const ahead = this.flags.unixLines ? '\\n' : '(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])';
    if (this.flags.multiline) {
      return this.flags.unixLines
        ? '(?=\\n|(?![\\s\\S]))'
        : '(?=[\\n\\r\\x85\\u2028\\u2029]|(?![\\s\\S]))';
    }
    return `(?=${ahead}?(?![\\s\\S]))`;
  }

  private terminatorBehind(): string {
    return this.flags.unixLines ? '\\n' : '[\\n\\x85\\u2028\\u2029]|\\r(?!\\n)';
  }

  private skipComment(): boolean {
    const c = this.pattern[this.pos]!;
    if (/\s/.test(c)) {
      this.pos++;
      return true;
    }
    if (c === '#') {
      while (this.pos < this.pattern.length && this.pattern[this.pos] !== '\n') this.pos++;
      return true;
    }
    return false;
  }

  /** `(?idmsux-idmsux)`: applies at the start of the pattern only. */
  private flagGroup(): boolean {
    const match = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?(\)|:)/.exec(this.pattern.slice(this.pos));
    if (!match || (match[1] === '' && match[2] === undefined)) return false;
    if (match[3] === ':' || this.emitted) {
      throw this.error('Inline flags are supported only at the start of the pattern');
    }
    this.setFlags(match[1]!, true);
    this.setFlags(match[2] ?? '', false);
    this.pos += match[0].length;
    return true;
  }

  private setFlags(letters: string, on: boolean): void {
    for (const letter of letters) {
      if (letter === 'i') this.flags.caseInsensitive = on;
      if (letter === 'm') this.flags.multiline = on;
      if (letter === 's') this.flags.dotAll = on;
      if (letter === 'x') this.flags.comments = on;
      if (letter === 'd') this.flags.unixLines = on;
    }
  }

  private group(): string {
    const rest = this.pattern.slice(this.pos);
    if (rest.startsWith('?>')) {
      this.pos += 2;
      return '(?:';
    }
    if (/^\?(?:[:=!]|<[=!])/.test(rest)) {
      const length = rest[1] === '<' ? 3 : 2;
      this.pos += length;
      return `(${rest.slice(0, length)}`;
    }
    const named = /^\?<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
    if (named) {
      this.groups++;
      this.pos += named[0].length;
      return `(?<${named[1]}>`;
    }
    if (rest.startsWith('?')) throw this.error('Unknown inline modifier');
    this.groups++;
    return '(';
  }

  private escape(): string {
    const c = this.pattern[this.pos++];
    if (c === undefined) throw this.error('Unexpected internal error');
    if (c >= '1' && c <= '9') return this.backReference(c);
    switch (c) {
      case 'Q':
        return this.quoted();
      case 's':
        return `[${SPACE}]`;
      case 'S':
        return `[^${SPACE}]`;
      case 'h':
        return `[${HSPACE}]`;
      case 'H':
        return `[^${HSPACE}]`;
      case 'v':
        return `[${VSPACE}]`;
      case 'V':
        return `[^${VSPACE}]`;
      case 'R':
        return `(?:\\r\\n|[${VSPACE}])`;
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return '(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?(?![\\s\\S]))';
      case 'b':
      case 'B':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${c}`;
      case 'k':
        return this.namedReference();
      case 'p':
      case 'P': {
        const part = this.property(c === 'P');
        return 'atom' in part ? part.atom : `[${part.inClass}]`;
      }
      default: {
        const literal = this.literalEscape(c);
        return literal === null ? this.fail(c) : codePointText(literal);
      }
    }
  }

  private backReference(first: string): string {
    let number = Number(first);
    while (/\d/.test(this.pattern[this.pos] ?? '')) {
      const longer = number * 10 + Number(this.pattern[this.pos]);
      if (longer > this.groups) break;
      number = longer;
      this.pos++;
    }
    if (number > this.groups) return '(?!)';
    return `(?:\\${number})`;
  }

  private namedReference(): string {
    const match = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.pos));
    if (!match) throw this.error("\\k is not followed by '<' for named capturing group");
    this.pos += match[0].length;
    return `\\k<${match[1]}>`;
  }

  private quoted(): string {
    const end = this.pattern.indexOf('\\E', this.pos);
    const text = this.pattern.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.pattern.length : end + 2;
    return [...text].map((ch) => codePointText(ch.codePointAt(0)!)).join('');
  }

  /** The code point of a literal escape (`\t`, `\x41`, `\0101`, `\.`), or null when not one. */
  private literalEscape(c: string): number | null {
    const simple: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };
    if (simple[c] !== undefined) return simple[c]!;
    const rest = this.pattern.slice(this.pos);
    let match: RegExpExecArray | null;
    if (c === '0' && (match = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(rest))) {
      this.pos += match[0].length;
      return parseInt(match[0], 8);
    }
    if (c === 'x' && (match = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(rest))) {
      this.pos += match[0].length;
      return parseInt(match[1] ?? match[2]!, 16);
    }
    if (c === 'u' && (match = /^[0-9a-fA-F]{4}/.exec(rest))) {
      this.pos += 4;
      return parseInt(match[0], 16);
    }
    if (c === 'c' && rest.length > 0) {
      this.pos++;
      return rest.charCodeAt(0) ^ 64;
    }
    if (/[a-zA-Z0-9]/.test(c)) return null;
    return c.codePointAt(0)!;
  }

  private property(negated: boolean): ClassPart {
    let name: string;
    if (this.pattern[this.pos] === '{') {
      const end = this.pattern.indexOf('}', this.pos);
      if (end < 0) throw this.error('Unclosed character family');
      name = this.pattern.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      name = this.pattern[this.pos++] ?? '';
    }
    const inClass = propertyClass(name);
    if (inClass === null) throw this.error(`Unknown character property name {${name}}`);
    return negated ? { atom: `[^${inClass}]` } : { inClass };
  }

  /** A class, from after its `[` to after its `]`: one JS atom. */
  private characterClass(): string {
    const negated = this.pattern[this.pos] === '^';
    if (negated) this.pos++;
    const operands: ClassPart[][] = [[]];
    let first = true;
    for (;;) {
      const c = this.pattern[this.pos];
      if (c === undefined) throw this.error('Unclosed character class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const current = operands[operands.length - 1]!;
      if (this.flags.comments && /\s/.test(c)) {
        this.pos++;
      } else if (c === '&' && this.pattern[this.pos + 1] === '&') {
        this.pos += 2;
        operands.push([]);
      } else if (c === '[') {
        this.pos++;
        current.push({ atom: this.characterClass() });
      } else {
        current.push(this.classItem());
      }
    }
    const filled = operands.filter((o) => o.length > 0);
    if (filled.length === 1 && filled[0]!.every((p) => 'inClass' in p)) {
      const content = filled[0]!.map((p) => ('inClass' in p ? p.inClass : '')).join('');
      return `[${negated ? '^' : ''}${content}]`;
    }
    const atoms = filled.map(unionAtom);
    const last = atoms.pop() ?? '[]';
    const body = `(?:${atoms.map((a) => `(?=${a})`).join('')}${last})`;
    return negated ? `(?:(?!${body})[\\s\\S])` : body;
  }

  private classItem(): ClassPart {
    const start = this.classChar();
    if (typeof start !== 'number') return start;
    const next = this.pattern[this.pos + 1];
    if (this.pattern[this.pos] === '-' && next !== ']' && next !== undefined && next !== '[') {
      this.pos++;
      const end = this.classChar();
      if (typeof end !== 'number' || end < start) throw this.error('Illegal character range');
      return { inClass: `${classText(start)}-${classText(end)}` };
    }
    return { inClass: classText(start) };
  }

  /** One character of a class, or a class escape (`\d`, `\p{…}`). */
  private classChar(): number | ClassPart {
    const code = this.pattern.codePointAt(this.pos)!;
    this.pos += code > 0xffff ? 2 : 1;
    if (code !== 0x5c) return code;
    const e = this.pattern[this.pos++];
    switch (e) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { inClass: `\\${e}` };
      case 's':
        return { inClass: SPACE };
      case 'S':
        return { atom: `[^${SPACE}]` };
      case 'h':
        return { inClass: HSPACE };
      case 'H':
        return { atom: `[^${HSPACE}]` };
      case 'v':
        return { inClass: VSPACE };
      case 'V':
        return { atom: `[^${VSPACE}]` };
      case 'p':
      case 'P':
        return this.property(e === 'P');
      case 'Q': {
        const end = this.pattern.indexOf('\\E', this.pos);
        const text = this.pattern.slice(this.pos, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.pattern.length : end + 2;
        return { inClass: [...text].map((ch) => classText(ch.codePointAt(0)!)).join('') };
      }
      default: {
        const literal = e === undefined ? null : this.literalEscape(e);
        return literal === null ? this.fail(e ?? '') : literal;
      }
    }
  }

  private fail(c: string): never {
    throw this.error(`Illegal/unsupported escape sequence \\${c}`);
  }

  private error(message: string): PatternSyntaxError {
    return new PatternSyntaxError(`${message} near index ${this.pos}\n${this.pattern}`);
  }
}
