/**
 * Type patterns: the parameter and return types of function signatures, parsed once from the
 * strings written in definitions (see definition.ts for the syntax), and printed back the way
 * ksqlDB prints its ParamTypes in error messages and DESCRIBE FUNCTION.
 *
 * A parameter pattern may be followed by a parameter name (`ARRAY<T> list`), shown in messages
 * as ksqlDB shows the Java parameter names.
 */
import { InternalError } from '../common/errors.js';

export type PrimitiveParamBase =
  'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'STRING' | 'BYTES' | 'TIMESTAMP' | 'DATE' | 'TIME';

/** A parsed type pattern. */
export type ParamType =
  | { readonly kind: 'primitive'; readonly base: PrimitiveParamBase }
  /** Without precision: any decimal. */
  | { readonly kind: 'decimal'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'array'; readonly items: ParamType }
  | { readonly kind: 'map'; readonly key: ParamType; readonly value: ParamType }
  /** fields null: any struct. */
  | { readonly kind: 'struct'; readonly fields: readonly StructParamField[] | null }
  | { readonly kind: 'generic'; readonly name: string }
  | { readonly kind: 'lambda'; readonly params: readonly ParamType[]; readonly returns: ParamType }
  | { readonly kind: 'intervalUnit' }
  | { readonly kind: 'any' };

export interface StructParamField {
  readonly name: string;
  readonly type: ParamType;
}

export interface ParsedParam {
  readonly type: ParamType;
  readonly name?: string;
}

const PRIMITIVES: Readonly<Record<string, PrimitiveParamBase>> = {
  BOOLEAN: 'BOOLEAN',
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  STRING: 'STRING',
  VARCHAR: 'STRING',
  BYTES: 'BYTES',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  TIME: 'TIME',
};

/** Parses a parameter pattern, optionally followed by the parameter's name. */
export function parseParamPattern(text: string): ParsedParam {
  const parser = new PatternParser(text);
  const type = parser.type();
  const name = parser.atEnd() ? undefined : parser.word();
  parser.expectEnd();
  return name === undefined ? { type } : { type, name };
}

/** Parses a type pattern (a return type). */
export function parseTypePattern(text: string): ParamType {
  const parser = new PatternParser(text);
  const type = parser.type();
  parser.expectEnd();
  return type;
}

class PatternParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  expectEnd(): void {
    if (!this.atEnd()) this.fail('unexpected text');
  }

  type(): ParamType {
    const word = this.word();
    const upper = word.toUpperCase();
    const primitive = PRIMITIVES[upper];
    if (primitive) return { kind: 'primitive', base: primitive };
    switch (upper) {
      case 'DECIMAL':
        return this.decimal();
      case 'ARRAY': {
        this.expect('<');
        const items = this.type();
        this.expect('>');
        return { kind: 'array', items };
      }
      case 'MAP': {
        this.expect('<');
        const key = this.type();
        this.expect(',');
        const value = this.type();
        this.expect('>');
        return { kind: 'map', key, value };
      }
      case 'STRUCT':
        return this.struct();
      case 'FUNCTION':
        return this.lambda();
      case 'INTERVALUNIT':
        return { kind: 'intervalUnit' };
      case 'ANY':
        return { kind: 'any' };
      default:
        if (/^[A-Z]$/.test(word)) return { kind: 'generic', name: word };
        return this.fail(`unknown type '${word}'`);
    }
  }

  word(): string {
    this.skipSpace();
    const quoted = this.text[this.pos] === '`';
    if (quoted) {
      const end = this.text.indexOf('`', this.pos + 1);
      if (end < 0) this.fail('unterminated quoted name');
      const name = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return name;
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private decimal(): ParamType {
    if (!this.peek('(')) return { kind: 'decimal' };
    this.expect('(');
    const precision = this.integer();
    this.expect(',');
    const scale = this.integer();
    this.expect(')');
    return { kind: 'decimal', precision, scale };
  }

  private struct(): ParamType {
    if (!this.peek('<')) return { kind: 'struct', fields: null };
    this.expect('<');
    const fields: StructParamField[] = [];
    while (!this.peek('>')) {
      if (fields.length > 0) this.expect(',');
      const name = this.word();
      fields.push({ name, type: this.type() });
    }
    this.expect('>');
    return { kind: 'struct', fields };
  }

  private lambda(): ParamType {
    this.expect('(');
    const params: ParamType[] = [];
    while (!this.peek(')')) {
      if (params.length > 0) this.expect(',');
      params.push(this.type());
    }
    this.expect(')');
    this.expect('=>');
    return { kind: 'lambda', params, returns: this.type() };
  }

  private integer(): number {
    this.skipSpace();
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('expected a number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.pos);
  }

  private expect(token: string): void {
    if (!this.peek(token)) this.fail(`expected '${token}'`);
    this.pos += token.length;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private fail(reason: string): never {
    throw new InternalError(`bad type pattern '${this.text}' at ${this.pos}: ${reason}`);
  }
}

/** The generic names a pattern contains, in order of first appearance. */
export function genericsOf(type: ParamType, into: string[] = []): string[] {
  switch (type.kind) {
    case 'generic':
      if (!into.includes(type.name)) into.push(type.name);
      break;
    case 'array':
      genericsOf(type.items, into);
      break;
    case 'map':
      genericsOf(type.key, into);
      genericsOf(type.value, into);
      break;
    case 'struct':
      for (const field of type.fields ?? []) genericsOf(field.type, into);
      break;
    case 'lambda':
      for (const param of type.params) genericsOf(param, into);
      genericsOf(type.returns, into);
      break;
    default:
      break;
  }
  return into;
}

export function hasGenerics(type: ParamType): boolean {
  return genericsOf(type).length > 0;
}

/** As ksqlDB's ParamType.toString(): `ARRAY<T>`, `DECIMAL`, `LAMBDA (T) -> U`. */
export function formatParamType(type: ParamType): string {
  switch (type.kind) {
    case 'primitive':
      return type.base;
    case 'decimal':
      return type.precision === undefined
        ? 'DECIMAL'
        : `DECIMAL(${type.precision}, ${type.scale ?? 0})`;
    case 'array':
      return `ARRAY<${formatParamType(type.items)}>`;
    case 'map':
      return `MAP<${formatParamType(type.key)}, ${formatParamType(type.value)}>`;
    case 'struct':
      return `STRUCT<${(type.fields ?? []).map((f) => `${f.name} ${formatParamType(f.type)}`).join(', ')}>`;
    case 'generic':
      return type.name;
    case 'lambda':
      return `LAMBDA (${type.params.map(formatParamType).join(', ')}) -> ${formatParamType(type.returns)}`;
    case 'intervalUnit':
      return 'INTERVALUNIT';
    case 'any':
      return 'ANY';
  }
}
