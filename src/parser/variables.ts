/**
 * `${name}` variable substitution in statement text, as ksqlDB's VariableSubstitutor does it:
 *
 * - Names are case-insensitive (`${replicas}` is `${REPLICAS}`); a reference is `${` + an
 *   identifier + `}`. `$${…}` escapes a reference: it becomes the literal text `${…}`.
 * - Inside a string literal, a defined variable is replaced and an undefined one is left as it is.
 * - Elsewhere a reference stands for one identifier or one literal, so the value must be one: an
 *   identifier (possibly "double-quoted" or `back-quoted`), a 'quoted string', TRUE/FALSE, or a
 *   number. Anything else (`5 AND id != 5`), or an undefined variable, is a ParseError: a value
 *   cannot inject SQL.
 * - Single quotes in a value are doubled, as ksqlDB's sanitizing does (a value that is itself a
 *   quoted string keeps its outer quotes).
 * - Comments and quoted identifiers are left untouched. Values are not substituted recursively.
 */
import { ParseError } from '../common/errors.js';
import type { Span } from '../common/span.js';

const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_@]*)\}/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_@]*$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function substituteVariables(text: string, vars: ReadonlyMap<string, string>): string {
  if (!text.includes('${')) return text;
  const values = new Map<string, string>();
  for (const [name, value] of vars) values.set(name.toUpperCase(), value);
  return new Substitution(text, values).run();
}

class Substitution {
  private out = '';
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly values: ReadonlyMap<string, string>,
  ) {}

  run(): string {
    while (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos, this.pos + 2);
      if (rest === '--') this.copyUntil('\n', false);
      else if (rest === '/*') this.copyUntil('*/', true);
      else if (rest[0] === '`' || rest[0] === '"') this.copyQuoted(rest[0]);
      else if (rest[0] === "'") this.substituteInString();
      else this.substituteToken();
    }
    return this.out;
  }

  private copyUntil(terminator: string, inclusive: boolean): void {
    const end = this.text.indexOf(terminator, this.pos + 2);
    const stop = end === -1 ? this.text.length : end + (inclusive ? terminator.length : 0);
    this.out += this.text.slice(this.pos, stop);
    this.pos = stop;
  }

  private copyQuoted(quote: string): void {
    let end = this.pos + 1;
    while (end < this.text.length) {
      if (this.text[end] === quote && this.text[end + 1] === quote) end += 2;
      else if (this.text[end] === quote) break;
      else end++;
    }
    this.out += this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
  }

  private substituteInString(): void {
    this.out += "'";
    this.pos++;
    while (this.pos < this.text.length) {
      if (this.text.startsWith("''", this.pos)) {
        this.out += "''";
        this.pos += 2;
      } else if (this.text[this.pos] === "'") {
        this.out += "'";
        this.pos++;
        return;
      } else if (!this.escape()) {
        const reference = REFERENCE.exec(this.text.slice(this.pos));
        const value = reference ? this.values.get(reference[1]!.toUpperCase()) : undefined;
        if (reference && value !== undefined) {
          this.out += sanitize(value);
          this.pos += reference[0].length;
        } else {
          this.out += this.text[this.pos];
          this.pos++;
        }
      }
    }
  }

  private substituteToken(): void {
    if (this.escape()) return;
    const reference = REFERENCE.exec(this.text.slice(this.pos));
    if (reference === null) {
      this.out += this.text[this.pos];
      this.pos++;
      return;
    }
    const name = reference[1]!;
    const value = this.values.get(name.toUpperCase());
    if (value === undefined) {
      throw new ParseError(`variable '${name}' is not defined`, this.span());
    }
    if (!isIdentifier(value) && !isLiteral(value)) {
      throw new ParseError(
        `variable '${name}' must be an identifier or a literal to be used here, got: ${value}`,
        this.span(),
      );
    }
    this.out += sanitize(value);
    this.pos += reference[0].length;
  }

  /** `$${` stands for a literal `${`. */
  private escape(): boolean {
    if (!this.text.startsWith('$${', this.pos)) return false;
    this.out += '${';
    this.pos += 3;
    return true;
  }

  private span(): Span {
    const before = this.text.slice(0, this.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    return { line, col: this.pos - lineStart + 1, offset: this.pos };
  }
}

function isQuoted(value: string, quote: string): boolean {
  return value.length >= 2 && value.startsWith(quote) && value.endsWith(quote);
}

function unquote(value: string, quote: string): string {
  return value.slice(1, -1).replaceAll(quote + quote, quote);
}

function isIdentifier(value: string): boolean {
  for (const quote of ['"', '`']) {
    if (isQuoted(value, quote)) return IDENTIFIER.test(unquote(value, quote));
  }
  return IDENTIFIER.test(value);
}

function isLiteral(value: string): boolean {
  return isQuoted(value, "'") || /^(?:true|false)$/i.test(value) || NUMBER.test(value);
}

function sanitize(value: string): string {
  if (isQuoted(value, "'")) return `'${unquote(value, "'").replaceAll("'", "''")}'`;
  return value.replaceAll("'", "''");
}
